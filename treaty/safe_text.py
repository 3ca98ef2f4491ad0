"""Text from files, made safe to print: a file must not be able to drive the user's terminal."""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_OR_NEWLINE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def escape(text: str, *, multiline: bool = False) -> str:
    """Control characters (escape sequences, carriage returns, ...) shown as ``\\xNN``;
    line breaks too unless ``multiline``."""
    pattern = _CONTROL if multiline else _CONTROL_OR_NEWLINE
    return pattern.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
