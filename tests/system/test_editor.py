"""The schemas in the real YAML language server, as editors run it (VS Code's YAML extension,
Neovim, Helix, Emacs and Zed all run this server over stdio).

The server is installed from npm by ``scripts/test.d/18-language-server.sh`` (pinned in
``tests/system/editor/package-lock.json``); a run that finds it missing installs it the same
way, and fails when it cannot: the test never skips.

Checked: bundled files get no diagnostics; on broken files the server marks every problem
that a schema can express at the line and column where ``treaty validate`` puts it, and
nothing where treaty sees no problem; completion offers the field names and stance values
of the models; hover texts hold no raw HTML. These compare with the schemas and models as
they are, so a new schema rule needs no change here.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO, copy_project, invoke
from tests.system.editor.lsp import YamlLanguageServer
from treaty.model import Stance

EDITOR = REPO / "tests" / "system" / "editor"
SERVER = EDITOR / "node_modules" / ".bin" / "yaml-language-server"
INSTALLER = REPO / "scripts" / "test.d" / "18-language-server.sh"
# Problems a JSON Schema can express: YAML's own duplicate keys, and fields, types and values.
SCHEMA_CODES = {"T002", "T101", "T102", "T103", "T104", "T105"}
CLAUSE = "clauses/us-russia/4.1.yaml"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(REPO, tmp_path_factory.mktemp("editor") / "project")


@pytest.fixture(scope="module")
def server(project: Path) -> Iterator[YamlLanguageServer]:
    if not SERVER.exists():
        done = subprocess.run(["bash", str(INSTALLER)], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
    with YamlLanguageServer([str(SERVER)], project) as running:
        yield running
    assert running.stderr == []


def test_the_server_is_the_pinned_one(server: YamlLanguageServer) -> None:
    lock = json.loads((EDITOR / "package-lock.json").read_text("utf-8"))
    pinned = lock["packages"]["node_modules/yaml-language-server"]["version"]
    installed = json.loads(
        (EDITOR / "node_modules" / "yaml-language-server" / "package.json").read_text("utf-8")
    )["version"]
    assert installed == pinned == "1.25.0"


def _project_files(project: Path) -> list[Path]:
    return sorted([*project.glob("clauses/**/*.yaml"), project / "seeds" / "sources.yaml"])


def test_bundled_files_have_no_diagnostics(server: YamlLanguageServer, project: Path) -> None:
    files = _project_files(project)
    assert len(files) >= 14
    for path in files:
        assert path.read_text("utf-8").startswith("# yaml-language-server: $schema=")
        assert server.diagnostics(path) == [], path


def _treaty_places(project: Path, rel: str) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """(where treaty puts problems a schema can express, where it puts any) in file ``rel``,
    as 0-based (line, character) like the server's."""
    result = invoke(["validate", "--root", str(project), "--no-cache", "--format", "json"])
    problems = [p for p in json.loads(result.output)["problems"] if p["path"].endswith(rel)]
    assert problems, "the case is not broken"
    every = {(p["line"] - 1, p["column"] - 1) for p in problems if p["line"] is not None}
    schema = {(p["line"] - 1, p["column"] - 1) for p in problems if p["code"] in SCHEMA_CODES}
    return schema, every


def _replace(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


BROKEN = {
    "enum": lambda t: _replace(t, "stance: never-agree", "stance: maybe"),
    "unknown-nested-field": lambda t: _replace(
        t, "    stance: never-agree\n", "    stance: never-agree\n    tone: firm\n"
    ),
    "missing-field": lambda t: _replace(t, "title: No further eastward expansion of NATO\n", ""),
    "wrong-type": lambda t: _replace(t, "article: 4\n", "article: four\n"),
    "id-pattern": lambda t: _replace(t, "id: us-russia.4.1", "id: US-Russia.4.1"),
    "date-form": lambda t: _replace(t, "date: 2021-12-23", "date: 2021/12/23"),
    "text-kind": lambda t: _replace(t, "text_kind: paraphrase", "text_kind: summary"),
    "duplicate-key": lambda t: _replace(t, "treaty: us-russia\n", "treaty: us-russia\n" * 2),
    "misquote": lambda t: _replace(t, "not ready to agree", "never ready to agree"),
    "combined": lambda t: _replace(
        _replace(
            _replace(t, "stance: never-agree", "stance: maybe"),
            "date: 2021-12-28",
            "date: 28/12/2021",
        ),
        "    basis: explicit\n",
        "    basis: explicit\n    weight: 3\n",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_diagnostics_are_where_treaty_puts_them(
    case: str, server: YamlLanguageServer, project: Path
) -> None:
    path = project / CLAUSE
    original = path.read_text("utf-8")
    broken = BROKEN[case](original)
    path.write_text(broken, "utf-8")
    try:
        schema, every = _treaty_places(project, CLAUSE)
        found = server.diagnostics(path, broken)
    finally:
        path.write_text(original, "utf-8")
    starts = {(d["range"]["start"]["line"], d["range"]["start"]["character"]) for d in found}
    assert schema <= starts, (schema, found)  # everything a schema can say, said where treaty says
    assert starts <= every, (every, found)  # and nothing where treaty sees no problem
    if case == "misquote":  # a rule across files: treaty's alone
        assert found == [] and every


def _schema(name: str) -> dict[str, object]:
    loaded: dict[str, object] = json.loads((REPO / "schemas" / name).read_text("utf-8"))
    return loaded


def test_completion_offers_every_field_name(server: YamlLanguageServer, project: Path) -> None:
    path = project / "clauses" / "us-russia" / "9.yaml"
    text = "# yaml-language-server: $schema=../../schemas/clause.schema.json\nid: us-russia.9\n\n"
    server.open(path, text)
    try:
        offered = set(server.completion(path, 2, 0))
    finally:
        server.close_document(path)
    properties = _schema("clause.schema.json")["properties"]
    assert isinstance(properties, dict)
    assert set(properties) - {"id"} <= offered


def test_completion_offers_the_stance_values(server: YamlLanguageServer, project: Path) -> None:
    path = project / CLAUSE
    text = path.read_text("utf-8")
    lines = text.splitlines()
    line = next(i for i, s in enumerate(lines) if s.startswith("    stance: "))
    server.open(path, text)
    try:
        offered = server.completion(path, line, len("    stance: "))
        typed = server.completion(path, line, len("    stance: ne"))
    finally:
        server.close_document(path)
    assert sorted(offered) == sorted(s.value for s in Stance)
    # The server does not filter by what was typed (an editor does): the same values.
    assert sorted(typed) == sorted(offered)


KEY = re.compile(r"^(?P<indent>\s*(?:- )?)(?P<key>[a-z_]+):")
CODE = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)
HTML = re.compile(r"<[A-Za-z/!?]")


@pytest.mark.parametrize(
    "rel", [CLAUSE, "clauses/us-russia/treaty.yaml", "clauses/topics.yaml", "seeds/sources.yaml"]
)
def test_hover_texts_hold_no_raw_html(rel: str, server: YamlLanguageServer, project: Path) -> None:
    path = project / rel
    text = path.read_text("utf-8")
    server.open(path, text)
    hovers = []
    try:
        for number, line in enumerate(text.splitlines()):
            match = KEY.match(line)
            if match:
                hovers.append(server.hover(path, number, len(match["indent"])))
    finally:
        server.close_document(path)
    shown = [h for h in hovers if h]
    assert len(shown) >= 2
    for hover in shown:
        assert not HTML.search(CODE.sub("", hover)), hover
    if rel == CLAUSE:  # the description of id holds angle brackets: shown as code
        assert "`<treaty-id>.<article>[.<paragraph>]`" in shown[0]
