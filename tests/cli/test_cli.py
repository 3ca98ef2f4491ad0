"""The command line, through typer's runner, and once as a real installed program."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, invoke
from treaty.cli.app import app


def test_validate_bundled_corpus_exits_0() -> None:
    # --no-cache: a test never writes into the repository.
    result = invoke(["validate", "--no-cache", "--root", str(REPO)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ok: ")


def test_validate_reports_located_problems_and_exits_1(
    fixture_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = fixture_project / "clauses" / "us-russia" / "4.1.yaml"
    path.write_text(path.read_text().replace("stance: never-agree", "stance: never"))
    monkeypatch.chdir(fixture_project)
    result = invoke(["validate"])
    assert result.exit_code == 1, result.output
    assert result.output.splitlines() == [
        'clauses/us-russia/4.1.yaml:15:13: T104 positions[0].stance: "never" is not one of '
        'never-agree, may-explore, agree (did you mean "never-agree"?)',
        "1 problem in 1 file (5 checked)",
    ]


def test_validate_json_format_is_stable(
    fixture_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (fixture_project / "clauses" / "us-russia" / "4.2.yaml").write_text("- a list\n")
    monkeypatch.chdir(fixture_project)
    result = invoke(["validate", "--format", "json"])
    assert result.exit_code == 1
    assert json.loads(result.output) == {
        "version": 1,
        "ok": False,
        "files_checked": 5,
        "problems": [
            {
                "path": "clauses/us-russia/4.2.yaml",
                "line": 1,
                "column": 1,
                "code": "T005",
                "name": "not-a-mapping",
                "message": "the file holds a list; it must be a mapping of fields",
            }
        ],
    }


def test_validate_github_format(fixture_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (fixture_project / "clauses" / "us-russia" / "4.2.yaml").write_text("- a list\n")
    monkeypatch.chdir(fixture_project)
    result = invoke(["validate", "--format", "github"])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "::error file=clauses/us-russia/4.2.yaml,line=1,col=1,title=T005 not-a-mapping::"
        "the file holds a list; it must be a mapping of fields"
    )


def test_validate_given_paths_reports_only_those_files(
    fixture_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (fixture_project / "clauses" / "us-russia" / "4.2.yaml").write_text("- a list\n")
    monkeypatch.chdir(fixture_project)
    result = invoke(["validate", "clauses/us-russia/4.1.yaml"])
    assert result.exit_code == 0, result.output
    assert result.output == "ok: 1 file checked, no problems\n"
    result = invoke(["validate", "clauses/us-russia/4.2.yaml"])
    assert result.exit_code == 1, result.output
    assert result.output == (
        "clauses/us-russia/4.2.yaml:1:1: T005 the file holds a list; it must be a mapping of "
        "fields\n1 problem in 1 file (1 checked)\n"
    )


def test_validate_given_path_still_checks_cross_file_rules(
    fixture_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (fixture_project / "clauses" / "us-russia" / "4.2.yaml").unlink()
    monkeypatch.chdir(fixture_project)
    result = invoke(["validate", "clauses/us-russia/4.1.yaml"])
    assert result.exit_code == 1
    assert "T206" in result.output


def _files(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_validation_writes_nothing_but_its_cache(
    fixture_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _files(fixture_project)
    monkeypatch.chdir(fixture_project)
    invoke(["validate"])
    after = _files(fixture_project)
    cache = fixture_project / ".treaty-cache"
    assert {p: b for p, b in after.items() if not p.is_relative_to(cache)} == before
    assert sorted(p.name for p in after if p.is_relative_to(cache)) == [
        ".gitignore",
        "validate.json",
    ]


def test_validation_without_the_cache_writes_nothing(
    fixture_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _files(fixture_project)
    monkeypatch.chdir(fixture_project)
    for option in ("--no-cache", "--no-cache-write"):
        result = invoke(["validate", option])
        assert result.exit_code == 0, result.output
    assert _files(fixture_project) == before
    assert not (fixture_project / ".treaty-cache").exists()


def test_no_project_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TREATY_ROOT", raising=False)
    result = invoke(["validate"])
    assert result.exit_code == 2
    assert "no treaty project found" in result.output


def test_unknown_command_suggests_the_right_one() -> None:
    result = invoke(["valdate"])
    assert result.exit_code == 2
    assert "validate" in result.output


def test_unknown_option_suggests_the_right_one() -> None:
    result = invoke(["validate", "--formt", "json"])
    assert result.exit_code == 2
    assert "--format" in result.output


def test_schema_check_passes_on_the_repository() -> None:
    result = invoke(["schema", "--check", "--root", str(REPO)])
    assert result.exit_code == 0, result.output


def test_schema_check_fails_on_drift(
    bundled_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Paths are shown relative to the current folder when that is shorter: from beside the
    # project, whatever folder the suite itself was started from.
    monkeypatch.chdir(bundled_project.parent)
    schema = bundled_project / "schemas" / "clause.schema.json"
    schema.write_text(schema.read_text().replace('"Stance"', '"Stance!"', 1))
    (bundled_project / "schemas" / "topics.schema.json").unlink()
    result = invoke(["schema", "--check", "--root", str(bundled_project)])
    assert result.exit_code == 1
    from treaty import __version__

    lines = result.output.splitlines()
    assert lines[:2] == [
        "bundled/schemas/clause.schema.json: out of date: not what treaty "
        f"{__version__} generates from its models (an older treaty wrote it, or it was edited)",
        "bundled/schemas/topics.schema.json: missing",
    ]
    assert lines[2] == (
        f"fix: `treaty schema --root {bundled_project}` rewrites schemas/ from the installed "
        f"treaty ({__version__}), so that editors check what `treaty validate` checks"
    )
    result = invoke(["schema", "--root", str(bundled_project)])
    assert result.exit_code == 0
    assert invoke(["schema", "--check", "--root", str(bundled_project)]).exit_code == 0


def test_every_command_has_help() -> None:
    result = invoke(["--help"])
    assert result.exit_code == 0
    assert app.registered_commands
    for command in app.registered_commands:
        assert command.name and command.callback, command
        assert command.callback.__doc__, command.name
        sub = invoke([command.name, "--help"])
        assert sub.exit_code == 0, command.name


def _installed_treaty() -> str:
    found = shutil.which("treaty", path=str(Path(sys.executable).parent))
    assert found, "the treaty entry point is not installed beside this Python"
    return found


def test_installed_entry_point_runs_as_a_real_process(fixture_project: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "TREATY_ROOT"}
    done = subprocess.run(
        [_installed_treaty(), "validate"],
        cwd=fixture_project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "ok: 5 files checked, no problems\n"


def test_python_dash_m_treaty_works(fixture_project: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "treaty", "validate", "--root", str(fixture_project)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


def test_an_internal_error_exits_3_with_a_traceback(fixture_project: Path) -> None:
    code = (
        "import sys, treaty.cache.run as v\n"
        "def boom(*a, **k): raise RuntimeError('injected')\n"
        "v.run = boom\n"
        "from treaty.main import main\n"
        f"sys.argv = ['treaty', 'validate', '--root', {str(fixture_project)!r}]\n"
        "raise SystemExit(main())\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 3
    assert "Traceback" in done.stderr and "RuntimeError: injected" in done.stderr
    assert "this is a bug in treaty" in done.stderr


def test_version_is_the_installed_distribution_s() -> None:
    from importlib.metadata import version

    result = invoke(["--version"])
    assert result.exit_code == 0
    assert result.output == f"treaty {version('treaty')}\n"


@pytest.mark.parametrize("argv", [["validate"], ["validate", "--jobs", "1"]])
def test_a_missing_path_is_one_usage_error(
    argv: list[str], fixture_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(fixture_project)
    result = invoke([*argv, "no/such/file.yaml"])
    assert result.exit_code == 2
    assert result.output == "treaty: no/such/file.yaml: no such file or folder\n"
    from treaty.cli.quick import answer

    assert answer(["validate", "clauses/no/such.yaml"]) is None  # the full command says why


def test_one_typo_is_one_problem(fixture_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(fixture_project)
    path = fixture_project / "clauses" / "us-russia" / "4.2.yaml"
    path.write_text(path.read_text("utf-8").replace("topics:", "tpoics:"), "utf-8")
    result = invoke(["validate"])
    assert result.exit_code == 1
    assert result.output == (
        'clauses/us-russia/4.2.yaml:6:1: T101 unknown field "tpoics" (did you mean "topics"?)\n'
        "1 problem in 1 file (5 checked)\n"
    )


def test_the_readme_validate_example_is_what_validate_prints(
    bundled_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    example = readme.split("```text\n$ treaty validate\n", 1)[1].split("```", 1)[0]
    clauses = bundled_project / "clauses" / "us-russia"
    first = clauses / "4.1.yaml"
    first.write_text(first.read_text("utf-8").replace("stance: never-agree", "stance: maybe", 1))
    other = clauses / "3.yaml"
    other.write_text(other.read_text("utf-8").replace("\ntopics:", "\ntpoics:"))
    monkeypatch.chdir(bundled_project)
    assert invoke(["validate"]).output == example


def test_usage_lines_and_options_are_written_as_people_write_them() -> None:
    for golden in (REPO / "tests" / "data" / "help").glob("*.txt"):
        text = golden.read_text("utf-8")
        usage = text.splitlines()[0]
        assert "{" not in usage and "[[" not in usage, golden.name
        assert "<list[" not in text and "<str>" not in text, golden.name
