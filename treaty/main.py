"""The ``treaty`` program: plain ``validate`` runs without typer (``treaty.cli.quick``), the rest
through the full command line (``treaty.cli.app``)."""

from __future__ import annotations

import sys

BUG_EXIT = 3
BUG_MESSAGE = (
    "treaty: internal error — this is a bug in treaty, not a problem in your files. "
    "Please report it with the traceback above."
)


# pydantic looks for plugins among every installed distribution's entry points the first
# time a model is built: some 10 to 100 ms of every run that checks a file, for plugins treaty
# does not use. Set it to something else to have them (see pydantic's documentation).
PLUGINS_ENV = "PYDANTIC_DISABLE_PLUGINS"


def main() -> int:
    """Entry point. Exit codes: 0 ok, 1 problems, 2 usage, 3 bug (see ``treaty --help``)."""
    import os

    os.environ.setdefault(PLUGINS_ENV, "__all__")
    try:
        from treaty.cli.quick import answer

        code = answer(sys.argv[1:])
        if code is not None:
            return code
        from treaty.cli.app import main as full

        return full()
    except KeyboardInterrupt:
        return 130
    except Exception:  # a bug: never pass it off as a validation problem
        import traceback

        traceback.print_exc()
        print(BUG_MESSAGE, file=sys.stderr)
        return BUG_EXIT
