"""Golden help texts: every command's --help, at a fixed width, exactly as reviewed.

A change to a help text is a change of the interface: it shows here as a diff of
tests/data/help/, to be read once by eye. Regenerate with ``TREATY_WRITE_HELP=1``.
"""

from __future__ import annotations

import os

import pytest

from tests.conftest import DATA, invoke

HELP = DATA / "help"


def _commands() -> list[tuple[str, ...]]:
    """Every command line that has a help text: the program, its commands and subcommands."""
    import typer.main

    from treaty.cli.app import app

    found: list[tuple[str, ...]] = [()]
    group = typer.main.get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        found.append((name,))
        found += [(name, sub) for sub in getattr(command, "commands", {})]
    return sorted(found)


def _golden(words: tuple[str, ...]) -> str:
    return "-".join(("treaty", *words)) + ".txt"


@pytest.mark.parametrize("words", _commands(), ids=lambda w: " ".join(w) or "treaty")
def test_help_text_is_the_reviewed_one(words: tuple[str, ...]) -> None:
    result = invoke([*words, "--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    path = HELP / _golden(words)
    if os.environ.get("TREATY_WRITE_HELP"):
        path.write_text(result.output, "utf-8")
    assert result.output == path.read_text("utf-8")


def test_every_golden_help_text_belongs_to_a_command() -> None:
    assert sorted(p.name for p in HELP.glob("*.txt")) == sorted(map(_golden, _commands()))
