"""``treaty fmt``: field order and indentation, comments kept, data unchanged, --check."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import REPO, invoke, read_only
from treaty.cache.run import run
from treaty.edit.fmt import format_text
from treaty.files import fingerprint
from treaty.model import Clause
from treaty.project import Project
from treaty.registry import SourceRegistry

UNORDERED = """\
# yaml-language-server: $schema=../../schemas/clause.schema.json
title: A test clause
# The id says where the file is.
id: us-russia.9  # end-of-line comment
treaty: us-russia
article: 9
topics:
- hotlines
binds: [US]
text_kind: paraphrase
text: Hotlines.
positions:
- stance: never-agree   # said twice
  party: US
  evidence:
  - quote: "we will never agree to"
    source: tass
  date: 2021-12-23
  basis: explicit
notes: ~
related:
"""

FORMATTED = """\
# yaml-language-server: $schema=../../schemas/clause.schema.json
# The id says where the file is.
id: us-russia.9  # end-of-line comment
treaty: us-russia
article: 9
title: A test clause
topics:
  - hotlines
binds: [US]
text: Hotlines.
text_kind: paraphrase
positions:
  - party: US
    stance: never-agree # said twice
    date: 2021-12-23
    basis: explicit
    evidence:
      - source: tass
        quote: "we will never agree to"
related:
notes: ~
"""


def test_fields_are_ordered_and_indented_and_comments_travel_with_their_field() -> None:
    # An end-of-line comment keeps its column where it can (ruamel.yaml's rule), so one that
    # followed a re-indented value sits one space after it.
    assert format_text(UNORDERED, Clause) == FORMATTED


def test_formatting_is_idempotent() -> None:
    assert format_text(FORMATTED, Clause) == FORMATTED


def test_crlf_line_endings_are_kept() -> None:
    crlf = UNORDERED.replace("\n", "\r\n")
    assert format_text(crlf, Clause) == FORMATTED.replace("\n", "\r\n")


def test_registry_entries_are_ordered_too() -> None:
    text = "sources:\n  - sha256: abc\n    id: a\n    file: a.txt\n    outlet: null\n"
    assert format_text(text, SourceRegistry) == (
        "sources:\n  - id: a\n    file: a.txt\n    outlet: null\n    sha256: abc\n"
    )


def test_the_bundled_corpus_is_formatted() -> None:
    result = invoke(["fmt", "--check", "--root", str(read_only(REPO))])
    assert result.exit_code == 0, result.output
    assert result.output == "ok: 15 files already formatted\n"


def test_check_lists_what_would_change_writes_nothing_and_exits_1(
    fixture_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = fixture_project / "clauses" / "us-russia" / "9.yaml"
    path.write_text(UNORDERED, "utf-8")
    monkeypatch.chdir(fixture_project)
    result = invoke(["fmt", "--check"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "would reformat clauses/us-russia/9.yaml",
        "1 of 6 files would be reformatted; run `treaty fmt` to fix",
    ]
    assert path.read_text("utf-8") == UNORDERED


def test_fmt_writes_the_files_then_check_passes(
    fixture_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = fixture_project / "clauses" / "us-russia" / "9.yaml"
    path.write_text(UNORDERED, "utf-8")
    path.chmod(0o600)
    monkeypatch.chdir(fixture_project)
    result = invoke(["fmt", "clauses/us-russia/9.yaml", "clauses/us-russia/4.1.yaml"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "formatted clauses/us-russia/9.yaml",
        "1 formatted, 1 unchanged",
    ]
    assert path.read_text("utf-8") == FORMATTED
    assert path.stat().st_mode & 0o777 == 0o600
    assert invoke(["fmt", "--check"]).exit_code == 0
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".")] == []


def test_a_file_that_is_not_yaml_is_reported_and_left_alone(
    fixture_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = fixture_project / "clauses" / "us-russia" / "9.yaml"
    path.write_text("id: [unclosed\n", "utf-8")
    monkeypatch.chdir(fixture_project)
    result = invoke(["fmt", "clauses/us-russia/9.yaml"])
    assert result.exit_code == 1
    assert result.output.startswith("clauses/us-russia/9.yaml:1:5: T001 ")
    assert path.read_text("utf-8") == "id: [unclosed\n"


def test_paths_outside_the_project_are_a_usage_error(fixture_project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("id: x\n", "utf-8")
    result = invoke(["fmt", str(outside), "--root", str(fixture_project)])
    assert result.exit_code == 2
    assert "is not inside the project" in result.output


def test_fmt_keeps_the_bundled_corpus_valid(bundled_project: Path) -> None:
    result = invoke(["fmt", "--root", str(bundled_project)])
    assert result.exit_code == 0, result.output
    assert run(Project(bundled_project)).problems == []


_words = st.text(alphabet="abcdefgh :#'\"-", min_size=1, max_size=30).filter(
    lambda s: s.strip() == s
)


@settings(max_examples=100, deadline=None)
@given(
    order=st.permutations(["id", "title", "text", "notes", "zzz"]),
    values=st.lists(_words, min_size=5, max_size=5),
    comment=st.booleans(),
)
def test_any_field_order_formats_to_the_same_data_and_stays_formatted(
    order: list[str], values: list[str], comment: bool
) -> None:
    from treaty.yaml.render import dump

    data = dict(zip(order, values, strict=True))
    text = dump(data)
    if comment:
        text = "# a comment\n" + text
    once = format_text(text, Clause)
    assert format_text(once, Clause) == once
    keys = [line.split(":", 1)[0] for line in once.splitlines() if not line.startswith("#")]
    assert keys == ["id", "title", "text", "notes", "zzz"]


def test_check_as_json(fixture_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    (fixture_project / "clauses" / "us-russia" / "9.yaml").write_text(UNORDERED, "utf-8")
    monkeypatch.chdir(fixture_project)
    result = invoke(["fmt", "--check", "--format", "json"])
    assert result.exit_code == 1
    assert json.loads(result.output) == {
        "version": 1,
        "ok": False,
        "files_checked": 6,
        "changed": ["clauses/us-russia/9.yaml"],
        "problems": [],
    }


@pytest.mark.parametrize("check", [True, False], ids=["check", "write"])
def test_fmt_reads_and_writes_only_files_of_the_project(
    bundled_project: Path, tmp_path: Path, check: bool
) -> None:
    # Files from a pull request: a link out of the project and a pipe (reading it would hang).
    outside = tmp_path / "outside.yaml"
    outside.write_text("title: x\nid: y\n")  # out of order: fmt would rewrite it
    folder = bundled_project / "clauses" / "us-russia"
    (folder / "8.yaml").symlink_to(outside)
    os.mkfifo(folder / "9.yaml")
    args = ["fmt", "--root", str(bundled_project), *(["--check"] if check else [])]
    result = invoke(args)  # the whole project (the pipe is left to validate)
    assert result.exit_code == 1, result.output
    assert "8.yaml: T011 is a link that leads outside the project; not read" in result.output
    result = invoke([*args, str(folder / "9.yaml")])  # named, as a hook names it
    assert result.exit_code == 1, result.output
    assert "9.yaml: T010 is not a regular file (a pipe, socket or device)" in result.output
    assert outside.read_text() == "title: x\nid: y\n"


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    from treaty.edit import fmt as layout

    read: list[Path] = []
    real = layout.fmt_one

    def spy(project: Project, path: Path, *args: Any) -> Any:
        read.append(path)
        return real(project, path, *args)

    monkeypatch.setattr(layout, "fmt_one", spy)
    return read


def test_files_known_to_be_formatted_are_not_read_again(
    fixture_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fingerprint, "RACY_NS", 0)  # files count as settled at once
    monkeypatch.chdir(fixture_project)
    path = fixture_project / "clauses" / "us-russia" / "9.yaml"
    path.write_text(UNORDERED, "utf-8")
    assert invoke(["fmt", "--check"]).exit_code == 1
    read = _count_reads(monkeypatch)
    assert invoke(["fmt", "--check"]).exit_code == 1
    assert read == [path]  # only the file that is not formatted
    path.write_text(FORMATTED, "utf-8")
    read.clear()
    assert invoke(["fmt", "--check"]).exit_code == 0
    assert read == [path]
    read.clear()
    assert invoke(["fmt", "--check"]).exit_code == 0
    assert read == []
    assert invoke(["fmt", "--check", "--no-cache"]).exit_code == 0
    assert len(read) == 6


def test_workers_and_the_cache_change_nothing_that_is_reported(
    bundled_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from treaty.edit.fmt_run import FmtOptions, project_files, run_fmt

    for n, path in enumerate(sorted((bundled_project / "clauses" / "us-russia").glob("*.y*ml"))):
        if n % 2 and path.name != "treaty.yaml":  # id after treaty: fields out of order
            lines = path.read_text("utf-8").split("\n")
            lines[1], lines[2] = lines[2], lines[1]
            path.write_text("\n".join(lines), "utf-8")
    (bundled_project / "clauses" / "us-russia" / "bad.yaml").write_text("a: [\n", "utf-8")
    project = Project(bundled_project)
    files = project_files(project)
    results = [
        run_fmt(project, files, True, FmtOptions(read_cache=False, write_cache=False)),
        run_fmt(project, files, True, FmtOptions(jobs=2)),
        run_fmt(project, files, True, FmtOptions(jobs=2)),
        run_fmt(project, files, True, FmtOptions()),
    ]
    first = results[0]
    assert first.changed and first.problems
    for other in results[1:]:
        assert (other.changed, other.problems, other.checked) == (
            first.changed,
            first.problems,
            first.checked,
        )


def test_the_hook_s_plain_check_prints_what_the_full_command_prints(
    fixture_project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from treaty.cli import quick

    (fixture_project / "clauses" / "us-russia" / "9.yaml").write_text(UNORDERED, "utf-8")
    monkeypatch.chdir(fixture_project)
    for args in (
        ["fmt", "--check"],
        ["fmt", "--check", "clauses/us-russia/9.yaml"],
        ["fmt", "--check", "--no-cache", "clauses/us-russia/4.1.yaml"],
        ["fmt", "--root", str(fixture_project), "--check"],
    ):
        full = invoke(args)
        capsys.readouterr()
        code = quick.answer(args)
        seen = capsys.readouterr()
        assert (code, seen.out, seen.err) == (full.exit_code, full.stdout, full.stderr), args
    for args in (["fmt"], ["fmt", "--check", "clauses"], ["fmt", "--check", "--format", "json"]):
        assert quick.answer(args) is None, args
