"""``treaty source add``: an article into seeds/, registered with its sha256."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from treaty.cli.edits import report_outcome, writing
from treaty.cli.exits import fail
from treaty.cli.options import RootOption, open_project

_SOURCE_OPTIONS = {
    "id": "--id",
    "file": "FILE",
    "title": "--title",
    "outlet": "--outlet",
    "published": "--published",
    "author": "--author",
    "url": "--url",
    "retrieved": "--retrieved",
    "sha256": "FILE",
    "notes": "--notes",
}


def source_add(
    file: Annotated[
        Path,
        typer.Argument(
            help="The article's text file (UTF-8).", exists=True, dir_okay=False, show_default=False
        ),
    ],
    source_id: Annotated[str, typer.Option("--id", help="A slug, e.g. tass-2021-12-23.")],
    title: Annotated[
        str | None, typer.Option(help="The headline as the text gives it.", show_default=False)
    ] = None,
    no_title: Annotated[
        bool, typer.Option("--no-title", help="The text gives no headline (title: null).")
    ] = False,
    outlet: Annotated[
        str | None, typer.Option(help="The publisher named in the text (default: unknown).")
    ] = None,
    published: Annotated[
        str | None, typer.Option(help="The day stated in the text, YYYY-MM-DD (default: unknown).")
    ] = None,
    author: Annotated[str | None, typer.Option(help="The byline, if any.")] = None,
    notes: Annotated[str | None, typer.Option(help="How the metadata was established.")] = None,
    url: Annotated[
        str | None,
        typer.Option(
            help="Where it was published, http(s)://... (default: unknown).", show_default=False
        ),
    ] = None,
    retrieved: Annotated[
        str | None,
        typer.Option(
            help="The day the text was copied from --url, YYYY-MM-DD.", show_default=False
        ),
    ] = None,
    root: RootOption = None,
) -> None:
    """Copy an article into seeds/ and register it in seeds/sources.yaml with its sha256.

    The file keeps its name and its bytes. Give --title, or --no-title when the text has no
    headline; what the text does not say (outlet, day) stays null, and so does the address
    unless you give --url (never guess one). Refused if the file is empty or only
    whitespace, if seeds/ has a different file of that name, or if the entry would not
    validate. Exit 0 when added, 1 when refused, 2 on usage errors."""
    from treaty.edit.source_add import NewSource, add_source
    from treaty.safe_text import escape

    if (title is None) == (not no_title):
        fail("give --title TITLE, or --no-title when the text has no headline")
    project = open_project(root)
    new_source = NewSource(
        file=file,
        id=source_id,
        title=title,
        outlet=outlet,
        published=published,
        author=author,
        notes=notes,
        url=url,
        retrieved=retrieved,
    )
    with writing():
        outcome = add_source(project, new_source)
    if not outcome.ok:
        report_outcome(outcome, _SOURCE_OPTIONS)
    for path in outcome.written:
        if path == project.registry_path:
            typer.echo(f'registered "{escape(source_id)}" in {escape(project.display(path))}')
        else:
            typer.echo(f"copied {escape(str(file))} to {escape(project.display(path))}")
