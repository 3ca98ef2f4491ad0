"""Shell completion: the script typer writes, run by a real bash, and the names it offers.

Completion runs the installed ``treaty`` as the shell does (``_TREATY_COMPLETE`` and the
words typed in the environment), from the project in the current folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from tests.conftest import DATA, REPO, copy_project, invoke
from treaty.cli import completion
from treaty.project import find_project

TREATY = Path(sys.executable).parent / "treaty"


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "TREATY_ROOT"}
    return {**env, "PATH": f"{TREATY.parent}{os.pathsep}{env['PATH']}", **extra}


def _bash_complete(words: list[str], cwd: Path) -> list[str]:
    """What bash offers for ``words`` (the last one being typed), through the script that
    ``treaty --show-completion bash`` prints, sourced into a real bash."""
    script = subprocess.run(
        [str(TREATY), "--show-completion", "bash"],
        capture_output=True,
        text=True,
        env=_env(),
        cwd=cwd,
        timeout=60,
        check=True,
    ).stdout
    typed = " ".join(words)
    program = (
        f"{script}\n"
        f"COMP_WORDS=({typed}); COMP_CWORD={len(words) - 1}\n"
        '_treaty_completion treaty; printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    bash = shutil.which("bash")
    assert bash is not None
    done = subprocess.run(
        [bash, "--norc", "--noprofile", "-c", program],
        capture_output=True,
        text=True,
        env=_env(),
        cwd=cwd,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return [line for line in done.stdout.splitlines() if line]


def test_show_completion_prints_a_bash_script() -> None:
    done = subprocess.run(
        [str(TREATY), "--show-completion", "bash"],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "_TREATY_COMPLETE=complete_bash" in done.stdout
    assert "complete -o default -F _treaty_completion treaty" in done.stdout


@pytest.mark.parametrize(
    ("shell", "marker"),
    [("zsh", "#compdef treaty"), ("fish", "complete --command treaty"), ("pwsh", "Register-")],
)
def test_show_completion_for_other_shells(shell: str, marker: str) -> None:
    done = subprocess.run(
        [str(TREATY), "--show-completion", shell],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert marker in done.stdout and "_TREATY_COMPLETE" in done.stdout


def test_completing_show_offers_the_clause_ids(tmp_path: Path) -> None:
    project = copy_project(REPO, tmp_path / "bundled")
    assert _bash_complete(["treaty", "show", "us-"], project) == [
        "us-russia.3",
        "us-russia.4.1",
        "us-russia.4.2",
        "us-russia.5.1",
    ]


def test_completion_works_from_a_subfolder_and_with_root(tmp_path: Path) -> None:
    project = copy_project(REPO, tmp_path / "bundled")
    offered = _bash_complete(["treaty", "timeline", "russia-nato.1"], project / "clauses")
    assert offered == ["russia-nato.1.2", "russia-nato.1.4"]
    elsewhere = _bash_complete(
        ["treaty", "status", "--root", str(project), "--treaty", "r"], tmp_path
    )
    assert elsewhere == ["russia-nato"]


def test_completion_of_parties_topics_and_sources(tmp_path: Path) -> None:
    project = copy_project(REPO, tmp_path / "bundled")
    assert _bash_complete(["treaty", "status", "--party", "N"], project) == ["NATO"]
    assert _bash_complete(["treaty", "status", "--topic", "hot"], project) == ["hotlines"]
    words = ["treaty", "position", "add", "us-russia.4.1", "--source", "tass"]
    assert _bash_complete(words, project) == ["tass-2021-12-23"]
    listed = _bash_complete(["treaty", "new", "--topics", "hotlines,tr"], project)
    assert listed == ["hotlines,transparency"]
    assert _bash_complete(["treaty", "new", "us"], project) == ["us-russia."]


def test_completion_outside_a_project_offers_nothing(tmp_path: Path) -> None:
    assert _bash_complete(["treaty", "show", "us-"], tmp_path) == []


def test_completion_reads_names_without_validating(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Broken files still give their names; the validation run is never started.
    project = copy_project(DATA / "project", tmp_path / "project")
    (project / "clauses" / "us-russia" / "9.yaml").write_text("id: [unclosed\n", "utf-8")
    registry = project / "seeds" / "sources.yaml"
    registry.write_text(registry.read_text("utf-8") + "  - id: broken\n    file: 7\n", "utf-8")
    (project / "clauses" / "topics.yaml").write_text("topics: [not, a, mapping]\n", "utf-8")

    def no_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("completion must not validate")

    monkeypatch.setattr("treaty.cache.run.run", no_run)
    from treaty.cli.app import app

    ctx = typer.Context(typer.main.get_command(app))
    ctx.params["root"] = project
    assert completion.CLAUSES(ctx, "us-russia.") == [
        ("us-russia.4.1", ""),
        ("us-russia.4.2", ""),
        ("us-russia.9", ""),
    ]
    assert [name for name, _ in completion.SOURCES(ctx, "")] == ["tass", "sputnik", "broken"]
    assert completion.TOPICS(ctx, "") == []
    assert completion.PARTIES(ctx, "U") == [("US", "United States of America")]
    assert completion.CLAUSE_LIST(ctx, "us-russia.4.1,us-russia.4.") == [
        ("us-russia.4.1,us-russia.4.1", ""),
        ("us-russia.4.1,us-russia.4.2", ""),
    ]


def test_completion_of_an_unreadable_file_offers_nothing_from_it(tmp_path: Path) -> None:
    project = copy_project(DATA / "project", tmp_path / "project")
    (project / "seeds" / "sources.yaml").unlink()
    (project / "seeds" / "sources.yaml").mkdir()
    names = completion.source_names(find_project(root=project))
    assert names == []


def test_install_completion_for_a_named_shell(tmp_path: Path) -> None:
    done = subprocess.run(
        [str(TREATY), "--install-completion", "bash"],
        capture_output=True,
        text=True,
        env=_env(HOME=str(tmp_path)),
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("bash completion installed in ")
    script = Path(done.stdout.split(" installed in ", 1)[1].splitlines()[0])
    assert "_TREATY_COMPLETE=complete_bash" in script.read_text("utf-8")
    assert str(script) in (tmp_path / ".bashrc").read_text("utf-8")


def test_an_unknown_shell_name_is_a_usage_error() -> None:
    done = subprocess.run(
        [str(TREATY), "--show-completion", "tcsh"], capture_output=True, text=True, env=_env()
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == 'treaty: unknown shell "tcsh"; known: bash, zsh, fish, powershell, pwsh\n'


def test_install_completion_is_offered_in_help() -> None:
    out = invoke(["--help"]).output
    assert "--install-completion" in out and "--show-completion" in out


def test_completion_of_names_in_a_folder_that_is_no_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from treaty.cli.app import app

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TREATY_ROOT", raising=False)
    ctx = typer.Context(typer.main.get_command(app))
    assert completion.TREATIES(ctx, "") == []
    ctx.params["root"] = str(tmp_path)  # given, but not a project
    assert completion.CLAUSES(ctx, "") == []


def test_names_from_files_that_are_not_what_they_should_be(tmp_path: Path) -> None:
    project = copy_project(DATA / "project", tmp_path / "project")
    (project / "clauses" / "us-russia" / "treaty.yaml").write_text("- a list\n", "utf-8")
    (project / "seeds" / "sources.yaml").write_text("sources: {a: b}\n", "utf-8")
    found = find_project(root=project)
    assert completion.treaty_names(found) == [("us-russia", "")]
    assert completion.party_names(found) == []
    assert completion.source_names(found) == []
