"""``treaty validate``: every file checked, every problem with its place."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from treaty.cli.exits import EXIT_OK, EXIT_PROBLEMS, fail
from treaty.cli.options import ProblemFormat, RootOption, open_project


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
            "annotations; sarif: SARIF 2.1.0 for code scanning (both name files from the "
            "repository root).",
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
            help="Use .treaty-cache/ but never write it (e.g. on a read-only checkout). "
            "Runs of some files (PATH...) never write it anyway.",
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
    from treaty.cache.run import Options, run
    from treaty.report.ci import render

    project = open_project(root)
    if paths:
        missing = [p for p in paths if not (p.exists() or p.is_symlink())]
        if missing:
            fail(f"{missing[0]}: no such file or folder")
        outside = [p for p in paths if not project.contains(p)]
        if outside:
            fail(f"{outside[0]} is not inside the project at {project.root}")
        from treaty.check.targets import not_checked

        for path in paths:
            why = not_checked(project, path)
            if why is not None:
                fail(why)
    options = Options(
        read_cache=not no_cache,
        write_cache=not (no_cache or no_cache_write),
        jobs=jobs,
        max_bytes=max_bytes,
    )
    result = run(project, paths or None, options)
    typer.echo(render(fmt.value, result, project.root), nl=False)
    raise typer.Exit(EXIT_OK if result.ok else EXIT_PROBLEMS)
