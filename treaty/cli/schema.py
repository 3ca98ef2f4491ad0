"""``treaty schema``: the JSON Schemas in schemas/, regenerated or checked."""

from __future__ import annotations

from typing import Annotated

import typer

from treaty.cli.exits import EXIT_PROBLEMS
from treaty.cli.options import RootOption, open_project


def schema(
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; exit 1 if schemas/ differs from the models."),
    ] = False,
    root: RootOption = None,
) -> None:
    """Regenerate the JSON Schemas in schemas/ from the models (the source of truth)."""
    from treaty import schemas
    from treaty.edit import schemas as schema_files
    from treaty.safe_text import escape

    folder = open_project(root).schemas_dir
    if check:
        drift = schema_files.check(folder)
        for item in drift:
            state = "missing" if item.missing else item.unreadable or "differs from the models"
            typer.echo(f"{escape(str(item.path))}: {escape(state)}")
        if drift:
            typer.echo("run `treaty schema` to regenerate", err=True)
            raise typer.Exit(EXIT_PROBLEMS)
        typer.echo(f"ok: {len(schemas.SCHEMAS)} schemas match the models")
        return
    written, failed = schema_files.write(folder)
    for path in written:
        typer.echo(f"wrote {escape(str(path))}")
    for item in failed:
        typer.echo(f"{escape(str(item.path))}: {escape(item.unreadable or 'not written')}")
    if failed:
        raise typer.Exit(EXIT_PROBLEMS)
    if not written:
        typer.echo("schemas are up to date")
