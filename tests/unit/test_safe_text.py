"""Escaping text from files before printing, and the shared definition of dangerous text."""

from __future__ import annotations

import json

from treaty.safe_text import describe_char, escape, find_control, shorten


def test_terminal_escapes_are_shown_not_sent() -> None:
    assert escape("\x1b[2J\x1b]0;t\x07") == "\\x1b[2J\\x1b]0;t\\x07"
    assert escape("\x9b31m") == "\\x9b31m"


def test_line_breaks_are_escaped_unless_multiline() -> None:
    assert escape("a\nb\rc") == "a\\x0ab\\x0dc"
    assert escape("a\nb\rc", multiline=True) == "a\nb\\x0dc"
    assert escape("a\u2028b") == "a\\u2028b"


def test_bidirectional_overrides_and_lone_surrogates_are_escaped() -> None:
    assert escape("abc\u202edef") == "abc\\u202edef"
    # A byte of a file name that is not UTF-8 (surrogateescape) is shown as that byte.
    assert escape("x\udcff.yaml") == "x\\xff.yaml"
    assert escape("x\udc80\ud800") == "x\\x80\\ud800"


def test_json_writes_lone_surrogates_as_bytes_and_keeps_other_text() -> None:
    from treaty.safe_text import json_text

    doc = {"path\udcfe": ["clauses/\udcff.yaml", ("\ud83d",), 1], "emoji": "\U0001f600"}
    assert json.loads(json_text(doc)) == {
        "path\\xfe": ["clauses/\\xff.yaml", ["\\ud83d"], 1],
        "emoji": "\U0001f600",
    }
    assert json_text({"a": "plain"}) == '{\n  "a": "plain"\n}\n'


def test_ordinary_text_is_untouched() -> None:
    text = "Tab\tand “quotes” — and Кириллица and 日本語"
    assert escape(text) == text
    assert find_control(text) is None


def test_find_control_points_at_the_first() -> None:
    assert find_control("ab\x1bc\x07") == 2
    assert find_control("ab\u2066") == 2
    assert find_control("line\nbreak\r\n\ttab") is None
    assert find_control("over\rwrite", value=True) == 4  # in a value, a CR is on purpose


def test_describe_char_names_the_usual_suspects() -> None:
    assert describe_char("\x1b") == "U+001B (ESC)"
    assert describe_char("\u202e") == "U+202E (bidirectional control)"
    assert describe_char("\x01") == "U+0001"


def test_shorten_keeps_short_text_and_marks_a_cut() -> None:
    assert shorten("short") == "short"
    assert shorten("x" * 100, 10) == "x" * 9 + "…"
