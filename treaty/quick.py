"""``treaty validate`` answered from the cache alone, before the command-line framework loads.

On a warm run (nothing changed since the last one) the whole answer is in ``.treaty-cache/``,
and importing typer, pydantic and the YAML loader would cost more than the run itself. This
recognises the plain forms of the command - ``treaty validate [--root DIR] [--format F]
[PATH...]`` - and answers them when the cache vouches for every file. Anything else (another
command, any other option, help, an odd path, a file that changed) returns None, and the full
command line runs as usual, so the two never differ in what they accept or report.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

FORMATS = ("text", "json", "github")


@dataclass
class Request:
    """A plain ``treaty validate`` invocation."""

    root: Path | None = None
    fmt: str = "text"
    paths: list[Path] = field(default_factory=list)


def parse(args: list[str]) -> Request | None:
    """The request, if ``args`` are a plain ``validate`` invocation; None otherwise."""
    if not args or args[0] != "validate":
        return None
    request = Request()
    rest = iter(args[1:])
    for arg in rest:
        if arg == "--":
            request.paths += [Path(a) for a in rest]
            break
        name, eq, value = arg.partition("=")
        if name in ("--root", "--format", "-f") and not eq:
            value = next(rest, "")
        if name == "--root" and value:
            request.root = Path(value)
        elif name in ("--format", "-f") and value in FORMATS:
            request.fmt = value
        elif arg.startswith("-") or not arg:
            return None  # options the full command line must handle (or refuse)
        else:
            request.paths.append(Path(arg))
    return request


def answer(args: list[str]) -> int | None:
    """Print the report and return the exit code, if the cache can answer ``args`` alone."""
    request = parse(args)
    if request is None:
        return None
    from treaty.project import ProjectNotFound, find_project

    try:
        project = find_project(root=request.root)
    except ProjectNotFound:
        return None
    if request.root is not None and not request.root.is_dir():
        return None
    for path in request.paths:
        if not path.absolute().parent.resolve().is_relative_to(project.root):
            return None  # the full command says why it refuses the path

    from treaty.checking import Options, check

    result = check(project, request.paths or None, Options(), cache_only=True)
    if result is None:
        return None
    from treaty.problem_report import FORMATS as RENDER

    text = RENDER[request.fmt](result)
    try:
        text.encode(sys.stdout.encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return None  # let the full command line deal with a terminal that cannot show it
    sys.stdout.write(text)
    sys.stdout.flush()
    return 0 if result.ok else 1
