"""The plain forms of ``treaty validate``, run without loading the command-line framework.

``treaty validate`` runs in pre-commit hooks on every commit. Importing typer costs about
100 ms, more than a warm run over 10,000 files, and a warm run imports no checker either (see
``treaty.cache.run``). So this recognises the plain forms of the command - ``treaty validate
[--root DIR] [--format F] [--no-cache] [--no-cache-write] [PATH...]`` - and runs them itself,
as it does the other hook's command, ``treaty fmt --check [--root DIR] [--no-cache] [FILE...]``.
Anything else (another command, any other option or value, help, a path outside the project,
a project that cannot be found) returns None and the full command line runs as usual: it is
the one that explains mistakes, and tests check the two report the same.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from treaty.edit.fmt_run import FmtResult
    from treaty.project import Project

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
    """Print the report and return the exit code, if ``args`` are a plain ``validate`` (or
    ``fmt --check``)."""
    if args and args[0] == "fmt":
        return _fmt_check(args)
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


def parse_fmt(args: list[str]) -> tuple[Path | None, list[Path], bool] | None:
    """(root, files, read and write the cache), if ``args`` are a plain ``fmt --check [--root
    DIR] [--no-cache] [FILE...]`` naming files (not folders); None otherwise."""
    if not args or args[0] != "fmt" or "--check" not in args:
        return None
    root, paths, cached = None, [], True
    rest = iter(args[1:])
    for arg in rest:
        name, eq, value = arg.partition("=")
        if arg in ("--check", "--no-cache"):
            cached = cached and arg == "--check"
        elif name == "--root":
            value = value if eq else next(rest, "")
            if not value:
                return None
            root = Path(value)
        elif arg.startswith("-") or not arg:
            return None
        else:
            paths.append(Path(arg))
    return root, paths, cached


def _fmt_check(args: list[str]) -> int | None:
    """``treaty fmt --check``, as the pre-commit hook runs it, without typer."""
    parsed = parse_fmt(args)
    if parsed is None:
        return None
    root, paths, cached = parsed
    from treaty.errors import ProjectNotFound
    from treaty.project import find_project

    try:
        project = find_project(root=root)
    except ProjectNotFound:
        return None
    if root is not None and not root.is_dir():
        return None
    for path in paths:
        if path.suffix not in (".yaml", ".yml") or not path.is_file():
            return None  # a folder, or what the full command line refuses
        if not project.contains(path):
            return None
    from treaty.edit.fmt_run import FmtOptions, project_files, run_fmt

    files = [p.absolute() for p in paths] or project_files(project)
    result = run_fmt(project, files, True, FmtOptions(read_cache=cached, write_cache=cached))
    out, err = fmt_text(project, result, True)
    try:
        (out + err).encode(sys.stdout.encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return None
    sys.stdout.write(out)
    sys.stdout.flush()
    sys.stderr.write(err)
    return 1 if result.problems or result.changed else 0


def fmt_text(project: Project, result: FmtResult, check: bool) -> tuple[str, str]:
    """What ``treaty fmt`` prints: to standard output, and to standard error."""
    from treaty.report.problems import problem_line
    from treaty.safe_text import escape

    out = [problem_line(p) for p in result.problems]
    verb = "would reformat" if check else "formatted"
    out += [f"{verb} {escape(project.display(path))}" for path in result.changed]
    err = []
    unchanged = result.checked - len(result.changed) - len({p.path for p in result.problems})
    files = f"{result.checked} file" + ("" if result.checked == 1 else "s")
    if check and result.changed:
        # Under pre-commit (which sets PRE_COMMIT), treaty lives in the hook's environment:
        # name the hook that fixes, not a command the user may not have.
        fix = (
            "the treaty-fmt-fix hook rewrites them"
            if os.environ.get("PRE_COMMIT")
            else "run `treaty fmt` to fix"
        )
        err.append(f"{len(result.changed)} of {files} would be reformatted; {fix}")
    elif not result.changed and not result.problems:
        out.append(f"ok: {files} already formatted")
    elif not check:
        out.append(f"{len(result.changed)} formatted, {max(unchanged, 0)} unchanged")
    return "".join(f"{line}\n" for line in out), "".join(f"{line}\n" for line in err)
