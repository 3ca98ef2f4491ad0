"""What the edit commands share: a refused write, an edit's refusal, the option to blame."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import typer

from treaty.cli.exits import EXIT_PROBLEMS, fail

if TYPE_CHECKING:
    from treaty.edit.apply import Outcome


@contextmanager
def writing() -> Iterator[None]:
    """A file system that refuses a write (read-only, full, no permission) is the user's
    situation, not a bug: say so, and that the original files are as they were."""
    try:
        yield
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        fail(f"cannot write{where}: {exc.strerror or exc}; nothing was changed", EXIT_PROBLEMS)


def report_outcome(outcome: Outcome, options: dict[str, str]) -> None:
    """Print why an edit wrote nothing, and exit 1."""
    from treaty.problems import Code
    from treaty.report.problems import problem_line
    from treaty.safe_text import escape

    for p in outcome.problems:
        typer.echo(problem_line(p))
    for rejected in outcome.rejected:
        option = option_for(rejected.field, options)
        hint = f" ({option})" if option else ""
        typer.echo(problem_line(rejected.problem, placed=False) + hint)
    if outcome.refusal:
        typer.echo(f"treaty: {escape(outcome.refusal)}", err=True)
    if outcome.problems and not outcome.rejected and not outcome.refusal:
        fix = any(p.code not in (Code.EDIT_CONFLICT, Code.FILE_EXISTS) for p in outcome.problems)
        if fix:
            typer.echo("treaty: fix the problems above first; nothing written", err=True)
            raise typer.Exit(EXIT_PROBLEMS)
    typer.echo("treaty: nothing written", err=True)
    raise typer.Exit(EXIT_PROBLEMS)


def option_for(loc: tuple[str | int, ...], options: dict[str, str]) -> str | None:
    """The command-line option a field of the new entry came from."""
    if not loc:
        return None
    name = str(loc[0])
    if name in ("evidence", "reported_in") and len(loc) >= 3:
        return f"--{loc[2]} #{int(loc[1]) + 1}"
    return options.get(name)
