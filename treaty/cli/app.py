"""The command line: parse arguments, call the core, print, and choose the exit code.

``treaty X`` lives in ``treaty/cli/X.py``: a plain typed function whose parameters are its
options, registered here in the order ``--help`` lists them. Only ``treaty/cli/`` imports
typer or prints. Commands import the core inside their bodies, so that ``--help`` and the
pre-commit path stay quick.

Exit codes: 0 success; 1 problems found (or a check failed); 2 usage error, or no project;
3 internal error (a bug in treaty, reported with its traceback).
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from treaty.cli import (
    audit,
    diff,
    fmt,
    init,
    new,
    new_treaty,
    position,
    related,
    reported,
    schema,
    show,
    source,
    sources,
    status,
    timeline,
)
from treaty.cli import brief as brief_command
from treaty.cli import export as export_command
from treaty.cli import publish as publish_command
from treaty.cli import search as search_command
from treaty.cli import validate as validate_command
from treaty.cli.exits import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from treaty.cli.help import styled
from treaty.cli.options import ColourChoice

app = typer.Typer(
    name="treaty",
    help=(
        "Track the clauses of draft treaties, each party's position on them, "
        "and the quotes that back every position.\n\n"
        "Exit codes: 0 ok, 1 problems found, 2 usage error or no project, 3 internal error."
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    suggest_commands=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        from treaty import __version__

        typer.echo(f"treaty {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            help="Print treaty's version and exit.",
            callback=_print_version,
            is_eager=True,
        ),
    ] = False,
    color: Annotated[
        ColourChoice,
        typer.Option(
            "--color",
            metavar="[auto|always|never]",
            help="Colour the tables of status and timeline: auto (on a terminal, unless "
            "NO_COLOR is set and not empty; FORCE_COLOR turns it on), always, or never.",
        ),
    ] = ColourChoice.auto,
) -> None:
    from treaty.cli.terminal import choose_colour

    choose_colour(color.value)


app.command("validate")(validate_command.validate)
app.command("schema")(schema.schema)
app.command("status")(status.status)
app.command("show")(show.show)
app.command("sources")(sources.sources)
app.command("timeline")(timeline.timeline)
app.command("diff")(diff.diff)
app.command("search")(search_command.search)
app.command("export")(export_command.export)
app.command("publish")(publish_command.publish)
app.command("brief")(brief_command.brief)
app.command("audit")(audit.audit)
app.command("init")(init.init)
app.command("new")(new.new)
app.command("new-treaty")(new_treaty.new_treaty)
app.command("fmt")(fmt.fmt_command)

position_app = typer.Typer(
    help="Positions of parties on clauses.", no_args_is_help=True, rich_markup_mode=None
)
position_app.command("add")(position.position_add)
position_app.command("remove")(position.position_remove)
app.add_typer(position_app, name="position")

source_app = typer.Typer(
    help="The source articles in seeds/.", no_args_is_help=True, rich_markup_mode=None
)
source_app.command("add")(source.source_add)
source_app.command("update")(source.source_update)
app.add_typer(source_app, name="source")

reported_app = typer.Typer(
    help="Where clauses and treaties are reported (reported_in).",
    no_args_is_help=True,
    rich_markup_mode=None,
)
reported_app.command("add")(reported.reported_add)
app.add_typer(reported_app, name="reported")

related_app = typer.Typer(
    help="Clauses on the same subject (related), kept both ways.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
related_app.command("add")(related.related_add)
app.add_typer(related_app, name="related")

styled(app)  # last: every command above in treaty's help style (treaty/cli/help.py)


SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def _named_shell(args: list[str]) -> int | None:
    """``treaty --show-completion SHELL`` and ``--install-completion SHELL``: typer's own
    options detect the shell and take no value, so a shell that is named is served here."""
    if len(args) != 2 or args[0] not in ("--show-completion", "--install-completion"):
        return None
    if args[1] not in SHELLS:
        typer.echo(f'treaty: unknown shell "{args[1]}"; known: {", ".join(SHELLS)}', err=True)
        return EXIT_USAGE
    # The functions behind typer's own two options (typer.completion uses them too).
    from typer._completion_shared import get_completion_script, install

    names = {"prog_name": "treaty", "complete_var": "_TREATY_COMPLETE"}
    if args[0] == "--show-completion":
        typer.echo(get_completion_script(shell=args[1], **names))
    else:
        shell, path = install(shell=args[1], **names)
        typer.echo(f"{shell} completion installed in {path}")
        typer.echo("Completion will take effect once you restart the terminal")
    return EXIT_OK


def main() -> int:
    """Run the full command line; its exit code. ``treaty.main.main`` is the program's entry
    point: it runs plain ``validate`` without this module, and turns a bug into exit 3."""
    named = _named_shell(sys.argv[1:])
    if named is not None:
        return named
    from treaty.errors import IndexChanged

    for attempt in range(2):
        try:
            app(prog_name="treaty")
        except SystemExit as exc:
            return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except IndexChanged as exc:
            # A run overlapping this one changed the index while a report read it. Reports
            # print only once they are made, so nothing was printed: make it once more.
            if attempt:
                from treaty.safe_text import escape

                typer.echo(f"treaty: {escape(str(exc))}", err=True)
                return EXIT_PROBLEMS
    return EXIT_OK
