"""The C parser from either of ruamel.yaml's extensions, and the pure parser without one.

ruamel.yaml 0.19 has two: ``ruamel.yaml.clib`` (module ``_ruamel_yaml``, prebuilt wheels; the
one ``pyproject.toml`` asks for) and ``ruamel.yaml.clibz`` (``_ruamel_yaml_clibz``, built from
source). Each case runs ``treaty validate`` in a fresh interpreter that cannot import the
extensions it is not given, on a project full of problems, and must report exactly what the
installed extension reports."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import DATA, copy_project

# Imports the C parser of ruamel.yaml.clib under the other extension's name, so the case
# "only clibz is installed" runs a real C parser through the module name clibz provides.
_STAND_IN = """
import importlib.machinery, importlib.util
spec = importlib.machinery.PathFinder.find_spec("_ruamel_yaml")
real = importlib.util.module_from_spec(spec)
spec.loader.exec_module(real)
CParser, CEmitter = real.CParser, real.CEmitter
"""

_RUN = """
import importlib.abc, json, sys

BLOCKED = set(sys.argv[1].split(",")) - {""}

class Blocker(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name in BLOCKED:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, Blocker())
from treaty.yaml.load import CParser
from treaty.main import main
try:
    import ruamel.yaml.cyaml as cyaml
    lib = getattr(cyaml, "__yaml_lib")
except ImportError:
    lib = None
sys.stderr.write(json.dumps({"parser": CParser.__module__, "lib": lib}) + "\\n")
sys.argv = ["treaty", "validate", "--no-cache", "--format", "json", "--root", sys.argv[2]]
sys.exit(main())
"""


def _validate(
    project: Path, blocked: str, extra_path: Path | None = None
) -> tuple[tuple[str, str | None], str]:
    """((the parser's module, the extension ruamel.yaml chose), the JSON report), with the
    modules in ``blocked`` unimportable."""
    env_path = [str(extra_path)] if extra_path else []
    code = f"import sys; sys.path[:0] = {env_path!r}\n" + textwrap.dedent(_RUN)
    done = subprocess.run(
        [sys.executable, "-c", code, blocked, str(project)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    chosen = json.loads(done.stderr.splitlines()[-1])
    return (chosen["parser"], chosen["lib"]), done.stdout


def _broken_project(tmp_path: Path) -> Path:
    project = copy_project(DATA / "project", tmp_path / "project")
    clauses = project / "clauses" / "us-russia"
    names = ("bad-stance", "yaml-syntax", "duplicate-key", "unknown-field", "wrong-type")
    for i, name in enumerate(names):
        (clauses / f"9{i}.yaml").write_bytes((DATA / "invalid" / f"{name}.yaml").read_bytes())
    return project


def test_the_installed_extension_is_the_prebuilt_one(tmp_path: Path) -> None:
    parser, report = _validate(_broken_project(tmp_path), "")
    assert parser == ("ruamel.yaml.clib._ruamel_yaml", "clib")
    assert len(json.loads(report)["problems"]) >= 5


def test_the_other_extension_alone_gives_the_same_report(tmp_path: Path) -> None:
    project = _broken_project(tmp_path)
    _, expected = _validate(project, "")
    stand_in = tmp_path / "stand-in"
    stand_in.mkdir()
    (stand_in / "_ruamel_yaml_clibz.py").write_text(_STAND_IN, "utf-8")
    # ruamel.yaml.cyaml's first choice (`from _ruamel_yaml import ...`) is refused; the
    # stand-in loads the same file under its own name.
    parser, report = _validate(project, "_ruamel_yaml", stand_in)
    assert parser == ("ruamel.yaml.clib._ruamel_yaml", "clibz")
    assert report == expected


def test_without_any_extension_the_pure_parser_gives_the_same_report(tmp_path: Path) -> None:
    project = _broken_project(tmp_path)
    _, expected = _validate(project, "")
    parser, report = _validate(project, "_ruamel_yaml,_ruamel_yaml_clibz")
    assert parser == ("treaty.yaml.load", None)  # the fallback, on ruamel.yaml's pure parser
    assert report == expected
