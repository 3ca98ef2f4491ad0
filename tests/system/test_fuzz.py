"""Fuzzing: valid files, mutated (bytes flipped, lines dropped, duplicated, swapped, truncated,
values swapped for other types, control characters and YAML tokens inserted), never make the
validator raise, and every problem it reports is well formed and safe to print.

2,150 examples in the ordinary run; with ``HYPOTHESIS_PROFILE=fuzz`` each test runs the fuzz
profile's count instead (see tests/conftest.py and the README). Each example runs the per-file
pipeline that ``validate`` runs (decode, load, model, cross-file rules, locate) on text in
memory; one test also runs whole-project validation on mutated registry, treaty and topics
files.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from tests.conftest import DATA, copy_project
from treaty.cache.run import run
from treaty.check.documents import parse_document
from treaty.check.results import Checked
from treaty.check.rules import Context, check_clause
from treaty.check.sources import load_sources
from treaty.files.reading import Limits, decode
from treaty.model import Clause, Treaty
from treaty.problems import MAX_PROBLEMS, Code, Problem
from treaty.project import Project
from treaty.registry import SourceRegistry, Topics
from treaty.report.problems import as_github, as_json, as_text
from treaty.yaml.locate import locate

FUZZING = os.environ.get("HYPOTHESIS_PROFILE") == "fuzz"
TODAY = dt.date(2024, 1, 1)
LIMITS = Limits()
PROJECT = Project(DATA / "project")
SOURCES = load_sources(PROJECT, LIMITS, TODAY)
CONTEXT = Context(
    sources=SOURCES,
    topics={"non-expansion": "", "bases": "", "hotlines": ""},
    treaties={},  # filled below
    clause_exists=frozenset({"us-russia.4.1", "us-russia.4.2"}),
    clauses_dir=PROJECT.clauses_dir,
    today=TODAY,
)
_treaty = parse_document(
    Treaty,
    PROJECT.treaty_path("us-russia").read_text("utf-8"),
    PROJECT.treaty_path("us-russia"),
    "treaty.yaml",
    LIMITS,
).model
assert _treaty is not None
CONTEXT.treaties["us-russia"] = _treaty


def _place(raw: bytes, default: str) -> str:
    match = re.search(rb"# place: (\S+)", raw)
    return match.group(1).decode() if match else default


# Valid clause files, each with the place its id says it belongs (the unmutated files pass).
CLAUSES = [
    (p.read_bytes(), _place(p.read_bytes(), f"clauses/us-russia/{p.name}"))
    for p in [
        *sorted((DATA / "project" / "clauses" / "us-russia").glob("4.*.yaml")),
        *sorted((DATA / "valid").glob("*.yaml")),
    ]
]
# Pieces of YAML that change a file's meaning in interesting ways.
TOKENS = [
    "&a ", "*a", "!!python/object/apply:os.system [x] ", "!!binary AAAA", "!x ", "<<: ", "? ",
    "- ", ": ", "[", "]", "{", "}", ",", "'", '"', "#", "|", ">", "---\n", "...\n", "%YAML 1.2\n",
    "\t", "\n", "\r", "\r\n", " ", "  ", "null", "~", "true", "9" * 120, "1e400", ".nan",
    "2021-02-30", '"\\e[2J"', '"\\x9b"', '"\\0"', '"\\ud800"', "\\", "\ufeff", "\u202e",
]  # fmt: skip
CONTROL = [chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)]] + [
    "\u202e", "\u2066", "\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff", "\U0001f600",
]  # fmt: skip
VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.sampled_from(["2021-02-30", "2021-12-23", "never-agree", "US", "us-russia.4.1", ""]),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=8) | st.integers(), inner, max_size=3)
    ),
    max_leaves=8,
)


def examples(normal: int) -> Callable[[Any], Any]:
    """``normal`` examples in the ordinary run; under HYPOTHESIS_PROFILE=fuzz, the profile's."""
    return settings(
        max_examples=settings().max_examples if FUZZING else normal,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def _plain(data: Any) -> bool:
    """Only the plain types a safe loader may make, however deep."""
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if not all(isinstance(k, str) for k in node):
                return False
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
        elif node is not None and type(node) not in (str, int, float, bool):
            return False
    return True


def _assert_well_formed(problems: list[Problem], text: str | None) -> None:
    lines = 1 + len(re.findall("\r\n|[\r\n\x85\u2028\u2029]", text or ""))
    for p in problems:
        assert p.code in Code
        assert p.message and isinstance(p.message, str)
        assert (p.line is None) == (p.column is None), p
        if p.line is not None and p.column is not None:
            assert p.line >= 1 and p.column >= 1, p
            assert text is None or p.line <= lines + 1, p
    result = Checked(problems, 1)
    for render in (as_text, as_json, as_github):
        out = render(result)
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", out)
    assert len(as_text(result).splitlines()) == len(problems) + 1  # one line a problem


def check_bytes(
    raw: bytes, model: Any = Clause, shown: str = "clauses/us-russia/9.yaml"
) -> list[Problem]:
    """The per-file pipeline of ``validate``, on bytes in memory; asserts what must hold."""
    path = PROJECT.root / shown
    text, problems = decode(raw, shown)
    if text is not None:
        doc = parse_document(model, text, path, shown, LIMITS)
        assert doc.data is None or (isinstance(doc.data, dict) and _plain(doc.data))
        problems = doc.problems
        if model is Clause and doc.model is not None:
            rules = check_clause(doc.model, path, shown, CONTEXT)
            problems += list(itertools.islice(rules, MAX_PROBLEMS + 1))
        problems = locate(problems, text)
    _assert_well_formed(problems, raw.decode("utf-8", "replace"))
    return problems


def check_text(
    text: str, model: Any = Clause, shown: str = "clauses/us-russia/9.yaml"
) -> list[Problem]:
    return check_bytes(text.encode("utf-8", "surrogatepass"), model, shown)


@examples(500)
@given(st.sampled_from(CLAUSES), st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255))))
def test_flipped_bytes_never_raise(
    clause: tuple[bytes, str], flips: list[tuple[float, int]]
) -> None:
    raw, place = clause
    data = bytearray(raw)
    for where, byte in flips:
        data[min(int(where * len(data)), len(data) - 1)] ^= byte or 0xFF
    check_bytes(bytes(data), Clause, place)


@examples(500)
@given(st.sampled_from(CLAUSES), st.data())
def test_dropped_duplicated_swapped_and_truncated_lines_never_raise(
    clause: tuple[bytes, str], data: st.DataObject
) -> None:
    raw, place = clause
    lines = raw.decode("utf-8").splitlines(keepends=True)
    for _ in range(data.draw(st.integers(1, 4))):
        if not lines:
            break
        i = data.draw(st.integers(0, len(lines) - 1))
        j = data.draw(st.integers(0, len(lines) - 1))
        match data.draw(st.sampled_from(["drop", "duplicate", "swap", "move", "indent"])):
            case "drop":
                del lines[i]
            case "duplicate":
                lines.insert(j, lines[i])
            case "swap":
                lines[i], lines[j] = lines[j], lines[i]
            case "move":
                lines.insert(j, lines.pop(i))
            case "indent":
                lines[i] = data.draw(st.sampled_from([" ", "  ", "\t", "- "])) + lines[i]
    text = "".join(lines)
    cut = data.draw(st.integers(0, len(text)))
    check_text(text[:cut] if data.draw(st.booleans()) else text, Clause, place)


@examples(400)
@given(st.sampled_from(CLAUSES), st.data())
def test_inserted_tokens_and_control_characters_never_raise(
    clause: tuple[bytes, str], data: st.DataObject
) -> None:
    raw, place = clause
    text = raw.decode("utf-8")
    for _ in range(data.draw(st.integers(1, 5))):
        at = data.draw(st.integers(0, len(text)))
        piece = data.draw(st.sampled_from(TOKENS) | st.sampled_from(CONTROL))
        text = text[:at] + piece + text[at:]
    check_text(text, Clause, place)


def _paths(node: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [here]
    items = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else []
    )
    for key, value in items:
        out += _paths(value, (*here, key))
    return out


_DUMPER = YAML(typ="safe")  # the C emitter: block style, with quotes and escapes as needed


def _dump(data: Any, style: str) -> str:
    if style == "json":  # JSON is YAML, in flow style
        return json.dumps(data, ensure_ascii=False)
    out = io.StringIO()
    _DUMPER.dump(data, out)
    return out.getvalue()


# Each clause as plain data (dates as text, as the loader keeps them), to mutate copies of.
TREES = {
    raw: json.dumps(YAML(typ="safe", pure=True).load(raw.decode("utf-8")), default=str)
    for raw, _ in CLAUSES
}


@examples(500)
@given(st.sampled_from(CLAUSES), st.data(), st.sampled_from(["json", "yaml"]))
@example(CLAUSES[0], None, "json")  # the unmutated file: checks the harness itself
@example(CLAUSES[-1], None, "yaml")
def test_values_of_other_types_and_dropped_keys_never_raise(
    clause: tuple[bytes, str], data: st.DataObject | None, style: str
) -> None:
    raw, place = clause
    tree = json.loads(TREES[raw])
    if data is None:
        assert check_text(_dump(tree, style), Clause, place) == []
        return
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(_paths(tree)))
        if not path:
            continue
        parent = tree
        for part in path[:-1]:
            parent = parent[part]
        if data.draw(st.booleans()):
            parent[path[-1]] = data.draw(VALUES)
        elif isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent.pop(path[-1])
    check_text(_dump(tree, style), Clause, place)


@examples(100)
@given(st.text(max_size=300))
def test_any_text_at_all_never_raises(text: str) -> None:
    for model in (Clause, Treaty, Topics, SourceRegistry):
        check_text(text, model)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(DATA / "project", tmp_path_factory.mktemp("fuzz") / "project")


PROJECT_FILES = ["seeds/sources.yaml", "clauses/us-russia/treaty.yaml", "clauses/topics.yaml"]


@examples(150)
@given(
    st.sampled_from(PROJECT_FILES),
    st.lists(st.tuples(st.floats(0, 1), st.sampled_from(TOKENS + CONTROL)), min_size=1),
    st.booleans(),
)
def test_mutated_registry_treaty_and_topics_never_make_validate_raise(
    scratch: Path, name: str, edits: list[tuple[float, str]], drop_line: bool
) -> None:
    """Whole-project validation: the files every clause depends on, broken."""
    path = scratch / name
    original = (DATA / "project" / name).read_text("utf-8")
    text = original
    for where, piece in edits:
        at = int(where * len(text))
        text = text[:at] + piece + text[at:]
    if drop_line:
        lines = text.splitlines(keepends=True)
        text = "".join(lines[: len(lines) // 2] + lines[len(lines) // 2 + 1 :])
    path.write_text(text, "utf-8", errors="surrogatepass")
    try:
        result = run(Project(scratch), today=TODAY, models=True)
    finally:
        path.write_text(original, "utf-8")
    assert result.corpus is not None
    assert result.corpus.invalid == sorted({p.path for p in result.problems})
    _assert_well_formed(result.problems, None)
