"""What a package index and pip get: the wheel holds every module, the sdist holds everything
its tests need (and they run from it), the metadata is complete and valid, the dependencies
come from prebuilt wheels, and the README reads on an index page."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO

_NOT_SOURCE = {".git", ".venv", "node_modules", "__pycache__", ".treaty-cache", "build", "dist"}


def _source_files() -> list[str]:
    """The working tree's files as a commit holds them: git's list, or, outside a git
    repository (an unpacked sdist), every file but environments and caches."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    if listed.returncode == 0:
        return sorted(n for n in listed.stdout.split("\0") if n and (REPO / n).is_file())
    found = []
    for folder, dirs, names in os.walk(REPO):
        dirs[:] = [
            d
            for d in dirs
            if d not in _NOT_SOURCE and not d.endswith(("_cache", ".egg-info", ".hypothesis"))
        ]
        rel = os.path.relpath(folder, REPO)
        found += [os.path.normpath(os.path.join(rel, n)) for n in names]
    skip = {"PKG-INFO", "setup.cfg", ".coverage"}  # written by the sdist build, or a run
    return sorted(f for f in found if f not in skip)


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the working tree as committed (builds write into their source folder)."""
    dest = tmp_path_factory.mktemp("packaging") / "source"
    for name in _source_files():
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, dest / name)
    return dest


def _build(source: Path, kind: str, out: Path) -> Path:
    """Build a wheel or sdist with the installed setuptools, offline."""
    code = f"import sys, setuptools.build_meta as b; print(b.build_{kind}(sys.argv[1]))"
    done = subprocess.run(
        [sys.executable, "-c", code, str(out)],
        cwd=source,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return out / done.stdout.strip().splitlines()[-1]


def test_a_built_wheel_holds_every_module_of_the_package(source: Path, tmp_path: Path) -> None:
    wheel = _build(source, "wheel", tmp_path)
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = archive.read(next(n for n in names if n.endswith("METADATA"))).decode()
    in_wheel = {n for n in names if n.startswith("treaty/")}
    on_disk = {
        p.relative_to(REPO).as_posix()
        for p in (REPO / "treaty").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert any(n.endswith(".html") for n in on_disk)  # the templates are among them
    assert in_wheel == on_disk
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "License-Expression: MIT" in metadata
    assert "Requires-Dist: ruamel.yaml[oldlibyaml]>=0.19" in metadata


def test_the_sdist_holds_every_file_of_the_working_tree(source: Path, tmp_path: Path) -> None:
    sdist = _build(source, "sdist", tmp_path)
    with tarfile.open(sdist) as archive:
        top = archive.getnames()[0].split("/")[0]
        members = {m.name.removeprefix(top + "/") for m in archive.getmembers() if m.isfile()}
    generated = {"PKG-INFO", "setup.cfg"} | {m for m in members if ".egg-info/" in m}
    assert members - generated == set(_source_files())


def test_the_tests_run_from_the_unpacked_sdist(source: Path, tmp_path: Path) -> None:
    sdist = _build(source, "sdist", tmp_path / "dist")
    with tarfile.open(sdist) as archive:
        archive.extractall(tmp_path / "unpacked", filter="data")
    (unpacked,) = (tmp_path / "unpacked").iterdir()
    # A sample of every room: the data, the corpus, the help texts and the docs are there.
    # (The whole suite from an sdist is in the README's Development section.)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "--no-cov",
            "-p",
            "no:cacheprovider",
            "tests/unit/test_schema.py",
            "tests/cli/test_help.py",
            "tests/cli/test_status.py",
            "tests/system/test_corpus.py",
            "tests/system/test_docs.py",
        ],
        cwd=unpacked,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert re.search(r"\d+ passed", done.stdout)


def _pyproject() -> dict[str, object]:
    return tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))


def test_the_metadata_is_complete_and_the_classifiers_are_known() -> None:
    from trove_classifiers import classifiers

    project = _pyproject()["project"]
    assert isinstance(project, dict)
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]
    assert "MIT License" in (REPO / "LICENSE").read_text("utf-8")
    assert project["keywords"] and project["description"]
    assert set(project["classifiers"]) <= classifiers
    # PEP 639: no licence classifier beside a licence expression.
    assert not [c for c in project["classifiers"] if c.startswith("License ::")]


def test_the_dependencies_install_from_wheels_only(tmp_path: Path) -> None:
    # What `pip install` of a clean clone resolves: every distribution a wheel, ruamel.yaml
    # with its C loader (a resolver limited to wheels could fall back to an older ruamel.yaml
    # instead of failing, so the versions are checked too).
    project = _pyproject()["project"]
    assert isinstance(project, dict)
    report = tmp_path / "report.json"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--dry-run",
            "--quiet",
            "--ignore-installed",
            "--only-binary=:all:",
            "--report",
            str(report),
            *project["dependencies"],
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    installs = json.loads(report.read_text("utf-8"))["install"]
    files = {i["metadata"]["name"].lower(): i["download_info"]["url"] for i in installs}
    assert all(url.endswith(".whl") for url in files.values()), files
    versions = {i["metadata"]["name"].lower(): i["metadata"]["version"] for i in installs}
    major, minor = (int(n) for n in versions["ruamel.yaml"].split(".")[:2])
    assert (major, minor) >= (0, 19)
    assert "ruamel.yaml.clib" in versions
    assert "ruamel.yaml.clibz" not in versions and "ziglang" not in versions


LINK = re.compile(r"\]\(([^)\s]+)\)|^\[[^\]]+\]:\s*(\S+)", re.MULTILINE)


@pytest.mark.parametrize("name", ["README.md", "CHANGELOG.md"])
def test_links_work_on_a_package_index_page(name: str) -> None:
    # An index shows the README away from the repository: a relative link or an anchor
    # leads nowhere there. (The repository has no public address yet to link to instead.)
    text = (REPO / name).read_text("utf-8")
    # The one exception: the README's screenshot (issue 15) is a picture in docs/, which the
    # repository shows and an index page does not; its alt text says what it shows.
    text = re.sub(r"!\[[^\]]+\]\(docs/[a-z-]+\.png\)", "", text)
    targets = [a or b for a, b in LINK.findall(text)]
    assert targets
    assert [t for t in targets if not t.startswith("https://")] == []


def test_the_changelog_keeps_a_changelog() -> None:
    text = (REPO / "CHANGELOG.md").read_text("utf-8")
    headings = re.findall(r"^## (.+)$", text, re.MULTILINE)
    assert headings[0] == "[Unreleased]"
    version = _pyproject()["project"]
    assert isinstance(version, dict)
    assert any(h.startswith(f"[{version['version']}] - 20") for h in headings)
    for issue in range(10, 19):
        assert f"(issue {issue})" in text, issue
