"""Recording a statement as analysts do: one command for a statement that bears on several
clauses, quotes from files or standard input (no shell quoting), what is missing asked for
and checked at its prompt, and ``position remove`` undoing ``position add`` byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import Result

from tests.conftest import invoke
from treaty.cli import asking, new, position, quotes
from treaty.files.reading import Limits
from treaty.yaml.load import load_yaml

# Sputnik's words, with both kinds of quote marks (“ is written " here, as quotes may be).
BOTH_MARKS = (
    '"Our actions will depend on the unconditional guarantees of Russian national security, '
    "rather than the course of negotiations. We have made it clear that NATO's expansion "
    "eastward is unacceptable"
)


@pytest.fixture(autouse=True)
def _in_project(fixture_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(fixture_project)


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if run in a terminal: missing options are asked for."""
    for module in (new, position, quotes, asking):
        monkeypatch.setattr(module, "interactive", lambda: True, raising=False)


def _snapshot(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _add(*args: str, input: str | None = None, basis: bool = True) -> Result:
    chosen = ["--basis", "explicit"] if basis and "--basis" not in args else []
    return invoke(["position", "add", *args, *chosen], input=input)


def _remove(*args: str) -> Result:
    return invoke(["position", "remove", *args])


CLAUSE = Path("clauses/us-russia/4.1.yaml")
OTHER = Path("clauses/us-russia/4.2.yaml")


def test_one_statement_on_two_clauses_from_a_quote_file_then_removed_byte_for_byte(
    fixture_project: Path,
) -> None:
    Path("quote.txt").write_text(f"\n  {BOTH_MARKS}  \n", "utf-8")
    first, second = CLAUSE.read_bytes(), OTHER.read_bytes()
    result = _add(
        "us-russia.4.1", "us-russia.4.2",
        "--party", "RU", "--stance", "agree", "--date", "2021-12-23",
        "--source", "sputnik", "--quote-file", "quote.txt",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output == (
        "added RU agree of 2021-12-23 to clauses/us-russia/4.1.yaml:21\n"
        "added RU agree of 2021-12-23 to clauses/us-russia/4.2.yaml:14\n"
    )
    for path in (CLAUSE, OTHER):
        data, _ = load_yaml(path.read_text("utf-8"), str(path), Limits())
        assert data["positions"][-1]["evidence"] == [{"source": "sputnik", "quote": BOTH_MARKS}]
    assert invoke(["validate"]).exit_code == 0
    removed = invoke(
        ["position", "remove", "us-russia.4.1", "--party", "RU", "--date", "2021-12-23"]
    )
    assert removed.exit_code == 0, removed.output
    assert removed.output == (
        "removed RU agree of 2021-12-23 from clauses/us-russia/4.1.yaml (it was at line 21)\n"
    )
    assert CLAUSE.read_bytes() == first
    assert OTHER.read_bytes() != second


def test_nothing_is_written_unless_every_clause_takes_the_position(fixture_project: Path) -> None:
    # us-russia.4.2 gets the position first; 4.1 has it already: neither file changes.
    args = ["--party", "US", "--stance", "never-agree", "--date", "2021-12-23"]
    quote = ["--source", "sputnik", "--quote", "the United States is not ready to agree to "
             "the proposals regarding NATO"]  # fmt: skip
    before = _snapshot(fixture_project)
    result = _add("us-russia.4.2", "us-russia.4.1", *args, *quote)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "clauses/us-russia/4.1.yaml:14:5: T232 already recorded: US never-agree of 2021-12-23 "
        "with the same evidence is here; nothing to add",
        "treaty: nothing written",
    ]
    assert _snapshot(fixture_project) == before


def test_a_problem_in_one_clause_names_that_clause_and_writes_neither(
    fixture_project: Path,
) -> None:
    before = _snapshot(fixture_project)
    result = _add(
        "us-russia.4.1", "us-russia.4.2", "--party", "us", "--stance", "agree",
        "--date", "2021-12-23", "--source", "sputnik", "--quote", "not in the article",
    )  # fmt: skip
    assert result.exit_code == 1
    lines = result.output.splitlines()
    for shown in ("clauses/us-russia/4.1.yaml", "clauses/us-russia/4.2.yaml"):
        assert (
            f'{shown}: T104 --party: "us" is not a party id (upper case, e.g. US) '
            '(did you mean "US"?)'
        ) in lines
    assert "positions[" not in result.output
    assert _snapshot(fixture_project) == before


def test_a_quote_from_standard_input(fixture_project: Path) -> None:
    result = _add(
        "us-russia.4.2", "--party", "RU", "--stance", "agree", "--date", "2021-12-23",
        "--source", "sputnik", "--quote", "-",
        input=BOTH_MARKS + "\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "eastward is unacceptable" in OTHER.read_text("utf-8")


def test_quotes_and_quote_files_pair_with_sources_in_the_order_given(fixture_project: Path) -> None:
    Path("q.txt").write_text("NATO's expansion eastward is unacceptable", "utf-8")
    result = _add(
        "us-russia.4.2", "--party", "RU", "--stance", "agree", "--date", "2021-12-23",
        "--source", "sputnik", "--quote-file", "q.txt",
        "--source", "tass", "--quote", "--quote-file",  # a quote may look like an option
    )  # fmt: skip
    assert result.exit_code == 1  # "--quote-file" is not in TASS's text: refused, and said so
    assert result.output.startswith(
        'clauses/us-russia/4.2.yaml: T301 --quote #2: quote not found in source "tass"'
    )


@pytest.mark.parametrize(
    ("content", "why"),
    [(None, "No such file"), ("  \n", "holds no quote"), (b"\xff\xfe", "is not UTF-8")],
)
def test_a_quote_file_that_cannot_give_a_quote_is_a_usage_error(
    fixture_project: Path, content: str | bytes | None, why: str
) -> None:
    if isinstance(content, bytes):
        Path("q.txt").write_bytes(content)
    elif content is not None:
        Path("q.txt").write_text(content, "utf-8")
    before = _snapshot(fixture_project)
    result = _add(
        "us-russia.4.2", "--party", "RU", "--stance", "agree", "--date", "2021-12-23",
        "--source", "sputnik", "--quote-file", "q.txt",
    )  # fmt: skip
    assert result.exit_code == 2
    assert why in result.output
    assert _snapshot(fixture_project) == before


def test_every_missing_option_is_named_at_once_outside_a_terminal() -> None:
    result = _add("us-russia.4.2", basis=False)
    assert result.exit_code == 2
    assert "missing --party, --stance, --date, --basis, --source (give them" in result.output


def test_in_a_terminal_each_answer_is_checked_at_its_prompt(terminal: None) -> None:
    answers = "\n".join(
        [
            "us",  # wrong case: refused with its did-you-mean, asked again
            "RU",
            "maybe",
            "agree",
            "2021-02-30",
            "2021-12-23",
            "sputnk",
            "sputnik",
            "probably",
            "explicit",
            "not in the article",  # the quote, pasted; an empty line ends it
            "",
            "NATO's expansion eastward",
            "is unacceptable",
            "",
        ]
    )
    result = _add("us-russia.4.2", input=answers + "\n", basis=False)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Choose explicit or inferred." in out
    assert '"us" is not a party of us-russia (did you mean "US"?); its parties: US, RU' in out
    assert "Party (RU, US)" in out
    assert "Choose never-agree, may-explore, agree." in out
    assert '"2021-02-30" is not a real day' in out
    assert 'unknown source "sputnk" (did you mean "sputnik"?)' in out
    assert 'not found in "sputnik"; closest passage:' in out
    assert "added RU agree of 2021-12-23 to clauses/us-russia/4.2.yaml:14" in out
    assert "NATO's expansion eastward is unacceptable" in OTHER.read_text("utf-8")


def test_an_abandoned_run_prints_the_command_line_it_amounts_to(
    fixture_project: Path, terminal: None
) -> None:
    before = _snapshot(fixture_project)
    result = _add("us-russia.4.2", "--stance", "agree", input="RU\n2021-12-23\n")
    assert result.exit_code == 2
    assert (
        "treaty: stopped; to run it again:\n"
        "  treaty position add us-russia.4.2 --stance agree --basis explicit --party RU "
        "--date 2021-12-23\n"
    ) in result.output
    assert _snapshot(fixture_project) == before


def test_a_refused_run_after_answers_prints_the_command_line_with_the_answers(
    fixture_project: Path, terminal: None
) -> None:
    result = _add(
        "us-russia.4.1", "--party", "US", "--stance", "never-agree", "--date", "2021-12-23",
        "--source", "sputnik",
        input="the United States is not ready to agree to the proposals regarding NATO\n\n",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "T232 already recorded" in result.output
    assert result.output.endswith(
        "treaty: the command with your answers:\n"
        "  treaty position add us-russia.4.1 --party US --stance never-agree --date 2021-12-23 "
        "--source sputnik --basis explicit --quote 'the United States is not ready to agree to "
        "the proposals regarding NATO'\n"
    )


def test_remove_refuses_no_match_and_several_listing_what_is_there(fixture_project: Path) -> None:
    before = _snapshot(fixture_project)
    none = invoke(["position", "remove", "us-russia.4.1", "--party", "US", "--date", "2021-12-24"])
    assert none.exit_code == 1
    assert none.output.splitlines() == [
        "clauses/us-russia/4.1.yaml: T230 no position of US on 2021-12-24 in this clause; US's "
        "positions here: never-agree of 2021-12-23 (line 14)",
        "treaty: nothing written",
    ]
    assert _snapshot(fixture_project) == before
    for source, words in (("sputnik", "NATO's expansion eastward is unacceptable"),
                          ("tass", "we will never agree to")):  # fmt: skip
        added = _add(
            "us-russia.4.2", "--party", "RU", "--stance", "agree", "--date", "2021-12-23",
            "--source", source, "--quote", words,
        )  # fmt: skip
        assert added.exit_code == 0, added.output
    before = _snapshot(fixture_project)
    several = _remove("us-russia.4.2", "--party", "RU", "--date", "2021-12-23")
    assert several.exit_code == 1
    lines = several.output.splitlines()
    assert lines[0].startswith("clauses/us-russia/4.2.yaml:14:5: T231 RU agree of 2021-12-23 (")
    assert lines[0].endswith(
        "is one of 2 positions of RU on 2021-12-23; give --source (a source the one to remove "
        "cites) to choose one"
    )
    assert lines[1].startswith("clauses/us-russia/4.2.yaml:21:5: T231 RU agree of 2021-12-23")
    assert _snapshot(fixture_project) == before
    chosen = _remove(
        "us-russia.4.2", "--party", "RU", "--date", "2021-12-23", "--source", "sputnik"
    )
    assert chosen.exit_code == 0, chosen.output
    assert "source: tass" in OTHER.read_text("utf-8")
    assert "source: sputnik\n    quote: NATO" not in OTHER.read_text("utf-8")


def test_remove_of_an_unknown_clause_is_a_usage_error() -> None:
    result = invoke(
        ["position", "remove", "us-russia.4.3", "--party", "US", "--date", "2021-12-23"]
    )
    assert result.exit_code == 2
    assert 'no clause "us-russia.4.3" (did you mean' in result.output


def test_removing_from_every_bundled_clause_what_was_added_gives_back_the_file(
    bundled_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(bundled_project)
    quote = "we will never agree to"  # in TASS's text
    for path in sorted(Path("clauses").glob("*/[0-9]*.yaml")):
        clause_id = f"{path.parent.name}.{path.stem}"
        before = path.read_bytes()
        for party in ("US", "RU"):
            added = _add(
                clause_id, "--party", party, "--stance", "may-explore", "--date", "2021-12-20",
                "--source", "tass-2021-12-23", "--quote", quote,
            )  # fmt: skip
            assert added.exit_code == 0, added.output
        for party in ("RU", "US"):
            removed = invoke(
                ["position", "remove", clause_id, "--party", party, "--date", "2021-12-20"]
            )
            assert removed.exit_code == 0, removed.output
        assert path.read_bytes() == before, clause_id


def test_a_write_that_fails_midway_names_the_files_written_and_not(
    fixture_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from treaty.files.writes import write_atomic as real

    calls: list[Path] = []

    def full_disk_the_second_time(path: Path, *args: object, **kwargs: object) -> object:
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("treaty.edit.apply.write_atomic", full_disk_the_second_time)
    first = CLAUSE.read_bytes()
    result = _add(
        "us-russia.4.1", "us-russia.4.2", "--party", "RU", "--stance", "agree",
        "--date", "2021-12-23", "--source", "sputnik", "--quote", BOTH_MARKS,
    )  # fmt: skip
    assert result.exit_code == 1
    assert "treaty: cannot write clauses/us-russia/4.2.yaml: No space left on device" in (
        result.output
    )
    assert (
        "treaty: written: clauses/us-russia/4.1.yaml; NOT written: clauses/us-russia/4.2.yaml"
    ) in result.output
    assert CLAUSE.read_bytes() != first
    assert "party: RU" not in OTHER.read_text("utf-8")


def test_new_checks_each_answer_at_its_prompt_and_lists_the_treaty_s_parties(
    fixture_project: Path, terminal: None
) -> None:
    answers = "\n".join(
        ["us-rusia.6", "us-russia.6", "Hotlines", "hotline", "hotlines", "USA", "US, RU",
         "The parties keep hotlines.", "paraphrase", ""]
    )  # fmt: skip
    result = invoke(["new"], input=answers)
    assert result.exit_code == 0, result.output
    out = result.output
    assert 'unknown treaty "us-rusia" (did you mean "us-russia"?)' in out
    assert 'unknown topic "hotline" (did you mean "hotlines"?)' in out
    assert "Parties it binds, separated by commas (US, RU)" in out
    assert '"USA" is not a party of us-russia (did you mean "US"?)' in out
    assert "binds: [US, RU]" in Path("clauses/us-russia/6.yaml").read_text("utf-8")


def test_remove_names_a_position_by_a_source_it_cites_and_says_when_only_quotes_differ(
    fixture_project: Path,
) -> None:
    for words in ("NATO's expansion eastward is unacceptable", "The US is on our doorstep"):
        added = _add(
            "us-russia.4.2", "--party", "RU", "--stance", "agree", "--date", "2021-12-23",
            "--source", "sputnik", "--quote", words,
        )  # fmt: skip
        assert added.exit_code == 0, added.output
    before = _snapshot(fixture_project)
    same = _remove("us-russia.4.2", "--party", "RU", "--date", "2021-12-23", "--source", "sputnik")
    assert same.exit_code == 1
    assert same.output.splitlines()[0].endswith(
        'citing "sputnik"; they differ only in their quotes: edit the file by hand'
    )
    elsewhere = _remove("us-russia.4.2", "--party", "US", "--date", "2021-12-23")
    assert elsewhere.exit_code == 1
    assert "positions here are of RU" in elsewhere.output
    empty = _remove("us-russia.4.1", "--party", "RU", "--date", "2021-12-23")
    assert "RU's positions" not in empty.output and "positions here are of US" in empty.output
    assert _snapshot(fixture_project) == before
