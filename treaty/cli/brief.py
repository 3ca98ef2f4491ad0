"""``treaty brief``: the briefing as Markdown (or JSON)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from treaty.cli.exits import finish_report
from treaty.cli.options import (
    AsOfOption,
    RootOption,
    TreatyOption,
    check_known,
    load_corpus,
    parse_as_of,
)
from treaty.cli.publish import TitleOption


class BriefFormat(StrEnum):
    markdown = "markdown"
    json = "json"


def brief(
    as_of: AsOfOption = None,
    treaty: TreatyOption = None,
    fmt: Annotated[
        BriefFormat,
        typer.Option(
            "--format",
            "-f",
            help='markdown: for a document or an issue. json: {"as_of", "revision", "digest", '
            '"treaties": [{"id", "title", "counted", "clauses": [{"id", "title", "verdict", '
            '"silent", "stances": {"<party>": null or {"stance", "basis", "date", "quote": '
            '{"source", "quote", "speaker", "title", "outlet", "published", "url", '
            '"retrieved"}}}}]}]}; '
            '"silent": the counted parties with no position.',
        ),
    ] = BriefFormat.markdown,
    title: TitleOption = None,
    root: RootOption = None,
) -> None:
    """The briefing in Markdown, for pasting into a document or an issue: per treaty the
    verdict rule and counts, per clause its verdict and text, and each party's latest stance
    with its strongest quote, the speaker, and the source's title, outlet, date and URL.

    Exit 0 ok; 1 when some files have problems (they are left out, and named on stderr);
    2 usage error (unknown treaty, bad date)."""
    from treaty.publish import brief as briefing_text
    from treaty.publish.briefing import build
    from treaty.publish.revision import read_revision
    from treaty.publish.site import default_title

    day = parse_as_of(as_of)
    corpus = load_corpus(root)
    check_known("treaty", treaty, corpus.treaties)
    made = build(corpus, day, read_revision(corpus.project.root), treaty or ())
    if fmt is BriefFormat.json:
        out = briefing_text.as_json(made)
    else:
        out = briefing_text.as_markdown(made, title or default_title(made))
    typer.echo(out, nl=False)
    finish_report(corpus)
