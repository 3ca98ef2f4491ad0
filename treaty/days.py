"""Days as the files and the command line write them: YYYY-MM-DD, nothing else."""

from __future__ import annotations

import datetime as dt
import re

ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_day(text: str) -> dt.date | None:
    """The day ``text`` writes as YYYY-MM-DD; None when it is not written so.

    ``ValueError`` (saying why) when it is written so but is no real day, such as 2021-02-30:
    the one exception here, because pydantic's validators speak in ValueErrors."""
    if not ISO_DAY.fullmatch(text):  # fullmatch: no trailing newline either
        return None
    return dt.date.fromisoformat(text)


def day_or_text(value: str) -> dt.date | str:
    """A real day as a date (written plain, 2021-12-23); anything else as text, for the model
    to reject with its own message."""
    try:
        return parse_day(value) or value
    except ValueError:
        return value
