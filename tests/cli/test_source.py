"""``treaty source add``: the article copied byte for byte, registered with its sha256,
the registry's comments kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO, invoke
from treaty.cache.run import run
from treaty.project import Project

# sha256 of seeds/003_198ec7020fff1254.txt, from the bundled registry (computed by hand with
# `sha256sum` when the corpus was made, not by the code under test).
NSC = REPO / "seeds" / "003_198ec7020fff1254.txt"
NSC_SHA = "eb9265370229fd834d9d7c294b2701d27ddefa7965a8f36265bb4b9a82c8fe49"


@pytest.fixture(autouse=True)
def _in_project(fixture_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(fixture_project)


def test_copies_and_registers_keeping_the_registry_byte_for_byte(fixture_project: Path) -> None:
    registry = fixture_project / "seeds" / "sources.yaml"
    registry.write_text("# Our sources.\n" + registry.read_text("utf-8"), "utf-8")
    before = registry.read_text("utf-8")
    result = invoke([
            "source", "add", str(NSC), "--id", "nsc-talks",
            "--no-title", "--notes", "The text names neither outlet nor day.",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"copied {NSC} to seeds/003_198ec7020fff1254.txt",
        'registered "nsc-talks" in seeds/sources.yaml',
    ]
    assert (fixture_project / "seeds" / NSC.name).read_bytes() == NSC.read_bytes()
    assert registry.read_text("utf-8") == before + (
        "  - id: nsc-talks\n"
        "    file: 003_198ec7020fff1254.txt\n"
        "    title: null\n"
        "    outlet: null\n"
        "    published: null\n"
        "    author: null\n"
        f"    sha256: {NSC_SHA}\n"
        "    notes: The text names neither outlet nor day.\n"
    )
    assert run(Project(fixture_project)).problems == []


def test_title_or_no_title_is_required(fixture_project: Path) -> None:
    result = invoke(["source", "add", str(NSC), "--id", "nsc"])
    assert result.exit_code == 2
    assert "give --title TITLE, or --no-title" in result.output
    both = invoke(["source", "add", str(NSC), "--id", "nsc", "--title", "t", "--no-title"])
    assert both.exit_code == 2


def test_a_taken_id_is_refused_and_nothing_is_copied(fixture_project: Path) -> None:
    result = invoke(["source", "add", str(NSC), "--id", "tass", "--title", "t"])
    assert result.exit_code == 1
    assert 'T202 source id "tass" is registered twice (--id)' in result.output
    assert not (fixture_project / "seeds" / NSC.name).exists()


def test_a_different_file_of_the_same_name_is_refused(
    fixture_project: Path, tmp_path: Path
) -> None:
    other = tmp_path / "001_4efd941cebfa5a88.txt"
    other.write_text("Another text.\n", "utf-8")
    before = (fixture_project / "seeds" / other.name).read_bytes()
    result = invoke(["source", "add", str(other), "--id", "other", "--title", "t"])
    assert result.exit_code == 1
    assert "a different file of that name is already in seeds/" in result.output
    assert (fixture_project / "seeds" / other.name).read_bytes() == before


def test_a_file_already_registered_is_refused(fixture_project: Path) -> None:
    seed = fixture_project / "seeds" / "001_4efd941cebfa5a88.txt"
    result = invoke(["source", "add", str(seed), "--id", "again", "--title", "t"])
    assert result.exit_code == 1
    assert 'seeds/001_4efd941cebfa5a88.txt is already registered as "tass"' in result.output


def test_a_file_put_in_seeds_by_hand_is_registered_without_copying(fixture_project: Path) -> None:
    seed = fixture_project / "seeds" / NSC.name
    seed.write_bytes(NSC.read_bytes())
    result = invoke(["source", "add", f"seeds/{NSC.name}", "--id", "nsc", "--title", "NSC"])
    assert result.exit_code == 0, result.output
    assert result.output == 'registered "nsc" in seeds/sources.yaml\n'


def test_bad_metadata_is_refused_naming_the_option(fixture_project: Path) -> None:
    result = invoke(
        [
            "source",
            "add",
            str(NSC),
            "--id",
            "NSC Talks",
            "--title",
            "t",
            "--published",
            "2999-01-01",
        ],
    )
    assert result.exit_code == 1
    assert '"NSC Talks" is not a slug' in result.output and "(--id)" in result.output
    assert not (fixture_project / "seeds" / NSC.name).exists()


def test_a_file_that_is_not_utf8_is_refused(fixture_project: Path, tmp_path: Path) -> None:
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Caf\xe9 au lait\n".encode("latin-1"))
    result = invoke(["source", "add", str(latin), "--id", "cafe", "--title", "t"])
    assert result.exit_code == 1
    assert "T003 invalid UTF-8 (byte 0xe9)" in result.output
    assert not (fixture_project / "seeds" / "latin1.txt").exists()


def test_a_refused_registry_write_removes_the_copied_file(
    fixture_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import treaty.edit.apply as editing
    from treaty.problems import Code, Problem

    real = editing.write_atomic  # type: ignore[attr-defined]

    def refuse_registry(path: Path, data: bytes, **kwargs: object) -> Problem | None:
        if path.name == "sources.yaml":
            return Problem("seeds/sources.yaml", None, None, Code.EDIT_CONFLICT, "changed")
        return real(path, data, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(editing, "write_atomic", refuse_registry)
    result = invoke(["source", "add", str(NSC), "--id", "nsc", "--title", "t"])
    assert result.exit_code == 1
    assert not (fixture_project / "seeds" / NSC.name).exists()


def test_the_command_has_help() -> None:
    result = invoke(["source", "add", "--help"])
    assert result.exit_code == 0
    assert "Copy an article into seeds/" in result.output


def test_url_and_retrieved_are_registered_when_given(fixture_project: Path) -> None:
    registry = fixture_project / "seeds" / "sources.yaml"
    before = registry.read_text("utf-8")
    result = invoke([
        "source", "add", str(NSC), "--id", "nsc-talks", "--no-title",
        "--url", "https://example.org/nsc", "--retrieved", "2021-12-29",
    ])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert registry.read_text("utf-8") == before + (
        "  - id: nsc-talks\n"
        "    file: 003_198ec7020fff1254.txt\n"
        "    title: null\n"
        "    outlet: null\n"
        "    published: null\n"
        "    author: null\n"
        "    url: https://example.org/nsc\n"
        "    retrieved: 2021-12-29\n"
        f"    sha256: {NSC_SHA}\n"
    )
    assert run(Project(fixture_project)).problems == []


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        (
            "--url",
            "javascript:alert(1)",
            'T104 sources[2].url: "javascript:alert(1)" is not a web address (http:// or '
            "https://, no spaces) (--url)",
        ),
        (
            "--retrieved",
            "2021-02-30",
            "T105 sources[2].retrieved: '2021-02-30' is not a real day: day is out of range "
            "for month (--retrieved)",
        ),
    ],
)
def test_a_bad_url_or_day_is_refused_naming_the_option(
    fixture_project: Path, option: str, value: str, message: str
) -> None:
    result = invoke(["source", "add", str(NSC), "--id", "nsc", "--no-title", option, value])
    assert result.exit_code == 1, result.output
    assert result.output.splitlines()[0] == f"seeds/sources.yaml: {message}"
    assert not (fixture_project / "seeds" / NSC.name).exists()


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n"], ids=["empty", "whitespace"])
def test_an_empty_article_is_refused(fixture_project: Path, tmp_path: Path, content: bytes) -> None:
    blank = tmp_path / "blank.txt"
    blank.write_bytes(content)
    before = (fixture_project / "seeds" / "sources.yaml").read_bytes()
    result = invoke(["source", "add", str(blank), "--id", "blank", "--no-title"])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "../blank.txt: T306 the file is empty or only whitespace: there is nothing in it to quote"
    )
    assert not (fixture_project / "seeds" / "blank.txt").exists()
    assert (fixture_project / "seeds" / "sources.yaml").read_bytes() == before
