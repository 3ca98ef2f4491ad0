"""``treaty position add``: the diff shows only the added lines; bad input is refused with
nothing written; racing commands never lose an update."""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import Result

from tests.conftest import REPO, invoke
from treaty.cache.run import run
from treaty.check.results import Corpus
from treaty.project import Project

SHOWN = "bundled/clauses/us-russia/4.1.yaml"


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # paths are shown relative to here: bundled/clauses/...


# From the Sputnik report, which gives no date of its own: a position citing only it may be
# dated on any day after the draft (a TASS report of 2021-12-23 could not back 2021-12-30).
SPUTNIK = "sputnik-us-ready-for-talks"
QUOTE = "issues that Russia has raised that we believe we can discuss"


def _add(root: Path, *args: str) -> Result:
    return invoke(["position", "add", *args, "--root", str(root)])


def _snapshot(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_the_diff_is_only_the_added_lines(bundled_project: Path) -> None:
    path = bundled_project / "clauses" / "us-russia" / "4.1.yaml"
    before = path.read_text("utf-8")
    result = _add(
        bundled_project,
        "us-russia.4.1",
        "--party", "US",
        "--stance", "may-explore",
        "--date", "2021-12-30",
        "--basis", "explicit",
        "--source", SPUTNIK,
        "--quote", QUOTE,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output == (f"added US may-explore of 2021-12-30 to {SHOWN} (positions[3])\n")
    after = path.read_text("utf-8")
    diff = [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if not line.startswith(("---", "+++", "@@"))
    ]
    assert diff == [
        "+  - party: US",
        "+    stance: may-explore",
        "+    date: 2021-12-30",
        "+    basis: explicit",
        "+    evidence:",
        "+      - source: sputnik-us-ready-for-talks",
        f"+        quote: {QUOTE}",
    ]
    assert run(Project(bundled_project)).problems == []


def test_a_position_dated_before_the_party_s_last_one_goes_before_it(
    bundled_project: Path,
) -> None:
    path = bundled_project / "clauses" / "us-russia" / "4.1.yaml"
    result = _add(
        bundled_project,
        "us-russia.4.1",
        "--party", "US",
        "--stance", "may-explore",
        "--date", "2021-12-24",
        "--source", SPUTNIK,
        "--quote", QUOTE,
        "--basis", "inferred",
        "--rationale", "Read as covering consultations.",
        "--condition", "reciprocity",
        "--condition", "de-escalation",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "(positions[1])" in result.output
    clause = corpus(Project(bundled_project)).clauses["us-russia.4.1"]
    assert [(p.party, str(p.date)) for p in clause.positions] == [
        ("US", "2021-12-23"),
        ("US", "2021-12-24"),
        ("US", "2021-12-28"),
        ("RU", "2021-12-23"),
    ]
    assert clause.positions[1].conditions == ["reciprocity", "de-escalation"]
    assert "    rationale: Read as covering consultations.\n" in path.read_text("utf-8")


def test_a_quote_not_in_the_source_is_refused_with_the_closest_passage(
    bundled_project: Path,
) -> None:
    before = _snapshot(bundled_project)
    result = _add(
        bundled_project,
        "us-russia.4.1",
        "--party", "US",
        "--stance", "never-agree",
        "--date", "2021-12-23",
        "--basis", "explicit",
        "--source", "tass-2021-12-23",
        "--quote", "there are issues Russia raised that we can discuss",
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f'{SHOWN}: T301 quote not found in source "tass-2021-12-23"; closest passage: '
        '""there are some issues that Russia has raised that" (--quote #1)',
        "treaty: nothing written",
    ]
    assert _snapshot(bundled_project) == before


def test_every_bad_option_is_reported_at_once_and_nothing_is_written(
    bundled_project: Path,
) -> None:
    before = _snapshot(bundled_project)
    result = _add(
        bundled_project,
        "us-russia.4.1",
        "--party", "UK",
        "--stance", "agree",
        "--date", "2999-01-01",
        "--basis", "explicit",
        "--source", "tass-2021-12-2",
        "--quote", "x",
    )  # fmt: skip
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any('T204 "UK" is not a party of this treaty (US, RU) (--party)' in x for x in lines)
    assert any("T208 date 2999-01-01 is in the future (--date)" in x for x in lines)
    assert any(
        'T205 unknown source "tass-2021-12-2" (did you mean "tass-2021-12-23"?) (--source #1)' in x
        for x in lines
    )
    assert lines[-1] == "treaty: nothing written"
    assert _snapshot(bundled_project) == before


def test_an_impossible_date_is_refused(bundled_project: Path) -> None:
    result = _add(
        bundled_project,
        "us-russia.4.1",
        "--party", "US",
        "--stance", "agree",
        "--date", "2021-02-30",
        "--basis", "explicit",
        "--source", SPUTNIK,
        "--quote", QUOTE,
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"{SHOWN}: T105 positions[0].date: '2021-02-30' is not a real day: day is out of "
        "range for month (--date)"
    )


def test_an_inferred_position_without_rationale_is_refused(bundled_project: Path) -> None:
    result = _add(
        bundled_project,
        "us-russia.4.1",
        "--party", "US",
        "--stance", "agree",
        "--date", "2021-12-30",
        "--basis", "inferred",
        "--source", SPUTNIK,
        "--quote", QUOTE,
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"{SHOWN}: T106 positions[3]: an inferred position needs a rationale (one line on "
        "why) (--basis)"
    )


def test_the_same_position_twice_is_refused(bundled_project: Path) -> None:
    args = [
        "us-russia.4.1",
        "--party", "US",
        "--stance", "may-explore",
        "--date", "2021-12-30",
        "--basis", "explicit",
        "--source", SPUTNIK,
        "--quote", QUOTE,
    ]  # fmt: skip
    assert _add(bundled_project, *args).exit_code == 0
    again = _add(bundled_project, *args)
    assert again.exit_code == 1
    assert "T211 the same party, stance, date and evidence as positions[3]" in again.output


def test_an_unknown_clause_is_a_usage_error_with_a_suggestion(bundled_project: Path) -> None:
    result = _add(
        bundled_project,
        "us-russia.41",
        "--party", "US",
        "--stance", "agree",
        "--date", "2021-12-30",
        "--basis", "explicit",
        "--source", SPUTNIK,
        "--quote", QUOTE,
    )  # fmt: skip
    assert result.exit_code == 2
    assert 'no clause "us-russia.41" (did you mean "us-russia.4.1"?)' in result.output


def test_sources_and_quotes_must_pair_up(bundled_project: Path) -> None:
    result = _add(
        bundled_project,
        "us-russia.4.1",
        "--party", "US",
        "--stance", "agree",
        "--date", "2021-12-30",
        "--basis", "explicit",
        "--source", "tass-2021-12-23",
        "--source", SPUTNIK,
        "--quote", QUOTE,
    )  # fmt: skip
    assert result.exit_code == 2
    assert "give each --source its --quote" in result.output


def test_a_clause_that_already_has_problems_is_not_edited(bundled_project: Path) -> None:
    path = bundled_project / "clauses" / "us-russia" / "4.1.yaml"
    path.write_text(path.read_text("utf-8").replace("binds: [US]", "binds: [USA]"), "utf-8")
    before = _snapshot(bundled_project)
    result = _add(
        bundled_project,
        "us-russia.4.1",
        "--party", "US",
        "--stance", "agree",
        "--date", "2021-12-30",
        "--basis", "explicit",
        "--source", SPUTNIK,
        "--quote", QUOTE,
    )  # fmt: skip
    assert result.exit_code == 1
    assert f"{SHOWN}:8:9: T204" in result.output
    assert "fix the problems above first; nothing written" in result.output
    assert _snapshot(bundled_project) == before


@pytest.mark.parametrize("kind", ["link", "pipe"])
def test_a_clause_file_that_is_a_link_out_or_a_pipe_is_not_touched(
    bundled_project: Path, tmp_path: Path, kind: str
) -> None:
    path = bundled_project / "clauses" / "us-russia" / "4.1.yaml"
    outside = tmp_path / "elsewhere" / "4.1.yaml"
    outside.parent.mkdir()
    outside.write_bytes(path.read_bytes())
    path.unlink()
    if kind == "link":
        path.symlink_to(outside)  # from a pull request
    else:
        os.mkfifo(path)  # reading it would wait forever
    result = _add(
        bundled_project,
        "us-russia.4.1",
        "--party", "US",
        "--stance", "agree",
        "--date", "2021-12-30",
        "--basis", "explicit",
        "--source", SPUTNIK,
        "--quote", QUOTE,
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    code = "T011" if kind == "link" else "T010"
    assert f"{SHOWN}: {code} " in result.output
    assert sorted(p.name for p in outside.parent.iterdir()) == ["4.1.yaml"]  # no lock file
    assert outside.read_bytes() == (REPO / "clauses" / "us-russia" / "4.1.yaml").read_bytes()


def test_a_crlf_file_with_a_byte_order_mark_keeps_both(fixture_project: Path) -> None:
    path = fixture_project / "clauses" / "us-russia" / "4.1.yaml"
    original = b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(original)
    result = _add(
        fixture_project,
        "us-russia.4.1",
        "--party", "RU",
        "--stance", "agree",
        "--date", "2021-12-23",
        "--basis", "explicit",
        "--source", "sputnik",
        "--quote", "NATO's expansion eastward is unacceptable",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf")
    assert b"\n" not in after.replace(b"\r\n", b"")
    assert (
        after.replace(
            b"  - party: RU\r\n    stance: agree\r\n    date: 2021-12-23\r\n    basis: explicit\r\n"
            b"    evidence:\r\n      - source: sputnik\r\n"
            b"        quote: NATO's expansion eastward is unacceptable\r\n",
            b"",
        )
        == original
    )


# Racing commands. Each process waits until both are ready, then adds its position; a
# delay between reading the file and writing it (injected only here) holds the window in
# which a lost update could happen wide open.
_RACER = """
import os, sys, time
from pathlib import Path
import treaty.edit.apply as editing
from treaty.main import main

barrier, mode = Path(sys.argv[1]), sys.argv[2]
real_check = editing.check_new

def slow_check(*args, **kwargs):
    time.sleep(1.0)
    return real_check(*args, **kwargs)

def both_read_check(*args, **kwargs):
    # Each has read the file: wait until the other has too, so both write over what they read.
    inside = barrier / "inside"
    inside.mkdir(exist_ok=True)
    (inside / str(os.getpid())).touch()
    deadline = time.monotonic() + 60
    while len(list(inside.iterdir())) < 2 and time.monotonic() < deadline:
        time.sleep(0.001)
    return real_check(*args, **kwargs)

editing.check_new = slow_check
if mode == "unlocked":
    from contextlib import nullcontext
    editing.locked = lambda path: nullcontext()
    editing.check_new = both_read_check
(barrier / str(os.getpid())).touch()
while len([p for p in barrier.iterdir() if p.name != "inside"]) < 2:
    time.sleep(0.001)
sys.argv = ["treaty", "position", "add"] + sys.argv[3:]
raise SystemExit(main())
"""


def _race(root: Path, barrier: Path, mode: str) -> list[subprocess.CompletedProcess[str]]:
    barrier.mkdir()
    procs = []
    for party, stance, quote in (
        ("US", "may-explore", QUOTE),
        ("RU", "agree", "comprehensive draft agreements on security guarantees"),
    ):
        args = [
            sys.executable, "-c", _RACER, str(barrier), mode,
            "us-russia.4.2", "--party", party, "--stance", stance, "--date", "2021-12-30",
            "--basis", "explicit",
            "--source", SPUTNIK, "--quote", quote, "--root", str(root),
        ]  # fmt: skip
        procs.append(
            subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        )
    done = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        done.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return done


def _parties_added(root: Path) -> list[str]:
    clause = corpus(Project(root)).clauses["us-russia.4.2"]
    return [p.party for p in clause.positions if str(p.date) == "2021-12-30"]


def test_two_racing_adds_both_land(bundled_project: Path, tmp_path: Path) -> None:
    done = _race(bundled_project, tmp_path / "barrier", "locked")
    assert [d.returncode for d in done] == [0, 0], [d.stdout + d.stderr for d in done]
    assert sorted(_parties_added(bundled_project)) == ["RU", "US"]
    assert run(Project(bundled_project)).problems == []
    leftovers = [p.name for p in (bundled_project / "clauses" / "us-russia").iterdir()]
    assert not [n for n in leftovers if n.startswith(".")]


def test_without_the_lock_a_race_ends_in_one_clear_refusal_never_a_lost_update(
    bundled_project: Path, tmp_path: Path
) -> None:
    # Commands that skip the file's lock: the last look before the rename must catch it.
    done = _race(bundled_project, tmp_path / "barrier", "unlocked")
    assert sorted(d.returncode for d in done) == [0, 1], [d.stdout + d.stderr for d in done]
    refused = next(d for d in done if d.returncode == 1)
    assert "T014 changed since it was read" in refused.stdout
    assert "nothing written, run the command again" in refused.stdout
    winner = next(d for d in done if d.returncode == 0)
    assert _parties_added(bundled_project) == [winner.args[winner.args.index("--party") + 1]]


def test_the_command_has_help() -> None:
    result = invoke(["position", "add", "--help"])
    assert result.exit_code == 0
    assert "Add a party's position to a clause" in result.output
    group = invoke(["position"])
    assert group.exit_code == 2  # no command given: the group's help, as a usage error
    assert "add  Add a party's position" in group.output


def test_a_file_system_that_refuses_the_write_is_reported_not_a_traceback(
    bundled_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import treaty.files.writes as writes

    def read_only(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(kwargs.get("dir")))

    monkeypatch.setattr(writes.tempfile, "mkstemp", read_only)  # type: ignore[attr-defined]
    before = _snapshot(bundled_project)
    result = _add(
        bundled_project,
        "us-russia.4.1",
        "--party", "US",
        "--stance", "agree",
        "--date", "2021-12-30",
        "--basis", "explicit",
        "--source", SPUTNIK,
        "--quote", QUOTE,
    )  # fmt: skip
    assert result.exit_code == 1
    assert "cannot write" in result.output and "Permission denied" in result.output
    assert "nothing was changed" in result.output
    assert _snapshot(bundled_project) == before


def corpus(project: Project) -> Corpus:
    """The checked models of the project."""
    found = run(project, models=True).corpus
    assert found is not None
    return found


TASS = "tass-2021-12-23"  # published 2021-12-23
NAMED = "others that they know very well we will never agree to"


def _never_agree(root: Path, *extra: str, date: str = "2021-12-23") -> Result:
    return _add(
        root, "us-russia.4.2", "--party", "US", "--stance", "never-agree", "--date", date,
        "--source", TASS, "--quote", NAMED, *extra,
    )  # fmt: skip


def test_without_basis_and_no_terminal_it_is_a_usage_error(bundled_project: Path) -> None:
    before = _snapshot(bundled_project)
    result = _never_agree(bundled_project)
    assert result.exit_code == 2
    assert result.stderr == (
        "treaty: missing --basis: explicit: the quote names the provision or its subject; "
        "inferred: the stance is read into evidence that does not (then --rationale says "
        "why)\n"
    )
    assert _snapshot(bundled_project) == before


def test_without_basis_a_terminal_asks_and_explains(
    bundled_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from treaty.cli import position

    monkeypatch.setattr(position, "interactive", lambda: True)
    result = invoke(
        ["position", "add", "us-russia.4.2", "--party", "US", "--stance", "never-agree",
         "--date", "2021-12-23", "--source", TASS, "--quote", NAMED,
         "--rationale", "The official does not name the provision.", "--root",
         str(bundled_project)],
        input="maybe\ninferred\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "Basis: explicit: the quote names the provision or its subject; inferred: the stance "
        "is read into evidence that does not (then --rationale says why).\n"
        "Basis (explicit or inferred): maybe\nChoose explicit or inferred.\n"
        "Basis (explicit or inferred): inferred\n"
    )
    clause = corpus(Project(bundled_project)).clauses["us-russia.4.2"]
    assert clause.positions[-1].basis.value == "inferred"


def test_speakers_pair_with_the_quotes_in_order(bundled_project: Path) -> None:
    result = _add(
        bundled_project, "us-russia.4.2", "--party", "US", "--stance", "never-agree",
        "--date", "2021-12-23", "--basis", "explicit",
        "--source", TASS, "--quote", NAMED, "--speaker", "senior administration official (unnamed)",
        "--source", TASS, "--quote", "any dialogue must be based on reciprocity",
        "--speaker", "-",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = (bundled_project / "clauses" / "us-russia" / "4.2.yaml").read_text("utf-8")
    assert (
        "    evidence:\n"
        f"      - source: {TASS}\n"
        f"        quote: {NAMED}\n"
        "        speaker: senior administration official (unnamed)\n"
        f"      - source: {TASS}\n"
        "        quote: any dialogue must be based on reciprocity\n"
        "  - party: US\n"
    ) in text
    # The new position goes before the party's later one (2021-12-28).
    position = corpus(Project(bundled_project)).clauses["us-russia.4.2"].positions[1]
    assert [q.speaker for q in position.evidence] == [
        "senior administration official (unnamed)",
        None,
    ]


def test_speakers_must_pair_up(bundled_project: Path) -> None:
    result = _never_agree(
        bundled_project, "--basis", "explicit", "--speaker", "a", "--speaker", "b"
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "treaty: give each --quote its --speaker, in order (1 --quote, 2 --speaker); "
        '"--speaker -" where the source names nobody\n'
    )


@pytest.mark.parametrize(
    ("date", "line"),
    [
        (
            "2021-12-30",
            'T212 date 2021-12-30 is after its source "tass-2021-12-23" was published on '
            "2021-12-23; a statement cannot postdate every report of it (give the day it was "
            "made) (--date)",
        ),
        (
            "2021-12-16",
            'T213 date 2021-12-16 is before the draft "us-russia" was published on 2021-12-17; '
            "a position on a clause cannot predate its draft (--date)",
        ),
    ],
)
def test_a_date_its_evidence_or_draft_rules_out_is_refused(
    bundled_project: Path, date: str, line: str
) -> None:
    before = _snapshot(bundled_project)
    result = _never_agree(bundled_project, "--basis", "explicit", date=date)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"bundled/clauses/us-russia/4.2.yaml: {line}",
        "treaty: nothing written",
    ]
    assert _snapshot(bundled_project) == before


def test_a_second_stance_on_the_same_day_is_refused(bundled_project: Path) -> None:
    result = _add(
        bundled_project, "us-russia.4.2", "--party", "US", "--stance", "may-explore",
        "--date", "2021-12-23", "--basis", "inferred", "--rationale", "r",
        "--source", TASS, "--quote", "any dialogue must be based on reciprocity",
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "bundled/clauses/us-russia/4.2.yaml: T214 US is may-explore here and never-agree in "
        "positions[0], both on 2021-12-23; a party has one stance on a clause on one day: "
        "correct the date or the stance of one of them (--stance)"
    )
