"""The README documents every error code, and CI runs exactly the README's test command."""

from __future__ import annotations

import re

from tests.conftest import REPO
from treaty.problems import Code

README = (REPO / "README.md").read_text("utf-8")


def test_every_error_code_is_documented() -> None:
    for code in Code:
        assert f"| {code.id} | {code.slug} |" in README, code


def test_codes_are_unique() -> None:
    assert len({c.id for c in Code}) == len(Code)
    assert len({c.slug for c in Code}) == len(Code)


def test_ci_runs_exactly_the_readme_test_command() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.S)
    test_command = blocks[1].strip()
    ci = (REPO / ".ci" / "run").read_text("utf-8").strip().splitlines()
    assert ci[-1] == test_command
