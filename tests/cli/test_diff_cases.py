"""`treaty diff` on the bundled corpus, and on the cases a reviewer meets less often: a source
whose text changed, a position reworded in place, a link or an oversized file in a revision,
and text from files that must not become Markdown or workflow commands."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

from tests.cli.test_diff import AS_OF, diff
from tests.conftest import REPO, copy_project, invoke
from tests.gitrepo import commit, git, new_repository
from treaty.model import Basis, Evidence, Position, Stance
from treaty.report import diff_words as words
from treaty.report.diff_markdown import md
from treaty.report.diff_parts import PositionKind, position_changes

NSC = "nothing about our Allies and partners without our Allies and partners, including Ukraine"


def _bundled_repository(path: Path) -> Path:
    copy_project(REPO, path)
    git(path, "init", "-q", "-b", "main")
    commit(path, "the bundled corpus")
    return path


def test_done_when_a_recorded_us_move_is_named_before_and_after_its_commit_and_by_day(
    tmp_path: Path,
) -> None:
    repo = _bundled_repository(tmp_path / "bundled")
    added = invoke(
        [
            "position", "add", "russia-nato.2", "--root", str(repo), "--party", "US",
            "--stance", "never-agree", "--date", "2021-12-28", "--source", "nsc-talks-january-10",
            "--quote", NSC, "--basis", "inferred", "--rationale", "A later reading, for the test.",
        ]
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    for state in ([], ["HEAD~1", "HEAD"]):
        if state:
            commit(repo, "US never-agree on russia-nato.2")
        text = diff(repo, *state, *AS_OF)
        assert "  russia-nato.2 (changed): Urgent consultations, information exchange and\n" in text
        assert "    verdict: may-explore → split (moved by US)\n" in text
        assert "    US: may-explore* → never-agree*\n" in text
        markdown = diff(repo, *state, *AS_OF, "-f", "markdown")
        assert "  - US: may-explore\\* → never-agree\\*\n" in markdown
        assert "| may-explore → **split** | US " in markdown
        out = json.loads(diff(repo, *state, *AS_OF, "-f", "json"))
        (clause,) = out["clauses"]
        assert clause["id"] == "russia-nato.2"
        assert [
            (s["party"], s["from"]["stance"], s["to"]["stance"]) for s in clause["stances"]
        ] == [("US", "may-explore", "never-agree")]
    by_day = diff(repo, "--since", "2021-12-27", "--until", "2021-12-31")
    assert "    US: may-explore* → never-agree*\n" in by_day
    assert "    new position: US never-agree* of 2021-12-28, moved from may-explore\n" in by_day
    out = json.loads(diff(repo, "--since", "2021-12-27", "--until", "2021-12-31", "-f", "json"))
    moved = next(c for c in out["clauses"] if c["id"] == "russia-nato.2")
    assert [(s["party"], s["from"], s["to"]["stance"]) for s in moved["stances"]] == [
        ("NATO", None, "may-explore"),  # NATO's first position on it is of 2021-12-28 too
        ("US", {"stance": "may-explore", "basis": "inferred", "date": "2021-12-23"}, "never-agree"),
    ]
    assert diff(repo, "HEAD", "HEAD", "--exit-code").endswith("\n\nno changes\n")


def test_a_source_whose_text_changed_names_the_clauses_that_quote_it(tmp_path: Path) -> None:
    repo = new_repository(tmp_path / "p")
    seed = repo / "seeds/002_72c477ec1085a433.txt"
    raw = seed.read_bytes() + b"\nA correction was appended.\n"
    seed.write_bytes(raw)
    registry = repo / "seeds/sources.yaml"
    old = hashlib.sha256(raw[: -len(b"\nA correction was appended.\n")]).hexdigest()
    registry.write_text(registry.read_text().replace(old, hashlib.sha256(raw).hexdigest()))
    commit(repo, "correction")
    assert diff(repo, "HEAD~1", "HEAD", *AS_OF).split("\n", 2)[2] == (
        "sources\n"
        "  sputnik: changed; its text changed (sha256); quoted by us-russia.4.1,\n"
        "    us-russia.4.2\n"
        "\n"
        "1 source\n"
    )


def test_a_position_changed_in_place() -> None:
    day = dt.date(2021, 12, 23)
    q1, q2 = Evidence(source="a", quote="one"), Evidence(source="b", quote="two")
    before = Position(
        party="US", stance=Stance.NEVER_AGREE, date=day, basis=Basis.INFERRED, evidence=[q1],
        rationale="read into it", conditions=["x"],
    )  # fmt: skip
    after = Position(
        party="US", stance=Stance.NEVER_AGREE, date=day, basis=Basis.EXPLICIT, evidence=[q2],
        conditions=["y"],
    )  # fmt: skip
    (change,) = position_changes([before], [after])
    assert change.kind is PositionKind.CHANGED
    assert words.position(change) == (
        "changed position: US never-agree of 2021-12-23: basis inferred → explicit; "
        'new evidence b: "two"; dropped evidence a: "one"; new condition y; '
        "dropped condition x; rationale reworded"
    )
    corrected = after.model_copy(update={"stance": Stance.MAY_EXPLORE})
    (change,) = position_changes([after], [corrected])
    assert words.position(change).endswith("stance never-agree → may-explore")
    assert position_changes([after], [after]) == []
    (gone,) = position_changes([after], [])
    assert (
        words.position(gone)
        == "withdrawn position: US never-agree of 2021-12-23 (b; conditions: y)"
    )


def test_text_from_files_cannot_become_markdown_or_a_workflow_command(tmp_path: Path) -> None:
    assert md("[x](http://e.example) @all <img src=x> *b* `c` # h") == (
        "\\[x\\](http://e.example) \\@all \\<img src=x\\> \\*b\\* \\`c\\` \\# h"
    )
    repo = new_repository(tmp_path / "p")
    path = repo / "clauses/us-russia/4.2.yaml"
    hostile = "No bases::error file=x::y%0A, ![i](http://e.example/p.png)"
    path.write_text(
        path.read_text("utf-8").replace(
            "No US bases in former Soviet states outside NATO", f"'{hostile}'"
        )
    )
    commit(repo, "hostile title")
    github = diff(repo, "HEAD~1", "HEAD", *AS_OF, "-f", "github")
    assert github.count("\n") == 2 and github.startswith(
        "::notice file=clauses/us-russia/4.2.yaml,"
    )
    assert "%250A" in github  # the title's "%0A" stays text, not a line break
    markdown = diff(repo, "HEAD~1", "HEAD", *AS_OF, "-f", "markdown")
    assert "!\\[i\\](http://e.example/p.png)" in markdown and "![i]" not in markdown


def test_links_and_oversized_files_in_a_revision(tmp_path: Path) -> None:
    repo = new_repository(tmp_path / "p")
    clause = repo / "clauses/us-russia/4.2.yaml"
    kept = clause.read_bytes()
    clause.unlink()
    clause.symlink_to("4.1.yaml")
    big = repo / "clauses/us-russia/5.yaml"
    big.write_bytes(b"id: us-russia.5\nnotes: " + b"x" * (2 * 1024 * 1024) + b"\n")
    commit(repo, "a link and a big file")
    clause.unlink()
    clause.write_bytes(kept)
    big.unlink()
    out = json.loads(diff(repo, "HEAD", *AS_OF, "-f", "json"))
    assert out["from"]["skipped"] == ["clauses/us-russia/4.2.yaml"]
    # A link is no file of the revision's: 4.1 names it as related, so 4.1 has a problem there.
    assert out["files"] == [
        {"path": "clauses/us-russia/4.1.yaml", "from": 1, "to": 0},
        {"path": "clauses/us-russia/5.yaml", "from": 1, "to": None},
    ]
    text = diff(repo, "HEAD", *AS_OF)
    assert (
        "not compared (links or submodules, not files)\n  clauses/us-russia/4.2.yaml in HEAD"
        in text
    )
    shutil.rmtree(repo / ".treaty-cache", ignore_errors=True)


def test_a_project_in_a_subfolder_of_its_repository(tmp_path: Path) -> None:
    top = tmp_path / "top"
    new_repository(top / "sub dir")
    shutil.move(str(top / "sub dir" / ".git"), str(top / ".git"))
    git(top, "add", "-A")
    commit(top, "moved into a subfolder")
    notes = top / "sub dir/clauses/us-russia/4.2.yaml"
    notes.write_text(notes.read_text("utf-8") + "notes: Added.\n")
    markdown = diff(
        top / "sub dir", *AS_OF, "-f", "markdown", "--link-base", "https://h.example/b/"
    )
    assert "[us-russia.4.2](https://h.example/b/sub%20dir/clauses/us-russia/4.2.yaml)" in markdown
    assert "  - notes added\n" in markdown
    github = diff(top / "sub dir", *AS_OF, "-f", "github")
    assert github.startswith("::notice file=sub dir/clauses/us-russia/4.2.yaml,")


def test_a_treaty_renamed_renames_its_clauses_and_a_source_renamed_is_one_entry(
    tmp_path: Path,
) -> None:
    repo = new_repository(tmp_path / "p")
    shutil.move(repo / "clauses/us-russia", repo / "clauses/us-rus")
    for path in (repo / "clauses/us-rus").glob("*.yaml"):
        path.write_text(path.read_text("utf-8").replace("us-russia", "us-rus"), "utf-8")
    registry = repo / "seeds/sources.yaml"
    registry.write_text(registry.read_text("utf-8").replace("id: tass", "id: tass-2021"))
    topics = repo / "clauses/topics.yaml"
    text = topics.read_text("utf-8").replace("Emergency contact lines.", "Emergency lines.")
    topics.write_text(text + "  new-topic: A new one.\n", "utf-8")
    commit(repo, "renames")
    assert diff(repo, "HEAD~1", "HEAD", *AS_OF).split("\n", 2)[2] == (
        "us-rus: Treaty between the United States of America and the Russian Federation\n"
        "on security guarantees\n"
        "  treaty renamed from us-russia\n"
        "  us-rus.4.1 (renamed from us-russia.4.1): No further eastward expansion of NATO\n"
        "  us-rus.4.2 (renamed from us-russia.4.2): No US bases in former Soviet states\n"
        "    outside NATO\n"
        "\n"
        "sources\n"
        "  tass-2021: renamed from tass; quoted by no clause\n"
        "\n"
        "topics\n"
        "  hotlines: described anew\n"
        "  new-topic: added\n"
        "\n"
        "1 treaty, 2 clauses (2 renamed), 1 source, 2 topics\n"
    )
    markdown = diff(repo, "HEAD~1", "HEAD", *AS_OF, "-f", "markdown")
    assert "- treaty renamed from us-russia\n\n- **[us-rus.4.1](clauses/us-rus/4.1.yaml)**" in (
        markdown
    )
    assert "### Sources\n\n- tass-2021: renamed from tass; quoted by no clause\n" in markdown
    github = diff(repo, "HEAD~1", "HEAD", *AS_OF, "-f", "github").splitlines()
    assert github[-3:] == [
        "::notice file=seeds/sources.yaml,title=source tass-2021::tass-2021: renamed from tass;"
        " quoted by no clause",
        "::notice file=clauses/us-rus/treaty.yaml,title=treaty us-rus::treaty renamed from"
        " us-russia",
        "1 treaty, 2 clauses (2 renamed), 1 source, 2 topics",
    ]
