"""Exit codes, and the ways a command ends: a usage error, or a report with problems."""

from __future__ import annotations

from typing import TYPE_CHECKING, NoReturn

import typer

from treaty.cli.terminal import safe

if TYPE_CHECKING:
    from treaty.check.results import Corpus

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    from treaty.safe_text import escape

    typer.echo(f"treaty: {escape(message)}", err=True)
    raise typer.Exit(code)


def finish_report(corpus: Corpus) -> NoReturn:
    """Exit 0, or 1 after naming on stderr the files left out because they have problems."""
    if corpus.invalid:
        n = len(corpus.invalid)
        files = "1 file has" if n == 1 else f"{n} files have"
        them = "it" if n == 1 else "them"
        typer.echo(
            f"treaty: {files} problems, and this report may be incomplete without {them}:",
            err=True,
        )
        for path in corpus.invalid:
            typer.echo(f"  {safe(path)}", err=True)
        typer.echo("treaty: run `treaty validate` to see the problems", err=True)
        raise typer.Exit(EXIT_PROBLEMS)
    raise typer.Exit(EXIT_OK)
