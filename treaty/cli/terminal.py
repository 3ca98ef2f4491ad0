"""What the terminal can take: safe text, its width, colour, whether someone is there to answer."""

from __future__ import annotations

import os
import shutil
import sys

from treaty.safe_text import escape


def safe(text: str) -> str:
    """Text from a file or an argument, safe to print (see ``treaty.safe_text``)."""
    return escape(text)


def terminal_width() -> int | None:
    """The terminal's width, or None when output goes elsewhere and COLUMNS is unset."""
    if sys.stdout.isatty() or os.environ.get("COLUMNS"):
        return shutil.get_terminal_size().columns
    return None


def wants_colour(default_table: bool) -> bool:
    """Colour only for people: the default table, on a terminal, NO_COLOR unset."""
    return (
        default_table
        and sys.stdout.isatty()
        and "NO_COLOR" not in os.environ
        and os.environ.get("TERM") != "dumb"
    )


def interactive() -> bool:
    return sys.stdin.isatty()
