"""The built wheel holds every module and every file beside them (treaty publish's templates,
stylesheet and script): an editable install would hide a subpackage or a file left out."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import REPO


def test_a_built_wheel_holds_every_module_of_the_package(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    shutil.copytree(
        REPO / "treaty", source / "treaty", ignore=shutil.ignore_patterns("__pycache__")
    )
    pip_wheel = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps"]
    done = subprocess.run(
        [*pip_wheel, "--no-build-isolation", "--wheel-dir", str(tmp_path / "dist"), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (wheel,) = (tmp_path / "dist").glob("treaty-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        in_wheel = {n for n in archive.namelist() if n.startswith("treaty/")}
    on_disk = {
        p.relative_to(REPO).as_posix()
        for p in (REPO / "treaty").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert any(n.endswith(".html") for n in on_disk)  # the templates are among them
    assert in_wheel == on_disk
