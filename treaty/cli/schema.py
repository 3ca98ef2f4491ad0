"""``treaty schema``: the JSON Schemas in schemas/, regenerated or checked."""

from __future__ import annotations

from typing import Annotated

import typer

from treaty.cli.exits import EXIT_PROBLEMS
from treaty.cli.options import RootOption, open_project
from treaty.cli.terminal import safe


def schema(
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Write nothing; exit 1 if schemas/ is not what the installed treaty "
            "generates (written by an older treaty, or edited), and say how to fix it.",
        ),
    ] = False,
    root: RootOption = None,
) -> None:
    """Regenerate the JSON Schemas in schemas/ from the models (the source of truth)."""
    from treaty import __version__, schemas
    from treaty.edit import schemas as schema_files
    from treaty.safe_text import escape

    project = open_project(root)
    folder = project.schemas_dir
    if check:
        drift = schema_files.check(folder)
        for item in drift:
            state = (
                "missing"
                if item.missing
                else item.unreadable
                or f"out of date: not what treaty {__version__} generates from its models "
                "(an older treaty wrote it, or it was edited)"
            )
            typer.echo(f"{safe(project.display(item.path))}: {escape(state)}")
        if drift:
            where = "" if root is None else f" --root {safe(str(root))}"
            typer.echo(
                f"fix: `treaty schema{where}` rewrites schemas/ from the installed treaty "
                f"({__version__}), so that editors check what `treaty validate` checks",
                err=True,
            )
            raise typer.Exit(EXIT_PROBLEMS)
        typer.echo(f"ok: {len(schemas.SCHEMAS)} schemas match treaty {__version__}")
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
