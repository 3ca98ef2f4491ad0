"""`treaty show`: the whole clause, on tests/data/reports (see tests/cli/test_status.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_status import expected
from tests.conftest import DATA, REPO, invoke, read_only

ROOT = str(read_only(DATA / "reports"))
SPUTNIK = (
    "US Ready for Security Talks With Russia in Early January, Senior Administration Official Says"
)


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("TREATY_ROOT", raising=False)


def _show(*args: str) -> str:
    result = invoke(["show", "--root", ROOT, *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_text_shows_every_position_with_its_evidence() -> None:
    out = _show("east-pact.4.1", "--as-of", "2021-12-31")
    assert out == expected("show-east-pact.4.1-2021-12-31.txt")


def test_as_of_leaves_out_later_positions_and_says_so() -> None:
    out = _show("east-pact.4.1", "--as-of", "2021-12-10")
    assert out == expected("show-east-pact.4.1-2021-12-10.txt")


def _quote(quote: str, speaker: str) -> dict[str, object]:
    return {
        "source": "sputnik",
        "quote": quote,
        "title": SPUTNIK,
        "outlet": "Sputnik",
        "published": None,
        "url": "https://example.org/made-up/us-ready-for-talks",
        "retrieved": "2021-12-24",
        "speaker": speaker,
    }


def test_json() -> None:
    out = _show("west-pact.1", "--as-of", "2021-12-31", "--format", "json")
    assert json.loads(out) == {
        "as_of": "2021-12-31",
        "id": "west-pact.1",
        "treaty": "west-pact",
        "article": 1,
        "paragraph": None,
        "title": "Proposer agrees, the other party rejects",
        "topics": ["non-expansion"],
        "binds": ["US"],
        "text": "Test text.",
        "text_kind": "paraphrase",
        "verdict": "never-agree",
        "counted": ["US"],
        "silent": [],
        "reported_in": [],
        "positions": [
            {
                "party": "RU",
                "stance": "agree",
                "date": "2021-12-02",
                "basis": "explicit",
                "rationale": None,
                "conditions": None,
                "evidence": [_quote("NATO's expansion eastward is unacceptable", "Vladimir Putin")],
            },
            {
                "party": "US",
                "stance": "never-agree",
                "date": "2021-12-04",
                "basis": "inferred",
                "rationale": "Test rationale.",
                "conditions": None,
                "evidence": [
                    _quote(
                        "not ready to agree to the proposals regarding NATO",
                        "Jen Psaki, White House spokeswoman",
                    )
                ],
            },
        ],
        "related": [
            {
                "id": "east-pact.4.1",
                "title": "Moves from explore to reject",
                "verdict": "never-agree",
            }
        ],
        "notes": None,
    }


def test_a_clause_file_path_works_as_its_id(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    by_path = _show("clauses/east-pact/4.1.yaml", "--as-of", "2021-12-31")
    assert by_path == expected("show-east-pact.4.1-2021-12-31.txt")


def test_unknown_id_gets_a_did_you_mean() -> None:
    result = invoke(["show", "--root", ROOT, "eastpact.4.1"])
    assert result.exit_code == 2
    assert result.stderr == (
        'treaty: no clause "eastpact.4.1" (did you mean "east-pact.4.1"?); '
        "`treaty status` lists them all\n"
    )


def test_a_clause_whose_file_has_problems_points_to_validate(
    reports_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = reports_project / "clauses" / "east-pact" / "4.1.yaml"
    path.write_text(path.read_text().replace("text_kind: verbatim", "text_kind: literal"))
    monkeypatch.chdir(reports_project)
    result = invoke(["show", "east-pact.4.1"])
    assert result.exit_code == 1
    assert result.stderr == (
        'treaty: clause "east-pact.4.1" is in clauses/east-pact/4.1.yaml, which has problems; '
        "run `treaty validate`\n"
    )


def test_a_related_clause_with_problems_is_named_not_hidden(
    reports_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = reports_project / "clauses" / "west-pact" / "1.yaml"
    path.write_text(path.read_text().replace("binds: [US]", "binds: [USA]"))
    monkeypatch.chdir(reports_project)
    result = invoke(["show", "east-pact.4.1", "--as-of", "2021-12-31"])
    assert result.exit_code == 1
    assert "  west-pact.1  (its file has problems; run `treaty validate`)\n" in result.stdout
    assert "\n  clauses/west-pact/1.yaml\n" in result.stderr


def test_conditions_and_paraphrase_are_shown() -> None:
    out = _show("east-pact.5", "--as-of", "2021-12-31")
    assert "\nText (paraphrase, not the draft's wording):\n  Test text.\n" in out
    assert (
        "  NATO\n"
        "    2021-12-09  may-explore  (inferred)\n"
        '      - "there are other areas that Washington"\n'
        "        source: US Ready for Security Talks With Russia in Early January, Senior\n"
        "        Administration Official Says (Sputnik, date unknown) [sputnik]\n"
        "        url: https://example.org/made-up/us-ready-for-talks (retrieved\n"
        "        2021-12-24)\n"
        "      rationale: Test rationale.\n"
        "      conditions: reciprocity\n"
    ) in out
    assert "\nReported in:\n  no source reports it\n" in out


def test_the_speaker_is_shown_under_the_quote_and_the_silent_in_the_verdict() -> None:
    out = _show("west-pact.1", "--as-of", "2021-12-31")
    assert (
        '      - "not ready to agree to the proposals regarding NATO"\n'
        "        speaker: Jen Psaki, White House spokeswoman\n"
        "        source: US Ready"
    ) in out
    out = _show("east-pact.4.2", "--as-of", "2021-12-31")
    # Nobody counted has spoken: the verdict says so itself, and names nobody as silent.
    assert "verdict   no stated position as of 2021-12-31" in out
    assert "silent:" not in out


def test_a_number_alone_finds_the_one_clause_with_it() -> None:
    bundled = ["--root", str(read_only(REPO))]
    one = invoke(["show", "4.1", *bundled])
    assert one.exit_code == 0, one.output
    assert one.output.startswith("us-russia.4.1: No further eastward expansion of NATO\n")
    several = invoke(["show", "4", *bundled])
    assert several.exit_code == 2
    assert several.output == (
        'treaty: "4" is the number of several clauses; name one: russia-nato.4 (No deployments '
        "in other European states beyond 27…); us-russia.4.1 (No further eastward expansion of "
        "NATO); us-russia.4.2 (No US bases or military cooperation in former-USS…)\n"
    )
    timeline = invoke(["timeline", "4.1", *bundled])
    assert timeline.exit_code == 0 and "us-russia.4.1" in timeline.output


def test_an_article_held_in_paragraphs_lists_them() -> None:
    result = invoke(["show", "us-russia.4", "--root", str(read_only(REPO))])
    assert result.exit_code == 2
    assert result.output == (
        'treaty: no clause "us-russia.4": the article is in 2 clauses, one a paragraph each; '
        "name one: us-russia.4.1 (No further eastward expansion of NATO); us-russia.4.2 (No US "
        "bases or military cooperation in former-USS…)\n"
    )
