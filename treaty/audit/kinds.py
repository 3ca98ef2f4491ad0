"""The kinds of audit finding: their stable names and headings. Standard library only, so that
the command line can offer them as choices without importing the audit."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """The kinds of finding, in the order the worklist gives them. The values are stable."""

    MISSING_PROVISION = "missing-provision"
    SILENT_CLAUSE = "silent-clause"
    SILENT_PARTY = "silent-party"
    UNCITED_SOURCE = "uncited-source"
    THIN_SOURCE = "thinly-cited-source"
    STANCE_SENTENCE = "stance-sentence"
    INFERRED_VERDICT = "inferred-verdict"
    REUSED_QUOTE = "reused-quote"
    AMBIGUOUS_QUOTE = "ambiguous-quote"
    NO_SPEAKER = "no-speaker"

    @property
    def heading(self) -> str:
        """What the worklist calls this kind."""
        return HEADINGS[self]


HEADINGS = {
    Kind.MISSING_PROVISION: "provisions with no clause file",
    Kind.SILENT_CLAUSE: "clauses with no position of a counted party",
    Kind.SILENT_PARTY: "parties with no position anywhere",
    Kind.UNCITED_SOURCE: "sources nobody cites",
    Kind.THIN_SOURCE: "sources barely cited",
    Kind.STANCE_SENTENCE: "stance sentences no position cites",
    Kind.INFERRED_VERDICT: "verdicts resting only on inferred positions",
    Kind.REUSED_QUOTE: "one quote backing positions on many clauses",
    Kind.AMBIGUOUS_QUOTE: "quotes found more than once in their source",
    Kind.NO_SPEAKER: "positions with no speaker",
}
