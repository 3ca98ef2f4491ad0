"""``treaty audit``: the worklist of a project with a known gap of every kind, exactly; the
bundled corpus; a new article listed until positions cite it; --strict; mistakes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import DATA, copy_project, invoke
from treaty.audit.kinds import Kind

EXPECTED = DATA / "audit" / "expected"


@pytest.fixture
def audit_project(tmp_path: Path) -> Path:
    """A copy of tests/data/audit: made-up treaties whose gaps are known (see its notes)."""
    return copy_project(DATA / "audit", tmp_path / "audit")


def _audit(root: Path, *args: str, columns: int = 80) -> tuple[int, str, str]:
    result = invoke(["audit", "--root", str(root), *args], env={"COLUMNS": str(columns)})
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("args", "columns", "expected"),
    [
        ((), 80, "audit.txt"),
        ((), 60, "audit-60-columns.txt"),
        (("--format", "markdown"), 80, "audit.md"),
        (("--format", "json"), 80, "audit.json"),
    ],
)
def test_the_fixture_worklist_is_exactly_the_known_gaps(
    audit_project: Path, args: tuple[str, ...], columns: int, expected: str
) -> None:
    code, out, err = _audit(audit_project, *args, columns=columns)
    assert (code, err) == (0, ""), err
    assert out == (EXPECTED / expected).read_text("utf-8")


def test_the_fixture_has_a_finding_of_every_kind(audit_project: Path) -> None:
    _, out, _ = _audit(audit_project, "--format", "json")
    doc = json.loads(out)
    assert list(doc["counts"]) == [k.value for k in Kind]
    assert all(doc["counts"][k] == len(doc["findings"][k]) > 0 for k in doc["counts"])
    assert doc["total"] == sum(doc["counts"].values()) == 16


def test_text_fits_the_terminal(audit_project: Path) -> None:
    for columns in (60, 80, 100):
        _, out, _ = _audit(audit_project, columns=columns)
        assert max(len(line) for line in out.splitlines()) <= columns


def test_strict_exits_1_on_findings_and_says_so(audit_project: Path) -> None:
    code, out, err = _audit(audit_project, "--strict")
    assert code == 1
    assert out == (EXPECTED / "audit.txt").read_text("utf-8")
    assert err == "treaty: 16 findings (--strict)\n"


def test_strict_exits_0_when_nothing_is_listed(audit_project: Path) -> None:
    code, out, err = _audit(
        audit_project, "--strict", "--kind", "missing-provision", "-t", "accord"
    )
    assert (code, err) == (0, "")
    assert "provisions with no clause file: none" in out
    assert out.endswith(
        "no findings: nothing listed is missing, silent, uncited or weakly supported\n"
    )


def test_kind_and_treaty_narrow_the_worklist(audit_project: Path) -> None:
    _, out, _ = _audit(
        audit_project, "-f", "json", "-k", "silent-party", "-k", "no-speaker", "-t", "pact"
    )
    doc = json.loads(out)
    assert doc["treaties"] == ["pact"]
    assert doc["notes"] == []  # accord, which lists no articles, is not audited
    assert doc["counts"] == {"silent-party": 1, "no-speaker": 1}
    assert doc["findings"]["no-speaker"] == [
        {
            "id": "pact.1.1",
            "position": 0,
            "party": "A",
            "stance": "never-agree",
            "date": "2021-12-06",
        }
    ]


def test_thresholds_are_options(audit_project: Path) -> None:
    _, out, _ = _audit(audit_project, "-f", "json", "--reuse", "4", "--min-share", "10")
    counts = json.loads(out)["counts"]
    assert counts["reused-quote"] == 0  # the quote backs positions on 3 clauses
    assert counts["thinly-cited-source"] == 0  # src-c has 1 of 6 sentences quoted: 17%


def test_a_dismissed_sentence_leaves_the_worklist(audit_project: Path) -> None:
    phrases = audit_project / "clauses" / "audit-phrases.yaml"
    text = phrases.read_text("utf-8")
    phrases.write_text(text[: text.index("dismissed:")] + "dismissed: []\n", "utf-8")
    _, out, _ = _audit(audit_project, "-f", "json", "-k", "stance-sentence")
    listed = [
        (s["source"], s["line"], s["text"]) for s in json.loads(out)["findings"]["stance-sentence"]
    ]
    assert ("src-c", 3, "C officials welcome the rain.") in listed
    assert len(listed) == 4


def test_without_a_phrase_file_the_starter_list_is_used(audit_project: Path) -> None:
    (audit_project / "clauses" / "audit-phrases.yaml").unlink()
    code, out, _ = _audit(audit_project, "-f", "json", "-k", "stance-sentence")
    doc = json.loads(out)
    assert code == 0
    assert doc["phrases"] == "the starter list (the project has no clauses/audit-phrases.yaml)"
    # The starter list's phrases, and not the fixture's dismissals: the rain is listed.
    # "never accept" is read as never-agree, not as the "accept" inside it.
    found = [(s["text"], s["phrases"]) for s in doc["findings"]["stance-sentence"]]
    assert found == [
        ("C welcomes the plan.", [{"phrase": "welcomes", "signals": "agree"}]),
        (
            "A will never accept it, its minister said.",
            [{"phrase": "never accept", "signals": "never-agree"}],
        ),
        ("C officials welcome the rain.", [{"phrase": "welcome", "signals": "agree"}]),
    ]


def test_a_phrase_file_with_problems_is_reported_as_status_reports_it(audit_project: Path) -> None:
    phrases = audit_project / "clauses" / "audit-phrases.yaml"
    phrases.write_text(phrases.read_text("utf-8").replace(": agree", ": agreed", 1), "utf-8")
    code, out, err = _audit(audit_project, "-f", "json", "-k", "stance-sentence")
    doc = json.loads(out)
    assert code == 1
    assert doc["phrases"].startswith("none: clauses/audit-phrases.yaml has problems")
    assert doc["findings"]["stance-sentence"] == []
    assert "clauses/audit-phrases.yaml" in err and "treaty validate" in err


def test_a_clause_file_with_problems_still_counts_as_written(audit_project: Path) -> None:
    clause = audit_project / "clauses" / "pact" / "2.yaml"
    clause.write_text(
        clause.read_text("utf-8").replace("stance: never-agree", "stance: nope"), "utf-8"
    )
    code, out, err = _audit(audit_project, "-f", "json", "-k", "missing-provision")
    assert code == 1
    assert [m["id"] for m in json.loads(out)["findings"]["missing-provision"]] == [
        "pact.1.2",
        "pact.3",
    ]
    assert "pact/2.yaml" in err


def test_unknown_treaty_is_a_usage_error_with_a_suggestion(audit_project: Path) -> None:
    code, _, err = _audit(audit_project, "--treaty", "pakt")
    assert code == 2
    assert 'unknown treaty "pakt" (did you mean "pact"?)' in err


def test_unknown_kind_is_a_usage_error(audit_project: Path) -> None:
    code, _, err = _audit(audit_project, "--kind", "missing")
    assert code == 2
    assert "missing-provision" in err


def test_the_kind_choices_are_the_kinds(audit_project: Path) -> None:
    every = [arg for k in Kind for arg in ("--kind", k.value)]
    code, out, _ = _audit(audit_project, "-f", "json", *every)
    assert code == 0
    assert list(json.loads(out)["counts"]) == [k.value for k in Kind]


def test_the_bundled_corpus_lists_the_missile_and_nuclear_articles(bundled_project: Path) -> None:
    code, out, _ = _audit(bundled_project, "-f", "json", "-k", "missing-provision")
    assert code == 0
    missing = {m["id"]: m["title"] for m in json.loads(out)["findings"]["missing-provision"]}
    assert missing["us-russia.6"].startswith("No ground-launched intermediate- and shorter-range")
    assert missing["us-russia.7"].startswith("No nuclear weapons outside national territory")
    assert missing["russia-nato.5"].startswith("No land-based intermediate- and short-range")
    # Every clause file's provision is covered: none of them is listed.
    files = {
        f"{p.parent.name}.{p.stem}" for p in (bundled_project / "clauses").glob("*/[0-9]*.yaml")
    }
    assert not files & set(missing)


NEW_ARTICLE = DATA / "audit" / "made-up-article.txt"


def test_a_new_article_is_listed_until_positions_cite_it(bundled_project: Path) -> None:
    root = str(bundled_project)
    added = invoke(
        ["source", "add", str(NEW_ARTICLE), "--id", "made-up", "--no-title", "--root", root]
    )
    assert added.exit_code == 0, added.output

    def listed() -> tuple[list[str], list[str]]:
        _, out, _ = _audit(bundled_project, "-f", "json")
        found = json.loads(out)["findings"]
        sentences = [s["text"] for s in found["stance-sentence"] if s["source"] == "made-up"]
        return [s["id"] for s in found["uncited-source"]], sentences

    uncited, sentences = listed()
    assert uncited == ["made-up"]
    assert sentences == [
        "The Alliance will never agree to close its open door, a spokesperson said on Friday.",
        "It is ready to discuss limits on exercises near the borders.",
    ]
    cite = invoke(
        [
            "position", "add", "russia-nato.6", "--party", "NATO", "--stance", "never-agree",
            "--date", "2021-12-24", "--source", "made-up",
            "--quote", "will never agree to close its open door",
            "--basis", "explicit", "--root", root,
        ]
    )  # fmt: skip
    assert cite.exit_code == 0, cite.output
    uncited, sentences = listed()
    assert uncited == []
    assert sentences == ["It is ready to discuss limits on exercises near the borders."]
    code, _, _ = _audit(bundled_project, "--strict")
    assert code == 1


def test_the_phrase_file_init_writes_is_the_starter_list(tmp_path: Path) -> None:
    from treaty.phrases import STARTER

    assert invoke(["init", str(tmp_path / "new")]).exit_code == 0
    assert (tmp_path / "new" / "clauses" / "audit-phrases.yaml").read_text("utf-8") == STARTER
    shutil.rmtree(tmp_path / "new")
