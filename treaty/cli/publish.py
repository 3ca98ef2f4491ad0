"""``treaty publish``: the briefing as a static site, or as one HTML file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from treaty.cli.exits import fail, finish_report
from treaty.cli.options import (
    AsOfOption,
    RootOption,
    TreatyOption,
    check_known,
    load_corpus,
    parse_as_of,
)
from treaty.cli.terminal import safe

TitleOption = Annotated[
    str | None,
    typer.Option(
        "--title",
        metavar="TEXT",
        help="The briefing's title. Default: the treaty's title, or 'Briefing on N draft "
        "treaties'.",
        show_default=False,
    ),
]


def publish(
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="DIR",
            help="Write the site into this folder: index.html, a page per clause and per "
            "source, the timeline. A folder an earlier run wrote is replaced whole; any other "
            "folder must be new or empty.",
            show_default=False,
        ),
    ] = None,
    single_file: Annotated[
        Path | None,
        typer.Option(
            "--single-file",
            metavar="FILE",
            help="Write the whole briefing as one self-contained HTML file (for e-mail).",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOption = None,
    treaty: TreatyOption = None,
    title: TitleOption = None,
    root: RootOption = None,
) -> None:
    """Publish the briefing for readers: a static site that works from file:// and any
    static host (no server, nothing fetched from the network), or one HTML file.

    The overview shows per treaty the stance matrix grouped by verdict, the verdict rule, the
    counts, the as-of day and the git revision; a page per clause shows its text, each
    party's positions over time and every quote in the context of its source; a page per
    source shows its text with the quoted passages marked; the timeline charts the
    positions. The same project, revision and day give the same bytes.

    Exit 0 ok; 1 when some files have problems (the site leaves them out and says so);
    2 usage error (no --out or --single-file, an --out folder of other files, unknown
    treaty, bad date)."""
    from treaty.errors import UsageError
    from treaty.publish import briefing as building
    from treaty.publish import output, site
    from treaty.publish.revision import read_revision

    if out is None and single_file is None:
        fail("give --out DIR for a site, or --single-file FILE for one HTML file (or both)")
    day = parse_as_of(as_of)
    try:
        if out is not None:
            output.check_out(out)
        corpus = load_corpus(root)
        check_known("treaty", treaty, corpus.treaties)
        made = building.build(corpus, day, read_revision(corpus.project.root), treaty or ())
        if out is not None:
            files = site.render_site(made, title)
            output.write_site(out, files)
            pages = sum(1 for name in files if name.endswith(".html"))
            index = safe(str(out / "index.html"))
            typer.echo(f"wrote {safe(str(out))}/: {pages} pages; open {index}")
        if single_file is not None:
            output.write_single(single_file, site.render_single(made, title))
            typer.echo(f"wrote {safe(str(single_file))}")
    except UsageError as exc:
        fail(str(exc))
    n = len(made.clauses)
    typer.echo(
        f"{n} clause{'' if n == 1 else 's'}, {len(made.sources)} sources, as of "
        f"{day.isoformat()}, {safe(made.revision.describe())}"
    )
    finish_report(corpus)
