"""clauses/audit-phrases.yaml: the words that state or signal a stance, which ``treaty audit``
looks for in the sources. Data the analyst edits, not code: the model of its format is here."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from treaty.model import Quote, Stance, Text, _Strict

# A phrase is matched as whole words, in any case; it must have a word to match.
PHRASE_PATTERN = r"\w"
Phrase = Annotated[str, StringConstraints(pattern=PHRASE_PATTERN)]


class Dismissed(Quote):
    """A passage of a source that holds a phrase but states no stance to record."""

    reason: Text = Field(
        title="Reason",
        description="Why no position cites it (e.g. it is about another matter).",
        examples=["Ryabkov speaks of preconditions for talks, not of a provision."],
    )


class AuditPhrases(_Strict):
    """clauses/audit-phrases.yaml: phrases that state or signal a stance, for `treaty audit`."""

    phrases: dict[Phrase, Stance] = Field(
        title="Phrases",
        description=(
            "Each phrase mapped to the stance it signals. A sentence of a source that holds "
            "one, and that no position's evidence quotes, is listed by `treaty audit`."
        ),
        examples=[{"will never agree": "never-agree", "may be able to explore": "may-explore"}],
    )
    dismissed: list[Dismissed] = Field(
        default_factory=list,
        title="Dismissed",
        description=(
            "Passages read and judged to state no stance worth a position: the sentences they "
            "quote are not listed again. Each quote must be in its source."
        ),
        examples=[[]],
    )


STARTER = """\
# yaml-language-server: $schema=../schemas/audit-phrases.schema.json
# Words that state or signal a stance. `treaty audit` lists every sentence of a source that
# holds one and that no position's evidence quotes, until a position cites it or it is
# dismissed below. Each phrase is matched as whole words, in any case; map it to the stance
# it signals. Add, remove or change lines to suit your sources.
phrases:
  will never agree: never-agree
  never agree: never-agree
  not ready to agree: never-agree
  will not agree: never-agree
  won't agree: never-agree
  cannot agree: never-agree
  cannot accept: never-agree
  not accept: never-agree
  never accept: never-agree
  will not accept: never-agree
  would not accept: never-agree
  no change: never-agree
  non-starter: never-agree
  reject: never-agree
  rejects: never-agree
  rejected: never-agree
  unacceptable: never-agree
  not acceptable: never-agree
  red line: never-agree
  red lines: never-agree
  open door: never-agree
  disagree: never-agree
  out of the question: never-agree
  may be able to explore: may-explore
  explore: may-explore
  we can discuss: may-explore
  ready to discuss: may-explore
  willing to: may-explore
  willingness to: may-explore
  ready to engage: may-explore
  prepared for dialogue: may-explore
  open to: may-explore
  make progress: may-explore
  ready to negotiate: may-explore
  accept: agree
  accepts: agree
  welcome: agree
  welcomes: agree
  welcomed: agree
# Sentences read and judged to state no stance worth a position (quote, source, reason):
dismissed: []
"""
