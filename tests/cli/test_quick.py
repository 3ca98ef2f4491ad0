"""The plain ``treaty validate`` forms run without typer, and report exactly what the full
command line reports; everything else is left to the full command line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA, invoke
from treaty.cli import quick


@pytest.fixture
def project(fixture_project: Path) -> Path:
    """The test project with a few problems."""
    clause = fixture_project / "clauses" / "us-russia" / "4.1.yaml"
    clause.write_text(clause.read_text().replace("stance: never-agree", "stance: never"))
    shutil.copy(DATA / "invalid" / "unknown-field.yaml", clause.parent / "9.yaml")
    return fixture_project


def test_plain_forms_are_recognised() -> None:
    assert quick.parse(["validate"]) == quick.Request()
    request = quick.parse(
        ["validate", "--root", "r", "-f", "json", "--no-cache-write", "a.yaml", "--", "-b.yaml"]
    )
    assert request == quick.Request(
        root=Path("r"),
        fmt="json",
        paths=[Path("a.yaml"), Path("-b.yaml")],
        read_cache=True,
        write_cache=False,
    )
    assert quick.parse(["validate", "--root=r", "--format=github", "--no-cache"]) == (
        quick.Request(root=Path("r"), fmt="github", read_cache=False, write_cache=False)
    )


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["schema"],
        ["validate", "--help"],
        ["validate", "--format", "yaml"],
        ["validate", "--format"],
        ["validate", "--root"],
        ["validate", "--root="],
        ["validate", "--max-bytes", "10"],
        ["validate", "--jobs", "2"],
        ["validate", "-x"],
        ["validate", ""],
    ],
)
def test_everything_else_is_left_to_the_full_command_line(args: list[str]) -> None:
    assert quick.parse(args) is None


@pytest.mark.parametrize(
    "args",
    [
        ["validate"],
        ["validate", "--format", "json"],
        ["validate", "-f", "github"],
        ["validate", "--no-cache"],
        ["validate", "clauses/us-russia/9.yaml", "clauses/us-russia/4.2.yaml"],
        ["validate", "--format=json", "seeds/sources.yaml"],
    ],
)
def test_the_quick_path_reports_what_the_full_command_line_reports(
    args: list[str],
    project: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(project)
    full = invoke([*args, "--no-cache"])
    for _ in range(2):  # without, then with, the cache
        code = quick.answer(args)
        assert (code, capsys.readouterr().out) == (full.exit_code, full.output)


def test_a_project_that_is_not_found_is_left_to_the_full_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TREATY_ROOT", raising=False)
    assert quick.answer(["validate"]) is None


def test_a_path_outside_the_project_is_left_to_the_full_command_line(
    project: Path, tmp_path: Path
) -> None:
    assert quick.answer(["validate", "--root", str(project), str(tmp_path / "x.yaml")]) is None


def test_the_installed_program_reports_as_the_full_command_line_does(project: Path) -> None:
    program = Path(sys.executable).parent / "treaty"
    for _ in range(2):
        done = subprocess.run(
            [str(program), "validate", "--root", str(project)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 1, done.stderr
        assert done.stdout.splitlines()[-1] == "2 problems in 2 files (6 checked)"
    # The full command line agrees, and so does `python -m treaty`.
    full = invoke(["validate", "--root", str(project)])
    assert full.output == done.stdout
    module = subprocess.run(
        [sys.executable, "-m", "treaty", "validate", "--root", str(project)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert module.stdout == done.stdout


def test_a_warm_run_imports_neither_typer_nor_the_checkers(project: Path) -> None:
    code = (
        "import sys\n"
        "from treaty.main import main\n"
        f"sys.argv = ['treaty', 'validate', '--root', {str(project)!r}]\n"
        "code = main()\n"
        "print(code, 'typer' in sys.modules, 'pydantic' in sys.modules)\n"
    )
    seen = []
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
        )
        seen.append(done.stdout.splitlines()[-1])
    assert seen == ["1 False True", "1 False False"]  # cold: checkers; warm: the cache alone
