"""Asking for what is missing, and remembering the answers.

A command run in a terminal asks for the options it was not given, checking each answer as
it comes (``treaty.edit.answers``). Quotes are pasted, not typed into a shell: no quoting,
any marks, several lines, ended by an empty line. A run that is abandoned (Ctrl-C, end of
input) or refused after answering prints the whole command line it amounts to, so that
nothing has to be typed again.
"""

from __future__ import annotations

import shlex
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import typer

from treaty.cli.exits import EXIT_USAGE
from treaty.cli.help import ARGS
from treaty.cli.terminal import safe

Check = Callable[[str], str | None]


class Asking:
    """The command line as given, plus the answers given at prompts."""

    def __init__(self, ctx: typer.Context) -> None:
        path = ctx.command_path.split()[1:]
        self.words: list[str] = ["treaty", *path, *ctx.meta.get(ARGS, [])]
        self.asked = False

    def given(self, option: str, value: str) -> None:
        """An answer, as the option that would have given it (an argument: ``ID``)."""
        self.words += [value] if option.isupper() else [option, value]
        self.asked = True

    def read_from_stdin(self, text: str) -> None:
        """The quote read from standard input (``--quote -``), kept as the text it was."""
        for i, word in enumerate(self.words):
            if word in ("--quote", "--quote-file") and self.words[i + 1 : i + 2] == ["-"]:
                self.words[i : i + 2] = ["--quote", text]
                return
            if word in ("--quote=-", "--quote-file=-"):
                self.words[i : i + 1] = ["--quote", text]
                return

    def line(self) -> str:
        return shlex.join(self.words)

    def ask(
        self, label: str, option: str, check: Check | None = None, default: str | None = None
    ) -> str:
        """One line, asked until ``check`` accepts it; recorded as ``option``."""
        while True:
            answer = str(typer.prompt(label, default=default)).strip()
            why = check(answer) if check else None
            if why is None:
                self.given(option, answer)
                return answer
            typer.echo(safe(why))

    def ask_many(self, label: str, option: str, check: Check | None = None) -> list[str]:
        """A list, separated by commas; each value checked."""
        while True:
            answer = str(typer.prompt(label))
            values = [v.strip() for v in answer.split(",") if v.strip()]
            why = next((w for w in (check(v) for v in values) if w), None) if check else None
            if values and why is None:
                self.given(option, ",".join(values))
                return values
            typer.echo(safe(why or "give at least one"))

    def ask_quote(self, source: str, check: Check | None = None) -> str:
        """A pasted passage of ``source``, ended by an empty line; recorded as ``--quote``."""
        while True:
            typer.echo(f"Quote from {safe(source)} (paste it, then an empty line):")
            lines: list[str] = []
            while True:
                line = sys.stdin.readline()
                if not line:
                    raise typer.Abort()
                if not line.strip():
                    if lines:
                        break
                    continue
                lines.append(line.rstrip("\r\n"))
            quote = " ".join(lines).strip()
            why = check(quote) if check else None
            if why is None:
                self.given("--quote", quote)
                return quote
            typer.echo(safe(why))

    @contextmanager
    def replaying(self) -> Iterator[None]:
        """On abandonment, or a refusal after questions were answered: the command line."""
        try:
            yield
        except (typer.Abort, KeyboardInterrupt, EOFError):
            typer.echo("", err=True)
            typer.echo(f"treaty: stopped; to run it again:\n  {safe(self.line())}", err=True)
            raise typer.Exit(EXIT_USAGE) from None
        except typer.Exit as exc:
            if exc.exit_code and self.asked:
                typer.echo(
                    f"treaty: the command with your answers:\n  {safe(self.line())}", err=True
                )
            raise
