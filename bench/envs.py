"""The virtual environments the benchmark runs the tools from (under bench/.venvs/, ignored).

- ``treaty``: this working tree installed as a package (not editable), as pre-commit installs
  a hook's repository;
- ``cj-hook``: check-jsonschema installed alone, as its pre-commit hook gets it: ruamel.yaml
  0.19 brings no C extension, so YAML is parsed in pure Python;
- ``cj-c``: check-jsonschema with ``ruamel.yaml.clib``, the C extension that ruamel.yaml's
  ``YAML(typ="safe")`` loads when present (treaty installs the same extension, through its
  ``oldlibyaml`` extra, and reaches it through ``ruamel.yaml.cyaml``).
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

CHECK_JSONSCHEMA = "check-jsonschema"
C_LOADER = "ruamel.yaml.clib"


@dataclass(frozen=True)
class Env:
    """A virtual environment and what is installed in it."""

    name: str
    folder: Path

    def bin(self, program: str) -> str:
        return str(self.folder / "bin" / program)

    def python(self, code: str) -> str:
        # From the root folder: the repository's own treaty.egg-info must not be found.
        done = subprocess.run(
            [self.bin("python"), "-c", code], capture_output=True, text=True, check=True, cwd="/"
        )
        return done.stdout.strip()


def _pip(env: Env, *args: str) -> None:
    subprocess.run(
        [
            env.bin("python"),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            *args,
        ],
        check=True,
    )


def _venv(folder: Path) -> Env:
    env = Env(folder.name, folder)
    if not (folder / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    return env


def treaty_env(base: Path, repo: Path) -> Env:
    """A fresh install of the working tree (reinstalled each time: the code under test)."""
    env = _venv(base / "treaty")
    _pip(env, str(repo))
    _pip(env, "--force-reinstall", "--no-deps", str(repo))
    return env


def hook_env(base: Path) -> Env:
    """check-jsonschema alone."""
    env = _venv(base / "cj-hook")
    _pip(env, CHECK_JSONSCHEMA)
    return env


def c_loader_env(base: Path) -> Env:
    """check-jsonschema with the C loader its ruamel.yaml uses."""
    env = _venv(base / "cj-c")
    _pip(env, CHECK_JSONSCHEMA, C_LOADER)
    return env


def uses_c_loader(env: Env) -> bool:
    """Whether ruamel.yaml's YAML(typ="safe") parses with libyaml in this environment."""
    code = "import ruamel.yaml.main as m; print(m.CParser is not None)"
    return env.python(code) == "True"


def version(env: Env, distribution: str) -> str:
    code = f"import importlib.metadata as m; print(m.version({distribution!r}))"
    return env.python(code)
