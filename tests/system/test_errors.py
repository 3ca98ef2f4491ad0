"""Bugs stay visible: an internal error exits 3 with its traceback, never as a problem; and no
handler in the core catches everything."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA, REPO
from treaty.main import main
from treaty.yaml import load as yamlio


def test_a_bug_while_loading_a_file_exits_3_and_is_not_a_problem(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(text: str) -> int | None:
        raise KeyError("injected")

    monkeypatch.setattr(yamlio, "find_control", broken)
    monkeypatch.setattr(sys, "argv", ["treaty", "validate", "--root", str(DATA / "project")])
    assert main() == 3
    out, err = capsys.readouterr()
    assert out == ""  # not one line that looks like a validation problem
    assert "Traceback" in err and "KeyError: 'injected'" in err
    assert "this is a bug in treaty, not a problem in your files" in err


def _broad_handlers(path: Path) -> list[str]:
    """Handlers that catch everything (bare, Exception, BaseException) and do not re-raise."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if not isinstance(node, ast.ExceptHandler):
            continue
        names = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
        broad = any(
            n is None or (isinstance(n, ast.Name) and n.id in ("Exception", "BaseException"))
            for n in names
        )
        reraises = any(isinstance(s, ast.Raise) and s.exc is None for s in node.body)
        if broad and not reraises:
            found.append(f"{path.relative_to(REPO / 'treaty').as_posix()}:{node.lineno}")
    return found


def test_no_handler_in_the_core_swallows_bugs() -> None:
    """Only treaty.main catches everything: to print the traceback and exit 3."""
    found = [h for path in sorted((REPO / "treaty").rglob("*.py")) for h in _broad_handlers(path)]
    assert len(found) == 1 and found[0].startswith("main.py:"), found


def test_every_exception_of_treaty_has_the_one_base() -> None:
    """Conditions of a run derive from TreatyError; the one bug class stays apart from it."""
    import importlib
    import inspect

    from treaty.errors import TreatyError

    bugs = {"treaty.yaml.render.RenderError"}
    for path in sorted((REPO / "treaty").rglob("*.py")):
        if path.name == "__main__.py":  # importing it runs the program
            continue
        parts = path.relative_to(REPO).with_suffix("").parts
        module = importlib.import_module(".".join(p for p in parts if p != "__init__"))
        for name, value in vars(module).items():
            if not (inspect.isclass(value) and issubclass(value, BaseException)):
                continue
            if value.__module__ != module.__name__:
                continue
            qualified = f"{module.__name__}.{name}"
            assert issubclass(value, TreatyError) != (qualified in bugs), qualified


def test_a_signal_unwinds_the_program_and_exits_128_plus_its_number(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import os
    import signal

    from treaty.cli import quick

    def terminated(args: list[str]) -> int:
        os.kill(os.getpid(), signal.SIGTERM)  # treaty's handler turns it into an unwinding
        raise AssertionError("not reached")  # pragma: no cover

    before = signal.getsignal(signal.SIGTERM)
    monkeypatch.setattr(quick, "answer", terminated)
    monkeypatch.setattr(sys, "argv", ["treaty", "validate"])
    assert main() == 143
    assert signal.getsignal(signal.SIGTERM) is before  # the handler is treaty's only meanwhile
    assert "Traceback" not in capsys.readouterr().err
