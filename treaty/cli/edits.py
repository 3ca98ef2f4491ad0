"""What the edit commands share: a refused write, an edit's refusal, the option to blame."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, NoReturn

import typer

from treaty.cli.exits import EXIT_PROBLEMS, fail

if TYPE_CHECKING:
    from treaty.edit.apply import Outcome, Rejected


@contextmanager
def writing() -> Iterator[None]:
    """A file system that refuses a write (read-only, full, no permission) is the user's
    situation, not a bug: say so, and that the original files are as they were."""
    try:
        yield
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        fail(f"cannot write{where}: {exc.strerror or exc}; nothing was changed", EXIT_PROBLEMS)


def report_outcome(outcome: Outcome, options: dict[str, str]) -> NoReturn:
    """Print why an edit wrote nothing (or, after a failure midway, what it did write), and
    exit 1."""
    from treaty.problems import Code
    from treaty.report.problems import problem_line
    from treaty.safe_text import escape

    for p in outcome.problems:
        typer.echo(problem_line(p))
    for rejected in outcome.rejected:
        typer.echo(rejected_line(rejected, options))
    if outcome.refusal:
        typer.echo(f"treaty: {escape(outcome.refusal)}", err=True)
    if outcome.written:
        shown = ", ".join(escape(os.path.relpath(p)) for p in outcome.written)
        left = ", ".join(escape(os.path.relpath(p)) for p in outcome.unwritten)
        typer.echo(f"treaty: written: {shown}; NOT written: {left}", err=True)
        raise typer.Exit(EXIT_PROBLEMS)
    # Refusals of what the edit was asked (T014, T015, T230-T232): nothing needs fixing.
    refusals = {
        Code.EDIT_CONFLICT,
        Code.FILE_EXISTS,
        Code.NO_MATCH,
        Code.AMBIGUOUS_MATCH,
        Code.ALREADY_RECORDED,
    }
    only_problems = outcome.problems and not outcome.rejected and not outcome.refusal
    if only_problems and any(p.code not in refusals for p in outcome.problems):
        typer.echo("treaty: fix the problems above first; nothing written", err=True)
        raise typer.Exit(EXIT_PROBLEMS)
    typer.echo("treaty: nothing written", err=True)
    raise typer.Exit(EXIT_PROBLEMS)


def rejected_line(rejected: Rejected, options: dict[str, str]) -> str:
    """A problem of what the command line gave, named by its option: ``--party: "us" is not
    a party id ...`` rather than by a place in the file the user never wrote."""
    from treaty.check.model_errors import dotted
    from treaty.problems import Problem
    from treaty.report.problems import problem_line

    p = rejected.problem
    option = option_for(rejected.field, options)
    if option is None:
        return problem_line(p, placed=False)
    message = p.message
    loc = p.loc or ()
    for n in range(len(loc), 0, -1):
        prefix = dotted(loc[:n]) + ": "
        if message.startswith(prefix):
            message = message[len(prefix) :]
            break
    named = Problem(p.path, None, None, p.code, f"{option}: {message}")
    return problem_line(named, placed=False)


def option_for(loc: tuple[str | int, ...], options: dict[str, str]) -> str | None:
    """The command-line option a field of the new entry came from."""
    if not loc:
        return None
    name = str(loc[0])
    if name in ("evidence", "reported_in") and len(loc) >= 3:
        return f"--{loc[2]} #{int(loc[1]) + 1}"
    return options.get(name)
