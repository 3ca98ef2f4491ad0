"""The plain forms of ``treaty validate``, run without loading the command-line framework.

``treaty validate`` runs in pre-commit hooks on every commit. Importing typer costs about
100 ms, more than a warm run over 10,000 files, and a warm run imports no checker either (see
``treaty.cache.run``). So this recognises the plain forms of the command - ``treaty validate
[--root DIR] [--format F] [--no-cache] [--no-cache-write] [PATH...]`` - and runs them itself.
Anything else (another command, any other option or value, help, a path outside the project,
a project that cannot be found) returns None and the full command line runs as usual: it is
the one that explains mistakes, and tests check the two report the same.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

FORMATS = ("text", "json", "github", "sarif")


@dataclass
class Request:
    """A plain ``treaty validate`` invocation."""

    root: Path | None = None
    fmt: str = "text"
    paths: list[Path] = field(default_factory=list)
    read_cache: bool = True
    write_cache: bool = True


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
        elif arg == "--no-cache":
            request.read_cache = request.write_cache = False
        elif arg == "--no-cache-write":
            request.write_cache = False
        elif arg.startswith("-") or not arg:
            return None  # options the full command line must handle (or refuse)
        else:
            request.paths.append(Path(arg))
    return request


def answer(args: list[str]) -> int | None:
    """Print the report and return the exit code, if ``args`` are a plain ``validate``."""
    request = parse(args)
    if request is None:
        return None
    from treaty.errors import ProjectNotFound
    from treaty.project import find_project

    try:
        project = find_project(root=request.root)
    except ProjectNotFound:
        return None
    if request.root is not None and not request.root.is_dir():
        return None
    from treaty.check.targets import not_checked

    for path in request.paths:
        if (
            not (os.path.lexists(path) and project.contains(path))
            or not_checked(project, path) is not None
        ):
            return None  # the full command says why it refuses the path

    from treaty.cache.run import Options, run
    from treaty.report.ci import render

    options = Options(read_cache=request.read_cache, write_cache=request.write_cache)
    result = run(project, request.paths or None, options)

    text = render(request.fmt, result, project.root)
    try:
        text.encode(sys.stdout.encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return None  # let the full command line deal with a terminal that cannot show it
    sys.stdout.write(text)
    sys.stdout.flush()
    return 0 if result.ok else 1
