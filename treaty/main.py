"""The ``treaty`` program: plain ``validate`` runs without typer (``treaty.cli.quick``), the rest
through the full command line (``treaty.cli.app``)."""

from __future__ import annotations

import signal
import sys
from types import FrameType

BUG_EXIT = 3
BUG_MESSAGE = (
    "treaty: internal error — this is a bug in treaty, not a problem in your files. "
    "Please report it with the traceback above."
)
# SIGTERM is what CI sends when a job times out, SIGINT what Ctrl-C sends: both unwind the
# program as an exception does, so that every clean-up runs (a write's temporary file, a
# lock file, a copy an edit made before it failed), then exit 128 + the signal's number.
_SIGNALS = (signal.SIGTERM, signal.SIGINT)
_received: list[int] = []


def _interrupted(signum: int, frame: FrameType | None) -> None:
    if _received:
        return  # already unwinding: let the clean-up finish
    _received.append(signum)
    raise KeyboardInterrupt


# pydantic looks for plugins among every installed distribution's entry points the first
# time a model is built: some 10 to 100 ms of every run that checks a file, for plugins treaty
# does not use. Set it to something else to have them (see pydantic's documentation).
PLUGINS_ENV = "PYDANTIC_DISABLE_PLUGINS"


def main() -> int:
    """Entry point. Exit codes: 0 ok, 1 problems, 2 usage, 3 bug (see ``treaty --help``);
    128 + N after signal N (130 for SIGINT, 143 for SIGTERM)."""
    import os

    os.environ.setdefault(PLUGINS_ENV, "__all__")
    _received.clear()
    before = {sig: signal.signal(sig, _interrupted) for sig in _SIGNALS}
    try:
        return _run()
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)


def _run() -> int:
    try:
        from treaty.cli.quick import answer

        code = answer(sys.argv[1:])
        if code is None:
            from treaty.cli.app import main as full

            code = full()  # the command line turns an interrupt into exit 1 ("Aborted!")
    except KeyboardInterrupt:
        code = 128 + signal.SIGINT
    except Exception:  # a bug: never pass it off as a validation problem
        import traceback

        traceback.print_exc()
        print(BUG_MESSAGE, file=sys.stderr)
        return BUG_EXIT
    return 128 + _received[0] if _received else code
