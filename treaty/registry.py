"""The registries a corpus is checked against: seeds/sources.yaml (every source article the
corpus may quote) and clauses/topics.yaml (the controlled vocabulary of topics).

No I/O here; like ``treaty.model``, these classes are the source of truth of their formats
and of the schemas generated from them.
"""

from __future__ import annotations

from pydantic import Field

from treaty.model import Day, Sha256, Slug, Text, Url, _Strict


class Source(_Strict):
    """A source article kept in seeds/, byte for byte."""

    id: Slug = Field(
        title="Source id", description="A readable slug.", examples=["tass-2021-12-23"]
    )
    file: Text = Field(
        title="File",
        description="File name inside seeds/.",
        examples=["001_4efd941cebfa5a88.txt"],
    )
    title: str | None = Field(
        title="Title",
        description="The headline as the text gives it, or null when it gives none.",
        examples=["US Ready for Security Talks With Russia in Early January"],
    )
    outlet: str | None = Field(
        title="Outlet",
        description="The publisher named in the text, or null when it names none.",
        examples=["TASS"],
    )
    published: Day | None = Field(
        title="Published",
        description="The publication day stated in the text, or null when it states none.",
        examples=["2021-12-23"],
    )
    author: str | None = Field(
        default=None,
        title="Author",
        description="The byline, when the text has one.",
        examples=["Zaini Majeed"],
    )
    url: Url | None = Field(
        default=None,
        title="URL",
        description=(
            "Where the article was published (http or https), when known; null or left out "
            "when not. Never guessed."
        ),
        examples=["https://example.org/news/2021/12/23/us-ready-for-talks"],
    )
    retrieved: Day | None = Field(
        default=None,
        title="Retrieved",
        description="The day the text was copied from url (YYYY-MM-DD), when known.",
        examples=["2021-12-24"],
    )
    sha256: Sha256 = Field(
        title="SHA-256",
        description="Hex digest of the file's bytes; validation fails if the file changes.",
        examples=["0d591c7a502334cccfdfb49ff3d7698f5d1f87817803e1e08d4095d5c1a9d6fc"],
    )
    notes: str | None = Field(
        default=None,
        title="Notes",
        description="How the metadata was established, caveats.",
        examples=["The dateline gives the day and month."],
    )


class SourceRegistry(_Strict):
    """seeds/sources.yaml: every source the corpus may quote."""

    sources: list[Source] = Field(
        default_factory=list,
        title="Sources",
        description="The registered sources.",
        examples=[[]],
    )


class Topics(_Strict):
    """clauses/topics.yaml: the controlled vocabulary for clause topics."""

    topics: dict[Slug, Text] = Field(
        title="Topics",
        description="Topic slug mapped to a one-line description.",
        examples=[{"non-expansion": "No further enlargement of NATO."}],
    )
