"""Text from files, made safe to print: a file must not be able to drive the user's terminal.

This module is the single place that says which characters are dangerous. The loader refuses
them in clause and registry files (T012, via ``find_control``), and everything that prints text
taken from a file (validation messages, reports such as ``status`` and ``show``) passes it
through ``escape`` first, so even text that was never validated (a source article, a file name)
cannot send escape sequences to the terminal.
"""

from __future__ import annotations

import json
import re

# C0 controls except tab and line feed and carriage return, DEL, C1 controls (which include
# the 8-bit CSI \x9b and OSC \x9d), and the bidirectional overrides and isolates that can make
# text read differently from what it is ("Trojan Source", CVE-2021-42574).
_DANGEROUS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[{_DANGEROUS}]")
# In a value (after YAML has turned line breaks into \n), a carriage return can only have been
# written on purpose, as "\r": printed raw it sends the cursor back to overwrite the line.
_CONTROL_IN_VALUE = re.compile(f"[{_DANGEROUS}\r]")
# For printing, also carriage return, the Unicode line and paragraph separators, and lone
# surrogates (a file name that is not valid UTF-8 carries them; printing one would crash).
_PRINT_MULTILINE = re.compile(f"[{_DANGEROUS}\r\u2028\u2029\ud800-\udfff]")
_PRINT_ONE_LINE = re.compile(f"[{_DANGEROUS}\n\r\u2028\u2029\ud800-\udfff]")

_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0D: "CR", 0x1B: "ESC", 0x7F: "DEL", 0x9B: "CSI"}


def find_control(text: str, *, value: bool = False) -> int | None:
    """Index of the first dangerous character in ``text`` (a file's text, or with ``value``
    a value from it, where a carriage return is dangerous too), or None."""
    match = (_CONTROL_IN_VALUE if value else _CONTROL).search(text)
    return match.start() if match else None


def describe_char(char: str) -> str:
    """A dangerous character, named for a message: ``U+001B (ESC)``."""
    code = ord(char)
    name = _NAMES.get(code)
    if name is None and (0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069):
        name = "bidirectional control"
    return f"U+{code:04X}" + (f" ({name})" if name else "")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def escape(text: str, *, multiline: bool = False) -> str:
    """Text safe to print: control characters (escape sequences, carriage returns, ...) shown
    as ``\\xNN`` or ``\\uNNNN``; line breaks too unless ``multiline``."""
    pattern = _PRINT_MULTILINE if multiline else _PRINT_ONE_LINE
    return pattern.sub(_escaped, text)


def shorten(text: str, limit: int = 60) -> str:
    """At most ``limit`` characters of ``text``, with an ellipsis when cut (for quoting a
    value in a message: a 100,000-character key should not become a 100,000-character line)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


_SURROGATE = re.compile("[\ud800-\udfff]")


def json_text(doc: object) -> str:
    """A JSON document as every ``--format json`` prints it: indented, and ASCII only, so that
    no character of a file reaches the terminal unescaped. A lone surrogate (a byte of a file
    name that is not UTF-8) is not a character JSON parsers accept: it is written as ``\\xNN``,
    as the text reports show it."""
    text = json.dumps(doc, indent=2, ensure_ascii=True) + "\n"
    if "\\ud" not in text:  # a lone surrogate is written \udXXX; mostly there is none
        return text
    return json.dumps(_without_surrogates(doc), indent=2, ensure_ascii=True) + "\n"


def _without_surrogates(value: object) -> object:
    if isinstance(value, str):
        return _SURROGATE.sub(_escaped, value)
    if isinstance(value, dict):
        return {_without_surrogates(k): _without_surrogates(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_without_surrogates(v) for v in value]
    return value
