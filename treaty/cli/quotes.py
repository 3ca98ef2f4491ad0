"""Quotes from the command line without shell quoting: ``--quote TEXT``, ``--quote -``
(standard input) and ``--quote-file FILE`` (one quote per file), taken in the order given and
paired with the ``--source`` options in order."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from treaty.cli.asking import Asking, Check
from treaty.cli.exits import fail
from treaty.cli.help import ARGS
from treaty.cli.terminal import interactive

if TYPE_CHECKING:
    from treaty.edit.answers import Answers
    from treaty.project import Project

MAX_QUOTE_BYTES = 64 * 1024  # a quote is a passage, not an article

QuoteFileOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--quote-file",
        metavar="FILE",
        help="A quote read from a file, one quote per file (surrounding whitespace trimmed); "
        "counts as a --quote, in order. - reads standard input.",
        show_default=False,
    ),
]


def quotes_in_order(
    ctx: typer.Context, quotes: list[str] | None, files: list[Path] | None, asking: Asking
) -> list[str]:
    """Every --quote and --quote-file value in the order they were given, files read and
    ``-`` read from standard input (once)."""
    quotes, files = list(quotes or []), list(files or [])
    kinds = _order(ctx)
    if kinds.count("--quote") != len(quotes) or kinds.count("--quote-file") != len(files):
        kinds = ["--quote"] * len(quotes) + ["--quote-file"] * len(files)
    given, read_stdin = iter(quotes), False
    paths = iter(files)
    out = []
    for kind in kinds:
        if kind == "--quote":
            value = next(given)
            if value == "-":
                read_stdin = _once(read_stdin)
                value = _clean("standard input", sys.stdin.read())
                asking.read_from_stdin(value)
        else:
            path = next(paths)
            if str(path) == "-":
                read_stdin = _once(read_stdin)
                value = _clean("standard input", sys.stdin.read())
                asking.read_from_stdin(value)
            else:
                value = _read(path)
        out.append(value)
    return out


def paired_quotes(
    ctx: typer.Context,
    sources: list[str] | None,
    quotes: list[str] | None,
    files: list[Path] | None,
    asking: Asking,
    check: Callable[[str], Check] | None = None,
) -> list[tuple[str, str]]:
    """Each --source with its quote, in order; in a terminal, a --source without one gets
    its quote asked for (checked against the source when ``check`` is given)."""
    sources = list(sources or [])
    texts = quotes_in_order(ctx, quotes, files, asking)
    if len(texts) < len(sources) and interactive():
        for source in sources[len(texts) :]:
            texts.append(asking.ask_quote(source, check(source) if check else None))
    if len(sources) != len(texts):
        fail(
            f"give each --source its --quote or --quote-file, in order ({len(sources)} "
            f"--source, {len(texts)} quotes)"
        )
    return list(zip(sources, texts, strict=True))


def quote_check(answers: Answers | None, project: Project) -> Callable[[str], Check] | None:
    """In a terminal: a check of a pasted quote against the source it is from."""
    if not interactive():
        return None
    if answers is None:
        from treaty.edit.answers import Answers

        answers = Answers.of(project)
    known = answers

    def for_source(source: str) -> Check:
        return lambda text: known.quote(source, text)

    return for_source


def _order(ctx: typer.Context) -> list[str]:
    """``--quote`` and ``--quote-file`` as they occur in the arguments, skipping the values
    of every option that takes one (a rationale may be the text "--quote")."""
    takes_value = set()
    for param in ctx.command.params:
        if param.param_type_name == "option" and not getattr(param, "is_flag", False):
            takes_value.update(param.opts)
    kinds, args = [], iter(ctx.meta.get(ARGS, []))
    for arg in args:
        if arg == "--":
            break
        name = arg.split("=", 1)[0]
        if name in ("--quote", "--quote-file"):
            kinds.append(name)
        if "=" not in arg and name in takes_value:
            next(args, None)
    return kinds


def _once(done: bool) -> bool:
    if done:
        fail("standard input holds one quote: give - only once")
    return True


def _read(path: Path) -> str:
    from treaty.files.reading import read_input

    # Through the checked reader: a pipe or a device named as a quote file is refused, not
    # waited on; a quote file may be anywhere (it is the user's, not the project's).
    raw, why = read_input(path, MAX_QUOTE_BYTES)
    if raw is None:
        more = "; a quote is a passage" if why and why.startswith("is larger") else ""
        fail(f"--quote-file {path} {why}{more}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        fail(f"--quote-file {path} is not UTF-8 text")
    return _clean(f"--quote-file {path}", text)


def _clean(what: str, text: str) -> str:
    text = text.strip()
    if not text:
        fail(f"{what} holds no quote (it is empty)")
    return text
