"""``treaty init``: an empty, valid project."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from treaty.cli.edits import writing
from treaty.cli.exits import EXIT_PROBLEMS, fail


def init(
    folder: Annotated[
        Path,
        typer.Argument(help="Where to create the project (created if missing).", file_okay=False),
    ] = Path("."),
) -> None:
    """Create an empty, valid treaty project in a folder.

    Writes clauses/topics.yaml (a starter vocabulary), seeds/sources.yaml (no sources yet),
    clauses/audit-phrases.yaml (the stance phrases `treaty audit` looks for),
    schemas/*.schema.json and a sample .pre-commit-config.yaml.

    Never overwrites a file: refuses if the folder has a topics file or source registry
    already, and keeps any schema or pre-commit configuration that exists. Exit 0 when
    created, 1 when refused."""
    from treaty.edit.scaffold import init as run
    from treaty.safe_text import escape

    if folder.exists() and not folder.is_dir():
        fail(f"{folder} is not a folder")
    with writing():
        result = run(folder)
    for p in result.problems:
        typer.echo(f"{escape(p.path)}: {p.code.id} {escape(p.message)}")
    if result.problems and not result.created:
        typer.echo(
            f"treaty: {escape(str(folder))} is a treaty project already; nothing written", err=True
        )
        raise typer.Exit(EXIT_PROBLEMS)
    for path in result.created:
        typer.echo(f"created {escape(str(path))}")
    if result.problems:
        typer.echo("treaty: some files could not be written (above); run it again", err=True)
        raise typer.Exit(EXIT_PROBLEMS)
    for path in result.kept:
        typer.echo(f"kept {escape(str(path))} (it exists; not overwritten)")
    typer.echo(
        "next: `treaty new-treaty` a treaty, `treaty source add` an article, `treaty new` a clause"
    )
