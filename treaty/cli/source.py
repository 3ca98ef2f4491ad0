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

    if title is not None and no_title:
        fail("give --title or --no-title, not both")
    if title is None and not no_title:
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


def source_update(
    source_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="The registered source, e.g. tass-2021-12-23.", show_default=False
        ),
    ],
    root: RootOption = None,
) -> None:
    """After an intentional correction of an article in seeds/, register its new sha256.

    Sources are kept byte for byte, so a changed file is a problem (T302) until this is
    run. Refused, listing every quote that would no longer be found, when the new text
    breaks one; an accidental change is undone with `git checkout -- seeds/FILE` instead.
    Exit 0 when updated (or unchanged), 1 when refused (nothing written), 2 on usage
    errors."""
    from treaty.edit.source_update import update_source
    from treaty.errors import UnknownSource
    from treaty.safe_text import escape

    project = open_project(root)
    try:
        with writing():
            outcome, updated = update_source(project, source_id)
    except UnknownSource as exc:
        fail(str(exc))
    if not outcome.ok:
        if any(p.code.id == "T301" for p in outcome.problems):
            n = sum(p.code.id == "T301" for p in outcome.problems)
            quotes = "1 quote" if n == 1 else f"{n} quotes"
            typer.echo(
                f"treaty: the new text of seeds/{escape(updated.file)} no longer has {quotes} "
                f'of "{escape(source_id)}" (above): fix the quotes or the text first',
                err=True,
            )
        report_outcome(outcome, {})
    if not outcome.written:
        typer.echo(f"seeds/{escape(updated.file)} is unchanged; nothing to update")
        return
    typer.echo(
        f'updated "{escape(source_id)}" in {escape(project.display(project.registry_path))}: '
        f"sha256 {updated.before[:12]}... is now {updated.after[:12]}..."
    )
