"""The clause, treaty and source models: the single source of truth for the file formats.

No I/O here. The JSON Schemas in ``schemas/`` are generated from these classes
(``treaty schema``), so every field carries a title, a description and an example.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

from treaty.days import parse_day

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
PARTY_PATTERN = r"^[A-Z][A-Z0-9-]*$"
CLAUSE_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*\.[1-9][0-9]*(?:\.[1-9][0-9]*)?$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"
# A web address to cite: http or https, no whitespace. Anything else (javascript:, file:) is
# refused, so that a report may turn it into a link.
URL_PATTERN = r"^https?://[^\s/?#]+[^\s]*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
PartyId = Annotated[str, StringConstraints(pattern=PARTY_PATTERN)]
ClauseId = Annotated[str, StringConstraints(pattern=CLAUSE_ID_PATTERN)]
Sha256 = Annotated[str, StringConstraints(pattern=SHA256_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1)]
Url = Annotated[str, StringConstraints(pattern=URL_PATTERN)]
# What each pattern asks for, in words: for problems, and for editors (the schemas'
# patternErrorMessage), so nobody is shown a raw regular expression.
PATTERN_FORMS = {
    SLUG_PATTERN: "a slug (lower-case letters and digits joined by hyphens, e.g. us-russia)",
    PARTY_PATTERN: "a party id (upper case, e.g. US)",
    CLAUSE_ID_PATTERN: "a clause id (<treaty>.<article>[.<paragraph>], e.g. us-russia.4.1)",
    SHA256_PATTERN: "a SHA-256 digest (64 lower-case hex digits)",
    URL_PATTERN: "a web address (http:// or https://, no spaces)",
}


def _day(value: object) -> object:
    # Dates arrive from YAML as strings (the loader keeps timestamps unparsed), so that an
    # impossible day such as 2021-02-30 becomes a located problem rather than a crash. Numbers
    # are refused: pydantic would otherwise read them as Unix timestamps.
    if isinstance(value, dt.datetime):
        raise _not_a_day("expected a day (YYYY-MM-DD), not a date and time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            day = parse_day(value)
        except ValueError as exc:
            raise _not_a_day(f"{value!r} is not a real day: {exc}") from None
        if day is not None:
            return day
    raise _not_a_day("expected a day written YYYY-MM-DD")


# Error types of our own, so that the checker picks a problem's code by the type of the error
# (T105, T106) and never by the wording of its message.
INVALID_DAY = "invalid_day"
RATIONALE_MISSING = "rationale_missing"


def _not_a_day(reason: str) -> PydanticCustomError:
    return PydanticCustomError(INVALID_DAY, "{reason}", {"reason": reason})


Day = Annotated[dt.date, BeforeValidator(_day)]


class Stance(StrEnum):
    """A party's stance on a clause."""

    NEVER_AGREE = "never-agree"
    MAY_EXPLORE = "may-explore"
    AGREE = "agree"


class Basis(StrEnum):
    """Whether the evidence names the provision (explicit) or the stance is read into it."""

    EXPLICIT = "explicit"
    INFERRED = "inferred"


class TextKind(StrEnum):
    """Whether a clause's text is the draft's own wording or a paraphrase."""

    VERBATIM = "verbatim"
    PARAPHRASE = "paraphrase"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class Quote(_Strict):
    """A passage of a registered source, quoted word for word."""

    source: Slug = Field(
        title="Source",
        description="Id of a source registered in seeds/sources.yaml.",
        examples=["sputnik-2021-12-23"],
    )
    quote: Text = Field(
        title="Quote",
        description=(
            "Words copied from the source's text. Typographic quotes, dashes and whitespace "
            "may differ; nothing else may."
        ),
        examples=["others they know very well we will never agree to"],
    )


class Evidence(Quote):
    """A quote that backs a position, and who spoke the words when the source says."""

    speaker: Text | None = Field(
        default=None,
        title="Speaker",
        description=(
            "Who said the quoted words, as the source names them; leave it out when the "
            "source does not say. Never guessed."
        ),
        examples=[
            "Jen Psaki, White House Press Secretary",
            "senior administration official (unnamed)",
        ],
    )


class Position(_Strict):
    """One party's stance on one clause at one date, backed by quotes."""

    party: PartyId = Field(
        title="Party",
        description="Id of a party of the clause's treaty (see its treaty.yaml).",
        examples=["US"],
    )
    stance: Stance = Field(
        title="Stance",
        description="never-agree (rejected), may-explore (ready to discuss), or agree.",
        examples=["never-agree"],
    )
    date: Day = Field(
        title="Date",
        description="The day the stance was stated (YYYY-MM-DD), not only when it was published.",
        examples=["2021-12-23"],
    )
    basis: Basis = Field(
        title="Basis",
        description=(
            "explicit when the evidence names the provision or its subject; "
            "inferred otherwise (then a rationale is required)."
        ),
        examples=["explicit"],
    )
    evidence: list[Evidence] = Field(
        min_length=1,
        title="Evidence",
        description="Quotes from registered sources that back this position.",
        examples=[
            [
                {
                    "source": "sputnik-2021-12-23",
                    "quote": "others they know very well we will never agree to",
                    "speaker": "senior administration official (unnamed)",
                }
            ]
        ],
    )
    rationale: Text | None = Field(
        default=None,
        title="Rationale",
        description="Why the evidence supports this stance; required when basis is inferred.",
        examples=["The official's 'never agree' is read as covering NATO enlargement."],
    )
    conditions: list[Text] | None = Field(
        default=None,
        title="Conditions",
        description="Conditions the party attaches, e.g. reciprocity or de-escalation.",
        examples=[["reciprocity", "de-escalation"]],
    )

    @model_validator(mode="after")
    def _inferred_needs_rationale(self) -> Position:
        if self.basis is Basis.INFERRED and self.rationale is None:
            raise PydanticCustomError(RATIONALE_MISSING, "an inferred position needs a rationale")
        return self


class Clause(_Strict):
    """One provision of a draft treaty, with where it is reported and each party's positions."""

    id: ClauseId = Field(
        title="Clause id",
        description="<treaty-id>.<article>[.<paragraph>], matching the file's path.",
        examples=["us-russia.4.1"],
    )
    treaty: Slug = Field(
        title="Treaty",
        description="Id of the draft treaty (the folder under clauses/).",
        examples=["us-russia"],
    )
    article: StrictInt = Field(ge=1, title="Article", description="Article number.", examples=[4])
    paragraph: StrictInt | None = Field(
        default=None,
        ge=1,
        title="Paragraph",
        description="Paragraph number within the article, when the clause is one paragraph.",
        examples=[1],
    )
    title: Text = Field(
        title="Title",
        description="A short name for the provision.",
        examples=["No further eastward expansion of NATO"],
    )
    topics: list[Slug] = Field(
        min_length=1,
        title="Topics",
        description="Subjects from the controlled vocabulary in clauses/topics.yaml.",
        examples=[["non-expansion"]],
    )
    binds: list[PartyId] = Field(
        min_length=1,
        title="Binds",
        description="Ids of the parties the provision places obligations on.",
        examples=[["US"]],
    )
    text: Text = Field(
        title="Text",
        description="The provision's wording, or a paraphrase of it (see text_kind).",
        examples=["The United States shall undertake to prevent further eastward expansion."],
    )
    text_kind: TextKind = Field(
        title="Text kind",
        description="verbatim when text is the draft's own wording, paraphrase otherwise.",
        examples=["paraphrase"],
    )
    reported_in: list[Quote] = Field(
        default_factory=list,
        title="Reported in",
        description="Sources that quote or paraphrase the provision, with the passage.",
        examples=[[{"source": "sputnik-2021-12-23", "quote": "hotlines"}]],
    )
    positions: list[Position] = Field(
        default_factory=list,
        title="Positions",
        description="Each party's stated positions, in date order per party.",
        examples=[[]],
    )
    related: list[ClauseId] = Field(
        default_factory=list,
        title="Related clauses",
        description="Ids of clauses on the same subject, e.g. in the other draft.",
        examples=[["russia-nato.6"]],
    )
    notes: str | None = Field(
        default=None,
        title="Notes",
        description="Free text for the analyst: caveats, context, open questions.",
        examples=["Paragraph numbering follows the published draft."],
    )

    @model_validator(mode="before")
    @classmethod
    def _tolerate_missing_lists(cls, data: Any) -> Any:
        # `positions:` with nothing after it loads as None; treat it as an empty list,
        # which is what a person writing the key without entries means.
        if isinstance(data, dict):
            for key in ("reported_in", "positions", "related"):
                if key in data and data[key] is None:
                    data = {**data, key: []}
        return data


class Party(_Strict):
    """A party to a draft treaty."""

    id: PartyId = Field(
        title="Party id", description="Short id used in positions.", examples=["US"]
    )
    name: Text = Field(
        title="Name", description="Full name.", examples=["United States of America"]
    )


class Treaty(_Strict):
    """A draft treaty: the folder clauses/<id>/ holds its clauses."""

    id: Slug = Field(
        title="Treaty id", description="Matches the folder name.", examples=["us-russia"]
    )
    title: Text = Field(
        title="Title",
        description="The draft's full title.",
        examples=["Treaty between the United States of America and the Russian Federation"],
    )
    proposer: PartyId = Field(
        title="Proposer",
        description="Id of the party that proposed the draft; it does not count towards verdicts.",
        examples=["RU"],
    )
    published: Day | None = Field(
        title="Published",
        description="The day the draft was made public, or null when unknown.",
        examples=["2021-12-17"],
    )
    parties: list[Party] = Field(
        min_length=2,
        title="Parties",
        description="The parties whose positions are tracked.",
        examples=[[{"id": "US", "name": "United States of America"}]],
    )
    reported_in: list[Quote] = Field(
        default_factory=list,
        title="Reported in",
        description="Sources that report the draft, with the passage.",
        examples=[[{"source": "tass-2021-12-23", "quote": "draft agreements"}]],
    )
    notes: str | None = Field(
        default=None, title="Notes", description="Free text.", examples=["Handed over on 15 Dec."]
    )


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, (types.UnionType, types.GenericAlias)) or typing.get_origin(
        annotation
    ):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None


def model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model of the mapping at ``loc`` in a file of ``model``'s format (None: free-form)."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        current = _inner_model(info.annotation) if info else None
    return current
