"""The command line: parse arguments, call the core, print, and choose the exit code.

The only module that imports typer or prints. Commands import what they use inside their
bodies, so that ``--help`` and the pre-commit path stay quick.

Exit codes: 0 success; 1 problems found (or a check failed); 2 usage error, or no project;
3 internal error (a bug in treaty, reported with its traceback).
"""

from __future__ import annotations

import sys
import traceback
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3

app = typer.Typer(
    name="treaty",
    help=(
        "Track the clauses of draft treaties, each party's position on them, "
        "and the quotes that back every position.\n\n"
        "Exit codes: 0 ok, 1 problems found, 2 usage error or no project, 3 internal error."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    suggest_commands=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)

RootOption = Annotated[
    Path | None,
    typer.Option(
        "--root",
        help="Project folder (has clauses/ and seeds/). Default: $TREATY_ROOT, or the nearest "
        "such folder from the current one upwards.",
        file_okay=False,
        show_default=False,
    ),
]


class ProblemFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


def _fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    typer.echo(f"treaty: {message}", err=True)
    raise typer.Exit(code)


def _project(root: Path | None):  # type: ignore[no-untyped-def]
    from treaty.project import ProjectNotFound, find_project

    try:
        return find_project(root=root)
    except ProjectNotFound as exc:
        _fail(str(exc))


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files to check (clause, treaty, topics, registry or source files). "
            "Default: the whole project. Cross-file rules always see the whole project.",
            show_default=False,
        ),
    ] = None,
    root: RootOption = None,
    fmt: Annotated[
        ProblemFormat,
        typer.Option(
            "--format",
            "-f",
            help="text: path:line:col: CODE message. json: {version, ok, files_checked, "
            "problems: [{path, line, column, code, name, message}]}. github: workflow "
            "annotations.",
        ),
    ] = ProblemFormat.text,
    max_bytes: Annotated[int, typer.Option(help="Largest YAML file read, in bytes.", min=1)] = 1024
    * 1024,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Check every file afresh; neither read nor write .treaty-cache/.",
        ),
    ] = False,
    no_cache_write: Annotated[
        bool,
        typer.Option(
            "--no-cache-write",
            help="Use .treaty-cache/ but never write it (e.g. on a read-only checkout).",
        ),
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            help="Worker processes for files that must be checked. Default: one per CPU "
            "when there are many files, else one.",
            min=1,
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check every clause, treaty and source file; report every problem with its place.

    Results are cached in .treaty-cache/ (the only thing validation writes) and reused while
    the files they came from are unchanged. Exit 0 when clean, 1 when there are problems,
    2 on usage errors."""
    from treaty.checking import Options, check
    from treaty.problem_report import FORMATS

    project = _project(root)
    if paths:
        outside = [
            p
            for p in paths
            if not p.absolute().resolve().is_relative_to(project.root)
            and not p.absolute().parent.resolve().is_relative_to(project.root)
        ]
        if outside:
            _fail(f"{outside[0]} is not inside the project at {project.root}")
    options = Options(
        read_cache=not no_cache,
        write_cache=not (no_cache or no_cache_write),
        jobs=jobs,
        max_bytes=max_bytes,
    )
    result = check(project, paths or None, options)
    assert result is not None  # only a cache-only run can come back empty
    typer.echo(FORMATS[fmt.value](result), nl=False)
    raise typer.Exit(EXIT_OK if result.ok else EXIT_PROBLEMS)


@app.command()
def schema(
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; exit 1 if schemas/ differs from the models."),
    ] = False,
    root: RootOption = None,
) -> None:
    """Regenerate the JSON Schemas in schemas/ from the models (the source of truth)."""
    from treaty import schemas

    folder = _project(root).schemas_dir
    if check:
        drift = schemas.check(folder)
        for item in drift:
            state = "missing" if item.missing else "differs from the models"
            typer.echo(f"{item.path}: {state}")
        if drift:
            typer.echo("run `treaty schema` to regenerate", err=True)
            raise typer.Exit(EXIT_PROBLEMS)
        typer.echo(f"ok: {len(schemas.SCHEMAS)} schemas match the models")
        return
    written = schemas.write(folder)
    for path in written:
        typer.echo(f"wrote {path}")
    if not written:
        typer.echo("schemas are up to date")


def main() -> int:
    """Entry point: run the app; turn an unexpected exception into exit 3, loudly."""
    try:
        app(prog_name="treaty")
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except KeyboardInterrupt:
        return 130
    except Exception:  # a bug: never pass it off as a validation problem
        traceback.print_exc()
        print(
            "treaty: internal error — this is a bug in treaty, not a problem in your files. "
            "Please report it with the traceback above.",
            file=sys.stderr,
        )
        return EXIT_BUG
    return EXIT_OK
