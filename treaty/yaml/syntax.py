"""libyaml's complaints about a file, as problems that say where and what to fix."""

from __future__ import annotations

from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError

from treaty.files.reading import LINE_BREAK, line_col
from treaty.problems import Code, Problem
from treaty.safe_text import describe_char


def reader_problem(exc: ReaderError, text: str, shown: str) -> Problem:
    """A character YAML does not allow (such as U+FFFE), at its place."""
    index = _char_index(text, exc.position)
    line, col = line_col(text, index)
    char = text[index] if index < len(text) else ""
    what = f"character {describe_char(char)}" if char else "a character"
    return Problem(shown, line, col, Code.YAML_SYNTAX, f"{what} is not allowed in YAML")


def _char_index(text: str, byte_offset: int) -> int:
    # libyaml reads UTF-8 and reports byte offsets; our positions count characters.
    return len(text.encode("utf-8")[:byte_offset].decode("utf-8", "ignore"))


def syntax_problem(exc: MarkedYAMLError, text: str, shown: str) -> Problem:
    """A syntax error, placed where a person would look for it."""
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark is not None and "end of stream" in str(exc.problem):
        mark = exc.context_mark  # an unclosed quote: point where it opens, not at the end
    if mark is None:
        return Problem(shown, None, None, Code.YAML_SYNTAX, _first_line(exc))
    line, col = mark.line + 1, mark.column + 1
    message = _first_line(exc)
    if _char_at(text, line, col) == "\t":
        message = "tab character: indent YAML with spaces"
    opened = exc.context_mark
    context = str(exc.context or "")
    if opened is not None and "flow" in context and opened.line < mark.line:
        # An unclosed bracket: libyaml notices lines later; point where it opens.
        bracket = _char_at(text, opened.line + 1, opened.column + 1) or "bracket"
        message = f"this {bracket} is never closed: {exc.problem} (at line {line}, column {col})"
        line, col = opened.line + 1, opened.column + 1
    elif "simple key" in context and "expected ':'" in str(exc.problem):
        message += " (a key without quotes must fit on one line, in at most 1024 characters)"
    return Problem(shown, line, col, Code.YAML_SYNTAX, message)


def _first_line(exc: YAMLError) -> str:
    if isinstance(exc, MarkedYAMLError):
        parts = [exc.context, exc.problem]
        return "; ".join(p for p in parts if p) or "invalid YAML"
    return str(exc).splitlines()[0]


def _char_at(text: str, line: int, col: int) -> str:
    rows = LINE_BREAK.split(text, maxsplit=line)
    if len(rows) < line:
        return ""
    row = rows[line - 1]
    return row[col - 1] if 0 < col <= len(row) else ""
