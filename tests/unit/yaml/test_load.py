"""The loader: plain data only, built from parser events; every hostile shape is a problem."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from treaty.files.reading import Limits, line_col
from treaty.problems import Code
from treaty.yaml import load as yamlio
from treaty.yaml.load import load_yaml

LIMITS = Limits()


def _load(text: str) -> tuple[Any, list[tuple[str, int | None, int | None]]]:
    data, problems = load_yaml(text, "f.yaml", LIMITS)
    return data, [(p.code.id, p.line, p.column) for p in problems]


@pytest.mark.parametrize(
    ("plain", "value"),
    [
        ("yes", "yes"),  # YAML 1.1's booleans are text in 1.2
        ("on", "on"),
        ("true", True),
        ("False", False),
        ("tRue", "tRue"),
        ("~", None),
        ("null", None),
        ("", None),
        ("12", 12),
        ("-3", -3),
        ("0x10", 16),
        ("0o17", 15),
        ("1_000", "1_000"),
        ("1e3", 1000.0),
        ("1.5", 1.5),
        (".inf", math.inf),
        ("-.Inf", -math.inf),
        ("2021-12-23", "2021-12-23"),  # dates stay text for the models to check
        ("2021-12-23 10:00", "2021-12-23 10:00"),
        ("=", "="),  # YAML 1.1's "value" type; another loader refused it as a tag
        ("1:30", "1:30"),  # not sexagesimal
        ("'12'", "12"),
        ('"true"', "true"),
    ],
)
def test_plain_scalars_follow_the_yaml_1_2_core_schema(plain: str, value: Any) -> None:
    data, problems = _load(f"v: {plain}\n")
    assert problems == []
    assert data == {"v": value}
    assert type(data["v"]) is type(value)


def test_nan_is_a_float() -> None:
    data, _ = _load("v: .nan\n")
    assert math.isnan(data["v"])


_PARSER = yamlio.CParser


class _CountingParser:
    """The real parser, counting the events the loader asks for."""

    calls = 0

    def __init__(self, text: str) -> None:
        self._parser = _PARSER(text)

    def get_event(self) -> Any:
        _CountingParser.calls += 1
        return self._parser.get_event()

    def dispose(self) -> None:
        self._parser.dispose()


def test_a_billion_laughs_bomb_is_refused_before_anything_is_expanded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The bomb would expand to 9**9 strings; the loader stops at its first anchor, having
    read five events (stream, document, mapping, key, the anchored list)."""
    bomb = "a: &a [" + ",".join(['"lol"'] * 9) + "]\n"
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        bomb += f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]\n"
    monkeypatch.setattr(yamlio, "CParser", _CountingParser)
    _CountingParser.calls = 0
    data, problems = _load(bomb)
    assert data is None
    assert problems == [("T007", 1, 4)]
    assert _CountingParser.calls == 5


@pytest.mark.parametrize(
    "payload",
    [
        "!!python/object/apply:os.system ['touch {marker}']",
        "!!python/object/apply:builtins.open ['{marker}', 'w']",
        "!!python/object/new:builtins.open ['{marker}', 'w']",
        "!!python/object:builtins.object {{}}",
        "!!python/name:os.system",
        "!!python/module:os",
        "!!python/tuple [1, 2]",
        "!<tag:yaml.org,2002:python/object/apply:builtins.open> ['{marker}', 'w']",
        "!!set {{a, b}}",
        "!!binary G1sySg==",
        "!custom value",
        "! text",
    ],
)
def test_no_tag_is_ever_constructed(payload: str, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    data, problems = _load("notes: " + payload.format(marker=marker) + "\n")
    assert data is None
    assert problems == [("T008", 1, 8)]
    assert not marker.exists()


def test_a_tag_directive_cannot_smuggle_a_python_tag(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = (
        "%TAG !p! tag:yaml.org,2002:python/\n---\n"
        f"v: !p!object/apply:os.system ['touch {marker}']\n"
    )
    _, problems = _load(text)
    assert problems == [("T008", 3, 4)]
    assert not marker.exists()


def test_nesting_two_hundred_thousand_deep_is_refused_without_recursing() -> None:
    """libyaml's own composer would crash the interpreter here; this would kill the test run."""
    for start, opener in (("v: ", "["), ("v: ", "{a: "), ("v:\n  ", "- ")):
        _, problems = _load(start + opener * 200_000 + "\n")
        assert problems[0][0] == "T009"


def test_depth_is_counted_in_block_style_too() -> None:
    text = "".join("  " * i + f"k{i}:\n" for i in range(70)) + "  " * 70 + "v\n"
    assert _load(text)[1] == [("T009", 65, 129)]
    assert _load(text)[1] == _load(text)[1]  # and the limit is configurable:
    deep, _ = load_yaml(text, "f.yaml", Limits(max_depth=100))
    assert deep is not None


def test_a_duplicate_key_keeps_the_first_value_and_loading_goes_on() -> None:
    data, problems = _load("a: 1\nb: 2\na: 3\nc: 4\n")
    assert data == {"a": 1, "b": 2, "c": 4}
    assert problems == [("T002", 3, 1)]


def test_keys_must_be_text_but_quoted_numbers_are_text() -> None:
    data, problems = _load('"1": a\n1: b\n')
    assert data == {"1": "a"}
    assert problems == [("T103", 2, 1)]


def test_a_hundred_digit_integer_is_fine_and_a_longer_one_is_not() -> None:
    data, _ = _load("v: " + "9" * 100 + "\n")
    assert data == {"v": int("9" * 100)}
    assert _load("v: " + "9" * 101 + "\n") == (None, [("T104", 1, 4)])


def test_control_characters_are_reported_where_they_are_and_the_data_still_loads() -> None:
    data, problems = _load('a: "x\\e[31m"\nb: "\\x9b"\n"\\a": 1\n')
    assert data == {"a": "x\x1b[31m", "b": "\x9b", "\x07": 1}
    assert problems == [("T012", 1, 4), ("T012", 2, 4), ("T012", 3, 1)]


def test_a_raw_control_character_is_found_before_parsing_with_its_exact_column() -> None:
    assert _load("a: éé\x1b\n")[1] == [("T012", 1, 6)]
    assert _load("a: 1\r\nb: 2\r\nc: \x7f\r\n")[1] == [("T012", 3, 4)]


def test_a_non_character_is_located_in_characters_not_bytes() -> None:
    # libyaml reports a byte offset; three two-byte letters come before the bad character.
    assert _load("a: ééé\ufffe\n")[1] == [("T001", 1, 7)]


@pytest.mark.parametrize(
    ("text", "index", "expected"),
    [
        ("a\nb\nc", 4, (3, 1)),
        ("a\r\nb\r\nc", 6, (3, 1)),
        ("a\rb\rc", 4, (3, 1)),
        ("a\u2028b", 2, (2, 1)),
        ("abc", 2, (1, 3)),
    ],
)
def test_line_and_column_count_every_yaml_line_break(
    text: str, index: int, expected: tuple[int, int]
) -> None:
    assert line_col(text, index) == expected


def test_loading_never_raises_for_the_ugliest_texts() -> None:
    for text in ["", "\ufeff", ":", "? ", "- - -", "&", "*", "!", "{", "]", "'", '"\\', "%", "@"]:
        data, problems = load_yaml(text, "f.yaml", LIMITS)
        assert data is None or isinstance(data, dict)
        assert data is not None or problems
        assert all(p.code in Code for p in problems)


def test_the_number_of_values_in_a_file_is_capped_where_it_is_passed() -> None:
    text = "v: [" + "1, " * 60 + "1]\n"
    data, problems = load_yaml(text, "f.yaml", Limits(max_values=50))
    assert data is None
    # The 51st value is the 48th item (after the mapping, the key and the list), which starts
    # at column 5 + 3 * 47.
    assert [(p.code, p.line, p.column) for p in problems] == [(Code.TOO_LARGE, 1, 146)]
    assert load_yaml(text, "f.yaml", LIMITS)[0] is not None
