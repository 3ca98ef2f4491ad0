"""``treaty fmt``: every file in the format's layout, comments kept."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from treaty.cli.edits import writing
from treaty.cli.exits import EXIT_PROBLEMS, fail
from treaty.cli.options import ListFormat, RootOption, open_project

if TYPE_CHECKING:
    from treaty.edit.fmt_run import FmtResult
    from treaty.project import Project


def fmt_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or folders to format. Default: every YAML file of the project.",
            show_default=False,
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; list the files that would change, exit 1."),
    ] = False,
    root: RootOption = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Read every file afresh; neither read nor write the cache (.treaty-cache/).",
        ),
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Worker processes for the files to read (default: one per CPU when there "
            "are more than a few hundred).",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        ListFormat,
        typer.Option(
            "--format",
            "-f",
            help="text, or json: {version, ok, files_checked, changed: [path], problems: "
            "[{path, line, column, code, name, message}]}.",
        ),
    ] = ListFormat.text,
) -> None:
    """Put fields in the order of the format and indent lists one way; comments are kept.

    Only layout changes: the data each file holds stays exactly the same. With --check,
    nothing is written and the exit code is 1 if any file would change. Files found
    formatted are remembered in the cache (.treaty-cache/) until they change. Exit 0 when all
    files are formatted, 1 when some are not (--check) or cannot be read, 2 on usage errors."""
    from treaty.edit.fmt_run import FmtOptions, project_files, run_fmt

    project = open_project(root)
    files = project_files(project) if not paths else _yaml_files(project, paths)
    options = FmtOptions(read_cache=not no_cache, write_cache=not no_cache, jobs=jobs)
    with writing():
        result = run_fmt(project, files, check, options)
    if fmt is ListFormat.json:
        typer.echo(_fmt_json(project, result), nl=False)
    else:
        _fmt_text(project, result, check)
    if result.problems or (check and result.changed):
        raise typer.Exit(EXIT_PROBLEMS)


def _fmt_text(project: Project, result: FmtResult, check: bool) -> None:
    from treaty.cli.quick import fmt_text

    out, err = fmt_text(project, result, check)
    typer.echo(out, nl=False)
    if err:
        typer.echo(err, nl=False, err=True)


def _files(n: int) -> str:
    return "1 file" if n == 1 else f"{n} files"


def _fmt_json(project: Project, result: FmtResult) -> str:
    from treaty.report.problems import problem_json
    from treaty.safe_text import json_text

    doc = {
        "version": 1,
        "ok": not result.changed and not result.problems,
        "files_checked": result.checked,
        "changed": [project.display(p) for p in result.changed],
        "problems": [problem_json(p) for p in result.problems],
    }
    return json_text(doc)


def _yaml_files(project: Project, paths: list[Path]) -> list[Path]:
    """The YAML files given, or found in the folders given; each inside the project."""
    from treaty.project import walk

    found: list[Path] = []
    for path in paths:
        if not path.exists():
            fail(f"{path}: no such file or folder")
        if not project.contains(path):
            fail(f"{path} is not inside the project at {project.root}")
        if path.is_dir():
            found += sorted(
                Path(folder, name)
                for folder, _, names in walk(str(path))  # not rglob: it recurses
                for name in names
                if name.endswith((".yaml", ".yml"))
            )
        elif path.suffix in (".yaml", ".yml"):
            found.append(path)
        else:
            fail(f"{path} is not a YAML file")
    return [p.absolute() for p in found]
