"""The ``treaty`` program: a warm ``validate`` answered from the cache, else the full CLI."""

from __future__ import annotations

import sys
import traceback

BUG_EXIT = 3
BUG_MESSAGE = (
    "treaty: internal error — this is a bug in treaty, not a problem in your files. "
    "Please report it with the traceback above."
)


def main() -> int:
    """Entry point. Exit codes as ``treaty.cli``: 0 ok, 1 problems, 2 usage, 3 bug."""
    try:
        from treaty.quick import answer

        code = answer(sys.argv[1:])
    except KeyboardInterrupt:
        return 130
    except Exception:  # a bug in the quick path: loud, as in the full one
        traceback.print_exc()
        print(BUG_MESSAGE, file=sys.stderr)
        return BUG_EXIT
    if code is not None:
        return code
    from treaty.cli import main as full

    return full()
