"""The command line: parse arguments, call the core, print, and choose the exit code.

``treaty X`` lives in ``treaty/cli/X.py``: a plain typed function whose parameters are its
options, registered here in the order ``--help`` lists them. Only ``treaty/cli/`` imports
typer or prints. Commands import the core inside their bodies, so that ``--help`` and the
pre-commit path stay quick.

Exit codes: 0 success; 1 problems found (or a check failed); 2 usage error, or no project;
3 internal error (a bug in treaty, reported with its traceback).
"""

from __future__ import annotations

from typing import Annotated

import typer

from treaty.cli import export as export_command
from treaty.cli import fmt, init, new, position, schema, show, source, sources, status, timeline
from treaty.cli import search as search_command
from treaty.cli import validate as validate_command
from treaty.cli.exits import EXIT_OK

app = typer.Typer(
    name="treaty",
    help=(
        "Track the clauses of draft treaties, each party's position on them, "
        "and the quotes that back every position.\n\n"
        "Exit codes: 0 ok, 1 problems found, 2 usage error or no project, 3 internal error."
    ),
    no_args_is_help=True,
    add_completion=False,
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
) -> None:
    pass


app.command("validate")(validate_command.validate)
app.command("schema")(schema.schema)
app.command("status")(status.status)
app.command("show")(show.show)
app.command("sources")(sources.sources)
app.command("timeline")(timeline.timeline)
app.command("search")(search_command.search)
app.command("export")(export_command.export)
app.command("init")(init.init)
app.command("new")(new.new)
app.command("fmt")(fmt.fmt_command)

position_app = typer.Typer(
    help="Positions of parties on clauses.", no_args_is_help=True, rich_markup_mode=None
)
position_app.command("add")(position.position_add)
app.add_typer(position_app, name="position")

source_app = typer.Typer(
    help="The source articles in seeds/.", no_args_is_help=True, rich_markup_mode=None
)
source_app.command("add")(source.source_add)
app.add_typer(source_app, name="source")


def main() -> int:
    """Run the full command line; its exit code. ``treaty.main.main`` is the program's entry
    point: it runs plain ``validate`` without this module, and turns a bug into exit 3."""
    try:
        app(prog_name="treaty")
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return EXIT_OK
