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


# What --color said for this run: "auto" (the default), "always" or "never".
_colour_choice = "auto"


def choose_colour(choice: str) -> None:
    """Record ``--color auto|always|never`` for the run."""
    global _colour_choice
    _colour_choice = choice


def colour_on() -> bool:
    """Whether output may be coloured: ``--color always|never`` decides; with ``auto``, a
    non-empty NO_COLOR turns colour off (no-color.org), a non-empty FORCE_COLOR turns it on
    (force-color.org), and otherwise colour is for a terminal that is not "dumb"."""
    if _colour_choice != "auto":
        return _colour_choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def wants_colour(default_table: bool) -> bool:
    """Colour only where it is read by people: the default table (see ``colour_on``)."""
    return default_table and colour_on()


def interactive() -> bool:
    return sys.stdin.isatty()
