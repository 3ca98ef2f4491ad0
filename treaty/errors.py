"""treaty's own exceptions, under one base.

Problems in files are values (``treaty.problems``), never exceptions. Exceptions are for what
stops a run or an edit: no project, a clause or id that does not exist, a busy lock, a cache
that cannot be used. A bug is never one of these: it stays an ordinary exception and exits 3.
"""

from __future__ import annotations


class TreatyError(Exception):
    """A condition of the run, not a bug; the message is for the user."""


class UsageError(TreatyError):
    """What was asked for cannot be done as asked; the command line says so and exits 2."""


class ProjectNotFound(UsageError):
    """No folder with clauses/ and seeds/ was found: nothing to run on."""


class UnknownClause(UsageError):
    """No clause file has this id; the message suggests the closest."""


class InvalidId(UsageError):
    """Not a clause id (<treaty>.<article>[.<paragraph>])."""


class UnknownSource(UsageError):
    """No registered source has this id; the message suggests the closest."""


class IndexChanged(TreatyError):
    """The index changed under a report: another run, overlapping this one, brought it up to
    date with a changed file. The command line makes the report once more."""
