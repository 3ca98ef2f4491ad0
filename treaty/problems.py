"""Problems are values: every check returns them, nothing raises them."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

# Checking one file stops after this many problems; the report then says there were more
# (T016), so that a hostile file cannot flood the terminal or take minutes to describe.
MAX_PROBLEMS = 100


class Code(Enum):
    """Stable error codes. The number never changes meaning; new codes get new numbers."""

    # T0xx: the file itself and its YAML
    YAML_SYNTAX = ("T001", "yaml-syntax")
    DUPLICATE_KEY = ("T002", "duplicate-key")
    ENCODING = ("T003", "encoding")
    TOO_LARGE = ("T004", "file-too-large")
    NOT_A_MAPPING = ("T005", "not-a-mapping")
    MULTIPLE_DOCUMENTS = ("T006", "multiple-documents")
    ALIAS = ("T007", "alias")
    TAG = ("T008", "tag")
    TOO_DEEP = ("T009", "too-deep")
    UNREADABLE = ("T010", "unreadable")
    OUTSIDE_PROJECT = ("T011", "outside-project")
    CONTROL_CHARACTER = ("T012", "control-character")
    MISSING_FILE = ("T013", "missing-file")
    EDIT_CONFLICT = ("T014", "edit-conflict")
    FILE_EXISTS = ("T015", "file-exists")
    TOO_MANY_PROBLEMS = ("T016", "too-many-problems")
    # T1xx: fields, types and values
    UNKNOWN_FIELD = ("T101", "unknown-field")
    MISSING_FIELD = ("T102", "missing-field")
    WRONG_TYPE = ("T103", "wrong-type")
    INVALID_VALUE = ("T104", "invalid-value")
    INVALID_DATE = ("T105", "invalid-date")
    RATIONALE_REQUIRED = ("T106", "rationale-required")
    # T2xx: ids and references across files
    ID_MISMATCH = ("T201", "id-mismatch")
    DUPLICATE_ID = ("T202", "duplicate-id")
    UNKNOWN_TREATY = ("T203", "unknown-treaty")
    UNKNOWN_PARTY = ("T204", "unknown-party")
    UNKNOWN_SOURCE = ("T205", "unknown-source")
    UNKNOWN_RELATED = ("T206", "unknown-related")
    UNKNOWN_TOPIC = ("T207", "unknown-topic")
    FUTURE_DATE = ("T208", "future-date")
    POSITION_ORDER = ("T209", "position-order")
    STRAY_FILE = ("T210", "stray-file")
    DUPLICATE_POSITION = ("T211", "duplicate-position")
    DATE_AFTER_EVIDENCE = ("T212", "date-after-evidence")
    DATE_BEFORE_DRAFT = ("T213", "date-before-draft")
    CONTRADICTION = ("T214", "same-day-contradiction")
    # T3xx: evidence and sources
    QUOTE_NOT_FOUND = ("T301", "quote-not-found")
    SOURCE_HASH = ("T302", "source-hash-mismatch")
    SOURCE_MISSING = ("T303", "source-file-missing")
    SOURCE_PATH = ("T304", "source-path-outside-seeds")
    QUOTE_TOO_SHORT = ("T305", "quote-too-short")
    EMPTY_SOURCE = ("T306", "empty-source")

    @property
    def id(self) -> str:
        """The stable code, e.g. ``T101``."""
        return self.value[0]

    @property
    def slug(self) -> str:
        """The readable name, e.g. ``unknown-field``."""
        return self.value[1]


Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One problem in one file, at a line and column when known (1-based)."""

    path: str
    line: int | None
    column: int | None
    code: Code
    message: str
    # Where in the document the problem is, for locating it lazily; None: the whole file.
    loc: Loc | None = field(default=None, compare=False)
    # Point at the key rather than the value (unknown fields, missing fields' parents).
    at_key: bool = field(default=False, compare=False)

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order by file, then position, then code."""
        return (self.path, self.line or 0, self.column or 0, self.code.id)

    def located(self, line: int, column: int) -> Problem:
        """The same problem, placed at a line and column."""
        return Problem(self.path, line, column, self.code, self.message, self.loc, self.at_key)


def problem(path: str, code: Code, message: str, loc: Loc = (), *, at_key: bool = False) -> Problem:
    """A problem not yet located; the locator fills in line and column from ``loc``."""
    return Problem(path, None, None, code, message, loc, at_key)


def capped(problems: list[Problem], path: str) -> list[Problem]:
    """One file's problems, at most ``MAX_PROBLEMS`` of them in report order, and then a
    problem that says there were more."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    kept = sorted(problems, key=Problem.sort_key)[:MAX_PROBLEMS]
    msg = f"more than {MAX_PROBLEMS} problems in this file; only the first are shown"
    return [*kept, Problem(path, None, None, Code.TOO_MANY_PROBLEMS, msg)]
