"""`treaty diff` on real git repositories built in tmp_path (see tests/gitrepo.py)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import DATA, REPO, copy_project, invoke
from tests.gitrepo import commit, git, move_us_stance, new_repository, short

AS_OF = ("--as-of", "2021-12-31")

MOVED = """\
{a} → {b}, as of 2021-12-31

us-russia: Treaty between the United States of America and the Russian
Federation on security guarantees
  us-russia.4.1 (changed): No further eastward expansion of NATO
    verdict: never-agree → may-explore (moved by US)
    US: never-agree → may-explore*
    new position: US may-explore* of 2021-12-24, moved from never-agree
      (sputnik; conditions: de-escalation)

* inferred: the evidence does not name the provision
1 clause (1 changed), 1 verdict changed, 1 stance moved, 1 new position
"""

MOVED_MARKDOWN = (DATA / "diff" / "moved.md").read_text("utf-8")

MOVED_GITHUB = (
    "::notice file=clauses/us-russia/4.1.yaml,title=us-russia.4.1 changed::No further eastward"
    " expansion of NATO%0Averdict: never-agree → may-explore (moved by US)%0AUS: never-agree →"
    " may-explore*%0Anew position: US may-explore* of 2021-12-24, moved from never-agree"
    " (sputnik; conditions: de-escalation)\n"
    "1 clause (1 changed), 1 verdict changed, 1 stance moved, 1 new position\n"
)


def diff(repo: Path, *args: str, code: int = 0) -> str:
    result = invoke(["diff", "--root", str(repo), *args], env={"COLUMNS": ""})
    assert result.exit_code == code, result.output
    return result.output


def test_a_clean_working_tree_has_no_changes_and_the_same_revision_twice_neither(
    tmp_path: Path,
) -> None:
    repo = new_repository(tmp_path / "p")
    head = short(repo, "HEAD")
    assert diff(repo, *AS_OF) == f"HEAD ({head}) → working tree, as of 2021-12-31\n\nno changes\n"
    out = diff(repo, "HEAD", "HEAD", "--exit-code", *AS_OF)
    assert out == f"HEAD ({head}) → HEAD ({head}), as of 2021-12-31\n\nno changes\n"


def test_a_stance_move_before_and_after_its_commit(tmp_path: Path) -> None:
    repo = new_repository(tmp_path / "p")
    a = short(repo, "HEAD")
    move_us_stance(repo)
    before_commit = diff(repo, *AS_OF)
    assert before_commit == MOVED.format(a=f"HEAD ({a})", b="working tree")
    b = commit(repo, "US may explore 4.1")
    assert diff(repo, "HEAD~1", "HEAD", *AS_OF) == MOVED.format(a=f"HEAD~1 ({a})", b=f"HEAD ({b})")
    assert diff(repo, "HEAD~1", "HEAD", *AS_OF, "-f", "markdown") == MOVED_MARKDOWN.format(a=a, b=b)
    assert diff(repo, "HEAD~1", "HEAD", *AS_OF, "-f", "github") == MOVED_GITHUB
    diff(repo, "HEAD~1", "HEAD", *AS_OF, "--exit-code", code=1)
    assert diff(repo, *AS_OF) == f"HEAD ({b}) → working tree, as of 2021-12-31\n\nno changes\n"


def test_the_json_shape(tmp_path: Path) -> None:
    repo = new_repository(tmp_path / "p")
    move_us_stance(repo)
    commit(repo, "move")
    out = json.loads(diff(repo, "HEAD~1", "HEAD", *AS_OF, "-f", "json"))
    assert out["version"] == 1
    assert out["from"] == {
        "label": f"HEAD~1 ({short(repo, 'HEAD~1')})",
        "revision": git(repo, "rev-parse", "HEAD~1").strip(),
        "as_of": "2021-12-31",
        "skipped": [],
    }
    assert out["to"]["revision"] == git(repo, "rev-parse", "HEAD").strip()
    assert (out["window"], out["changed"], out["treaties"], out["sources"]) == (None, True, [], [])
    assert (out["topics"], out["files"]) == ([], [])
    us = {"party": "US", "date": "2021-12-24", "basis": "inferred", "stance": "may-explore"}
    quote = "only be possible if there is an environment of de-escalation"
    assert out["clauses"] == [
        {
            "id": "us-russia.4.1",
            "treaty": "us-russia",
            "title": "No further eastward expansion of NATO",
            "path": "clauses/us-russia/4.1.yaml",
            "change": "changed",
            "from_id": None,
            "verdict": {"from": "never-agree", "to": "may-explore", "moved_by": ["US"]},
            "stances": [
                {
                    "party": "US",
                    "from": {"stance": "never-agree", "basis": "explicit", "date": "2021-12-23"},
                    "to": {k: us[k] for k in ("stance", "basis", "date")},
                }
            ],
            "positions": [
                {
                    "change": "added",
                    "step": "moved",
                    "from": None,
                    "to": {
                        **us,
                        "evidence": [{"source": "sputnik", "quote": quote}],
                        "conditions": ["de-escalation"],
                    },
                }
            ],
            "fields": [],
        }
    ]


def test_a_layout_only_commit_is_no_change(tmp_path: Path) -> None:
    repo = new_repository(tmp_path / "p")
    path = repo / "clauses/us-russia/4.1.yaml"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    # Comments, key order, flow lists written as block lists, quoting: the data stays the same.
    text = "# a comment\n" + "".join(lines[4:]) + "".join(lines[:4])
    text = text.replace("topics: [non-expansion]", "topics:\n  - 'non-expansion'  # the one")
    path.write_text(text, "utf-8")
    invoke(["fmt", "--root", str(repo)])
    assert path.read_text("utf-8") != "".join(lines)
    commit(repo, "layout")
    out = diff(repo, "HEAD~1", "HEAD", *AS_OF, "--exit-code")
    assert out.endswith("\n\nno changes\n")


def test_a_rename_is_an_id_change_with_the_same_content(tmp_path: Path) -> None:
    repo = new_repository(tmp_path / "p")
    old = repo / "clauses/us-russia/4.2.yaml"
    text = old.read_text("utf-8").replace("us-russia.4.2", "us-russia.5")
    text = text.replace("article: 4\nparagraph: 2\n", "article: 5\n")
    old.unlink()
    (repo / "clauses/us-russia/5.yaml").write_text(text, "utf-8")
    first = repo / "clauses/us-russia/4.1.yaml"
    first.write_text(first.read_text("utf-8").replace("[us-russia.4.2]", "[us-russia.5]"))
    commit(repo, "renumber")
    assert diff(repo, "HEAD~1", "HEAD", *AS_OF).split("\n", 2)[2] == (
        "us-russia: Treaty between the United States of America and the Russian\n"
        "Federation on security guarantees\n"
        "  us-russia.4.1 (changed): No further eastward expansion of NATO\n"
        "    related: +us-russia.5, -us-russia.4.2\n"
        "  us-russia.5 (renamed from us-russia.4.2): No US bases in former Soviet states\n"
        "    outside NATO\n"
        "\n"
        "2 clauses (1 renamed, 1 changed)\n"
    )


def test_an_invalid_file_in_the_old_revision_is_counted_not_taken_for_a_new_clause(
    tmp_path: Path,
) -> None:
    repo = new_repository(tmp_path / "p")
    path = repo / "clauses/us-russia/4.2.yaml"
    good = path.read_text("utf-8")
    path.write_text(good.replace("topics: [bases]", "topics: [bases]\ntpoics: [x]"), "utf-8")
    commit(repo, "typo")
    path.write_text(good, "utf-8")
    commit(repo, "fixed")
    assert diff(repo, "HEAD~1", "HEAD", *AS_OF).split("\n", 2)[2] == (
        "files with problems\n"
        "  clauses/us-russia/4.2.yaml: 1 problem in HEAD~1 ({}), no problems in HEAD\n"
        "    ({})\n"
        "\n"
        "1 file with problems\n"
    ).format(short(repo, "HEAD~1"), short(repo, "HEAD"))
    out = json.loads(diff(repo, "HEAD~2", "HEAD~1", *AS_OF, "-f", "json"))
    assert out["files"] == [{"path": "clauses/us-russia/4.2.yaml", "from": 0, "to": 1}]
    assert out["clauses"] == []  # not "removed": its file has problems


def test_a_merge_compares_with_either_parent(tmp_path: Path) -> None:
    repo = new_repository(tmp_path / "p")
    git(repo, "switch", "-q", "-c", "feature")
    move_us_stance(repo)
    commit(repo, "feature: US moves")
    git(repo, "switch", "-q", "main")
    path = repo / "clauses/us-russia/4.2.yaml"
    path.write_text(path.read_text("utf-8").replace("No US bases", "No American bases"))
    commit(repo, "main: retitle")
    git(repo, "merge", "-q", "--no-edit", "feature")
    first = json.loads(diff(repo, "HEAD^1", "HEAD", *AS_OF, "-f", "json"))
    assert [(c["id"], c["verdict"]) for c in first["clauses"]] == [
        ("us-russia.4.1", {"from": "never-agree", "to": "may-explore", "moved_by": ["US"]})
    ]
    second = json.loads(diff(repo, "HEAD^2", "HEAD", *AS_OF, "-f", "json"))
    assert [(c["id"], c["fields"]) for c in second["clauses"]] == [
        (
            "us-russia.4.2",
            [
                {
                    "field": "title",
                    "from": "No US bases in former Soviet states outside NATO",
                    "to": "No American bases in former Soviet states outside NATO",
                }
            ],
        )
    ]


def test_clauses_sources_topics_and_treaties_added_removed_and_changed(tmp_path: Path) -> None:
    repo = new_repository(tmp_path / "p")
    (repo / "clauses/us-russia/4.2.yaml").unlink()
    first = repo / "clauses/us-russia/4.1.yaml"
    first.write_text(first.read_text("utf-8").replace("related: [us-russia.4.2]\n", ""))
    topics = repo / "clauses/topics.yaml"
    topics.write_text(
        topics.read_text("utf-8").replace("  hotlines: Emergency contact lines.\n", "")
    )
    registry = repo / "seeds/sources.yaml"
    registry.write_text(registry.read_text("utf-8").replace("outlet: TASS", "outlet: TASS Moscow"))
    treaty = repo / "clauses/us-russia/treaty.yaml"
    treaty.write_text(treaty.read_text("utf-8").replace("published: 2021-12-17", "published: null"))
    commit(repo, "many")
    assert diff(repo, "HEAD~1", "HEAD", *AS_OF).split("\n", 2)[2] == (
        "us-russia: Treaty between the United States of America and the Russian\n"
        "Federation on security guarantees\n"
        "  treaty changed\n"
        '    published: "2021-12-17" → (none)\n'
        "  us-russia.4.1 (changed): No further eastward expansion of NATO\n"
        "    related: -us-russia.4.2\n"
        "  us-russia.4.2 (removed): No US bases in former Soviet states outside NATO\n"
        "    verdict: no-position\n"
        "\n"
        "sources\n"
        '  tass: changed; outlet: "TASS" → "TASS Moscow"; quoted by no clause\n'
        "\n"
        "topics\n"
        "  hotlines: removed\n"
        "\n"
        "1 treaty, 2 clauses (1 removed, 1 changed), 1 source, 1 topic\n"
    )


def test_the_working_tree_counts_untracked_and_deleted_files(tmp_path: Path) -> None:
    repo = new_repository(tmp_path / "p")
    text = (repo / "clauses/us-russia/4.2.yaml").read_text("utf-8")
    text = text.replace("us-russia.4.2", "us-russia.6").replace(
        "article: 4\nparagraph: 2\n", "article: 6\n"
    )
    (repo / "clauses/us-russia/6.yaml").write_text(text.replace("No US bases", "No bases"))
    out = json.loads(diff(repo, *AS_OF, "-f", "json"))
    assert [(c["id"], c["change"]) for c in out["clauses"]] == [("us-russia.6", "added")]
    out = json.loads(diff(repo, "HEAD", "HEAD", *AS_OF, "-f", "json"))
    assert out["changed"] is False  # an untracked file is in no revision
    (repo / "clauses/us-russia/6.yaml").unlink()
    (repo / "clauses/us-russia/4.2.yaml").unlink()
    out = json.loads(diff(repo, *AS_OF, "-f", "json"))
    # 4.2 is gone; 4.1 still names it as related, so 4.1 has a problem now: not compared.
    assert [(c["id"], c["change"]) for c in out["clauses"]] == [("us-russia.4.2", "removed")]
    assert {f["path"]: (f["from"], f["to"]) for f in out["files"]} == {
        "clauses/us-russia/4.1.yaml": (0, 1)
    }


def test_since_a_day_reads_the_same_files_at_two_days_without_git(tmp_path: Path) -> None:
    project = copy_project(REPO / "tests/data/project", tmp_path / "p")
    move_us_stance(project)
    out = diff(project, "--since", "2021-12-24", "--until", "2021-12-31")
    assert out == MOVED.replace(
        "{a} → {b}, as of 2021-12-31",
        "working tree: positions dated 2021-12-24 to 2021-12-31, and verdicts as of\n"
        "2021-12-23 → 2021-12-31",
    )
    out = diff(project, "--since", "2021-12-25", "--until", "2021-12-31", "--exit-code")
    assert out.endswith("\n\nno changes\n")


def test_since_a_day_in_a_revision(tmp_path: Path) -> None:
    repo = new_repository(tmp_path / "p")
    move_us_stance(repo)
    commit(repo, "move")
    (repo / "clauses/us-russia/4.1.yaml").unlink()
    out = json.loads(
        diff(repo, "HEAD", "--since", "2021-12-20", "--until", "2021-12-31", "-f", "json")
    )
    assert out["window"] == {"since": "2021-12-20", "until": "2021-12-31"}
    assert (out["from"]["as_of"], out["to"]["as_of"]) == ("2021-12-19", "2021-12-31")
    assert [(c["id"], c["verdict"]) for c in out["clauses"]] == [
        ("us-russia.4.1", {"from": "no-position", "to": "may-explore", "moved_by": ["US"]})
    ]


def test_usage_errors(tmp_path: Path) -> None:
    plain = copy_project(REPO / "tests/data/project", tmp_path / "plain")
    out = diff(plain, code=2)
    assert "is not in a git repository" in out and "--since DAY" in out
    repo = new_repository(tmp_path / "p")
    out = diff(repo, "HEAD~5", code=2)
    assert 'unknown revision "HEAD~5"; give a branch, tag, commit id or HEAD~N' in out
    # A revision that starts with "-" is a revision, never an option of git's.
    written = tmp_path / "written"
    out = diff(repo, "--", f"--output={written}", code=2)
    assert f'unknown revision "--output={written}"' in out
    assert not written.exists()
    assert "at most two revisions" in diff(repo, "a", "b", "c", code=2)
    assert "--until needs --since" in diff(repo, "--until", "2021-12-01", code=2)
    assert "is after --until" in diff(
        repo, "--since", "2021-12-02", "--until", "2021-12-01", code=2
    )
    assert "at most one revision" in diff(repo, "--since", "2021-12-01", "a", "b", code=2)
    assert "not a real day" in diff(repo, "--since", "2021-02-30", code=2)
    assert "only to --format markdown" in diff(repo, "--link-base", "https://h.example/", code=2)


def test_a_shallow_clone_missing_the_revision_says_to_fetch_more(tmp_path: Path) -> None:
    repo = new_repository(tmp_path / "p")
    move_us_stance(repo)
    commit(repo, "move")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    out = diff(clone, "HEAD~1", code=2)
    assert "this is a shallow clone" in out and "git fetch --unshallow" in out


def test_reading_a_revision_changes_nothing_in_the_repository(tmp_path: Path) -> None:
    repo = new_repository(tmp_path / "p")
    move_us_stance(repo)
    commit(repo, "move")
    (repo / "clauses/us-russia/4.2.yaml").write_text("id: [", "utf-8")
    index = (repo / ".git/index").read_bytes()
    status = git(repo, "status", "--porcelain")
    diff(repo, "HEAD~1", *AS_OF)
    assert (repo / ".git/index").read_bytes() == index
    assert git(repo, "status", "--porcelain") == status
    shutil.rmtree(repo / ".treaty-cache", ignore_errors=True)


def test_since_names_the_files_it_left_out_without_failing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # paths are shown relative to it (the suite may start anywhere)
    project = copy_project(REPO / "tests/data/project", tmp_path / "p")
    (project / "clauses/us-russia/4.2.yaml").write_text("id: [\n", "utf-8")
    result = invoke(["diff", "--root", str(project), "--since", "2021-12-01"])
    assert result.exit_code == 0
    assert result.stderr == (
        "treaty: 1 file with problems left out (`treaty validate` shows them):\n"
        "  p/clauses/us-russia/4.2.yaml\n"
    )
