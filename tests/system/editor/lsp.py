"""A small client of the Language Server Protocol over a server's stdio (standard library only),
set up for the YAML language server as editors run it.

JSON-RPC 2.0 messages framed by ``Content-Length`` headers; one thread reads the server's
output, answers the requests it sends (``workspace/configuration`` with the settings below;
anything else with null) and keeps its notifications. Things worth knowing about the server:

- it caches documents by (uri, version), so versions keep growing across close and reopen;
- closing a document publishes an empty diagnostics list for it, which must not be taken for
  the result of the next open;
- diagnostics are debounced (about 200 ms) and carry no version: the newest publish after a
  short quiet spell is the answer;
- completion offers every value of an enum whatever was typed (the client filters).
"""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

# As an editor configured for treaty's files: the schema comes from each file's modeline, and
# the schema and Kubernetes stores (on by default, fetched over the network) are off.
SETTINGS: dict[str, Any] = {
    "yaml": {
        "validate": True,
        "completion": True,
        "hover": True,
        "format": {"enable": False},
        "schemas": {},
        "schemaStore": {"enable": False, "url": ""},
        "kubernetesCRDStore": {"enable": False},
        "yamlVersion": "1.2",
    },
    "http": {"proxy": "", "proxyStrictSSL": False},
    "[yaml]": {},
    "editor": {},
}


class LanguageServerError(Exception):
    """An error answer, a timeout, or a server that went away."""


class YamlLanguageServer:
    """One running server, with the few requests the tests make."""

    def __init__(self, command: list[str], root: Path, timeout: float = 30.0) -> None:
        self.root = root.resolve()
        self.timeout = timeout
        self.notifications: list[dict[str, Any]] = []
        self.stderr: list[str] = []
        self._proc = subprocess.Popen(
            [*command, "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=self.root,
            bufsize=0,
        )
        self._cond = threading.Condition()
        self._write = threading.Lock()
        self._answers: dict[int, dict[str, Any]] = {}
        self._next_id = 0
        self._closed = False
        self._configured = False
        self._versions: dict[str, int] = {}
        threading.Thread(target=self._read_loop, daemon=True).start()
        threading.Thread(target=self._stderr_loop, daemon=True).start()
        self._initialize()

    def __enter__(self) -> YamlLanguageServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the wire ----------------------------------------------------------------------

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self._proc.stdin is not None
        with self._write:
            try:
                self._proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
                self._proc.stdin.flush()
            except OSError as exc:
                raise LanguageServerError(f"the server is not running: {exc}") from exc

    def _read_message(self) -> dict[str, Any] | None:
        stream = self._proc.stdout
        assert stream is not None
        length = None
        while True:
            line = stream.readline()
            if not line:
                raise EOFError
            line = line.strip()
            if not line:
                if length is not None:
                    break
                continue
            name, _, value = line.decode("ascii", "replace").partition(":")
            if name.strip().lower() == "content-length":
                length = int(value)
        body = b""
        while len(body) < length:
            chunk = stream.read(length - len(body))
            if not chunk:
                raise EOFError
            body += chunk
        message = json.loads(body)
        return message if isinstance(message, dict) else None

    def _read_loop(self) -> None:
        try:
            while True:
                message = self._read_message()
                if message is not None:
                    self._dispatch(message)
        except (EOFError, OSError, ValueError):
            pass
        finally:
            with self._cond:
                self._closed = True
                self._cond.notify_all()

    def _stderr_loop(self) -> None:
        assert self._proc.stderr is not None
        for raw in iter(self._proc.stderr.readline, b""):
            self.stderr.append(raw.decode("utf-8", "replace").rstrip("\n"))

    def _dispatch(self, message: dict[str, Any]) -> None:
        if "method" in message and "id" in message:  # the server asks
            result: Any = None
            if message["method"] == "workspace/configuration":
                items = (message.get("params") or {}).get("items", [])
                result = [SETTINGS.get(item.get("section")) for item in items]
            self._send({"id": message["id"], "result": result})
            with self._cond:
                if message["method"] == "workspace/configuration":
                    self._configured = True
                self._cond.notify_all()
        elif "method" in message:
            with self._cond:
                self.notifications.append(message)
                self._cond.notify_all()
        elif "id" in message:
            with self._cond:
                self._answers[message["id"]] = message
                self._cond.notify_all()

    def _wait(self, ready: Callable[[], Any], what: str) -> Any:
        deadline = time.monotonic() + self.timeout
        with self._cond:
            while not (value := ready()):
                left = deadline - time.monotonic()
                if self._closed or left <= 0:
                    state = "exited" if self._closed else f"gave no answer in {self.timeout} s"
                    raise LanguageServerError(f"the server {state} ({what}); {self.stderr}")
                self._cond.wait(left)
            return value

    def request(self, method: str, params: Any) -> Any:
        with self._cond:
            self._next_id += 1
            number = self._next_id
        self._send({"id": number, "method": method, "params": params})
        answer = self._wait(lambda: self._answers.pop(number, None), method)
        if "error" in answer:
            raise LanguageServerError(f"{method}: {answer['error']}")
        return answer.get("result")

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    # -- the session -------------------------------------------------------------------

    def _initialize(self) -> None:
        folder = {"uri": self.root.as_uri(), "name": self.root.name}
        result = self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": folder["uri"],
                "workspaceFolders": [folder],
                "capabilities": {
                    "workspace": {"configuration": True, "workspaceFolders": True},
                    "textDocument": {
                        "publishDiagnostics": {},
                        "completion": {
                            "completionItem": {"documentationFormat": ["markdown", "plaintext"]}
                        },
                        "hover": {"contentFormat": ["markdown", "plaintext"]},
                    },
                },
            },
        )
        self.server_info: dict[str, Any] = result.get("serverInfo", {})
        self.notify("initialized", {})
        # The server asks for its settings now; documents opened before the answer would be
        # checked with its defaults.
        self._wait(lambda: self._configured, "workspace/configuration")
        time.sleep(0.1)

    def close(self) -> None:
        if self._proc.poll() is None:
            try:
                self.request("shutdown", None)
                self.notify("exit", None)
                self._proc.wait(10)
            except (LanguageServerError, subprocess.TimeoutExpired):
                self._proc.kill()
                self._proc.wait()
        for stream in (self._proc.stdin, self._proc.stdout, self._proc.stderr):
            if stream is not None:
                stream.close()

    def _published(self, uri: str) -> int:
        """The index of the newest diagnostics for ``uri``, or -1."""
        for i in range(len(self.notifications) - 1, -1, -1):
            note = self.notifications[i]
            method, params = note["method"], note.get("params") or {}
            if method == "textDocument/publishDiagnostics" and params.get("uri") == uri:
                return i
        return -1

    def open(self, path: Path, text: str | None = None) -> list[dict[str, Any]]:
        """Open ``path`` (with ``text`` instead of its content, if given) and return the
        server's diagnostics of it."""
        uri = path.resolve().as_uri()
        text = path.read_text("utf-8") if text is None else text
        self._versions[uri] = self._versions.get(uri, 0) + 1
        with self._cond:
            before = self._published(uri)
        document = {"uri": uri, "languageId": "yaml", "version": self._versions[uri]}
        self.notify("textDocument/didOpen", {"textDocument": {**document, "text": text}})
        self._wait(lambda: self._published(uri) > before, f"diagnostics of {path}")
        while True:  # the newest, once nothing new came for a while
            with self._cond:
                seen = self._published(uri)
            time.sleep(0.3)
            with self._cond:
                if self._published(uri) == seen:
                    found: list[dict[str, Any]] = self.notifications[seen]["params"]["diagnostics"]
                    return found

    def close_document(self, path: Path) -> None:
        """Close an open document (the server then clears its diagnostics: wait for that)."""
        uri = path.resolve().as_uri()
        with self._cond:
            before = self._published(uri)
        self.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        self._wait(lambda: self._published(uri) > before, f"closing {uri}")

    def diagnostics(self, path: Path, text: str | None = None) -> list[dict[str, Any]]:
        """``open`` and close again."""
        try:
            return self.open(path, text)
        finally:
            self.close_document(path)

    def _at(self, method: str, path: Path, line: int, character: int) -> Any:
        position = {"line": line, "character": character}
        return self.request(
            method, {"textDocument": {"uri": path.resolve().as_uri()}, "position": position}
        )

    def completion(self, path: Path, line: int, character: int) -> list[str]:
        """The labels offered at a 0-based position of an open document."""
        found = self._at("textDocument/completion", path, line, character)
        items = found.get("items", []) if isinstance(found, dict) else found or []
        return [item["label"] for item in items]

    def hover(self, path: Path, line: int, character: int) -> str | None:
        """The hover text (Markdown) at a 0-based position of an open document, or None."""
        found = self._at("textDocument/hover", path, line, character)
        if not found:
            return None
        contents = found["contents"]
        assert isinstance(contents, dict) and contents["kind"] == "markdown", contents
        value: str = contents["value"]
        return value
