"""The quick "already formatted?" never disagrees with the formatter when it says yes: on
every YAML file of the repository, and on formatted files changed line by line."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from tests.conftest import REPO
from treaty.edit.fmt import format_text
from treaty.model import Clause, Treaty
from treaty.registry import SourceRegistry, Topics
from treaty.yaml.canonical import is_formatted


def _model(path: Path) -> type[BaseModel]:
    if path.name == "sources.yaml":
        return SourceRegistry
    if path.name == "topics.yaml":
        return Topics
    return Treaty if path.name == "treaty.yaml" else Clause


FILES = sorted(
    p
    for folder in ("clauses", "seeds", "tests/data")
    for p in (REPO / folder).rglob("*.y*ml")
    if p.suffix in (".yaml", ".yml")
)
CLAUSES = [p for p in FILES if p.parent.parent.name == "clauses" and p.name != "treaty.yaml"]


def _formatter_keeps(text: str, model: type[BaseModel]) -> bool:
    try:
        return format_text(text, model) == text
    except Exception:  # a file the formatter refuses is not a formatted one
        return False


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(REPO)) for p in FILES])
def test_a_file_said_to_be_formatted_is_left_as_it_is(path: Path) -> None:
    try:
        text = path.read_text("utf-8")
    except UnicodeDecodeError:
        return  # not text: fmt never gets this far
    if is_formatted(text, _model(path)):
        assert _formatter_keeps(text, _model(path))


def test_the_bundled_clauses_are_recognised_as_formatted() -> None:
    bundled = [p for p in CLAUSES if p.is_relative_to(REPO / "clauses")]
    assert bundled and all(is_formatted(p.read_text("utf-8"), Clause) for p in bundled)


PIECES = [
    "", " ", "  ", "- ", "#", "# x", "x: y", "  x: y", "title: 'a'", 'title: "a\\"b"', "k:",
    "[a, b]", "[a,b]", "{a: b}", ">-", "|", "null", "~", "True", "0x10", "1_000", "007",
    "a: b: c", "- - a", "\t", "---", "...", "x: [a, ]", "&a x", "*a", "!!str x",
]  # fmt: skip


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(CLAUSES[:12]),
    st.integers(0, 80),
    st.sampled_from(PIECES),
    st.sampled_from(["insert", "replace", "append", "indent", "dedent"]),
)
# Found by this test once: a key written twice (the formatter refuses the file).
@example(REPO / "clauses" / "russia-nato" / "1.4.yaml", 4, "title: 'a'", "replace")
def test_changed_files_are_never_taken_for_formatted_ones(
    path: Path, line: int, piece: str, how: str
) -> None:
    lines = path.read_text("utf-8").split("\n")
    at = line % max(1, len(lines) - 1)
    if how == "insert":
        lines.insert(at, piece)
    elif how == "replace":
        lines[at] = piece
    elif how == "append":
        lines[at] += piece
    elif how == "indent":
        lines[at] = "  " + lines[at]
    else:
        lines[at] = lines[at][2:] if lines[at].startswith("  ") else lines[at]
    text = "\n".join(lines)
    if is_formatted(text, Clause):
        assert _formatter_keeps(text, Clause), text
