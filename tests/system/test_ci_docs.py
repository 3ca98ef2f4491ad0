"""The README's CI recipes are valid CI files, and the treaty commands in them work.

The workflow and the job are checked against the GitHub Actions and GitLab CI schemas that
check-jsonschema ships (no download), and each ``treaty`` command they run is run on a copy
of the bundled corpus from a subfolder, as a job with a ``working-directory`` would."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from tests.conftest import REPO, copy_project

BIN = Path(sys.executable).parent


def _section(title: str) -> str:
    text = (REPO / "README.md").read_text("utf-8")
    start = text.index(f"\n## {title}\n")
    end = text.index("\n## ", start + 1)
    return text[start:end]


def _yaml_blocks() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", _section("In CI"), re.DOTALL)


def test_the_section_has_a_workflow_and_a_job() -> None:
    assert len(_yaml_blocks()) == 2


@pytest.mark.parametrize(("index", "schema"), [(0, "github-workflows"), (1, "gitlab-ci")])
def test_each_recipe_is_a_valid_ci_file(index: int, schema: str, tmp_path: Path) -> None:
    path = tmp_path / "ci.yml"
    path.write_text(_yaml_blocks()[index], "utf-8")
    done = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", f"vendor.{schema}", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def _treaty_commands() -> list[list[str]]:
    commands = []
    for block in _yaml_blocks():
        data = YAML(typ="safe", pure=True).load(block)
        lines: list[str] = []
        for job in data.get("jobs", {}).values():
            lines += [step["run"] for step in job["steps"] if "run" in step]
        for job in (v for k, v in data.items() if k != "jobs" and isinstance(v, dict)):
            lines += [*job.get("script", []), *job.get("after_script", [])]
        for line in lines:
            words = shlex.split(line.split(" > ")[0].split(" || ")[0])
            if words[0] == "treaty":
                commands.append(words)
    return commands


def test_the_treaty_commands_run_on_the_bundled_corpus(tmp_path: Path) -> None:
    commands = _treaty_commands()
    assert len(commands) >= 4
    project = copy_project(REPO, tmp_path / "repo" / "data")
    subprocess.run(["git", "init", "-q", str(tmp_path / "repo")], check=True, timeout=60)
    for words in commands:
        done = subprocess.run(
            [str(BIN / "treaty"), *words[1:]],
            cwd=project / "clauses",
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, (words, done.stdout, done.stderr)
        assert done.stdout
