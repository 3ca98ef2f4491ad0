"""The report commands as a user meets them: usage errors, colour, help, the bundled corpus."""

from __future__ import annotations

import datetime as dt
import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA, REPO, invoke, read_only
from treaty.cli import options as cli
from treaty.model import Stance
from treaty.report.verdict import BASIS_RULE, RULE, Verdict

ROOT = str(read_only(DATA / "reports"))
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(autouse=True)
def _no_root_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TREATY_ROOT", raising=False)


@pytest.mark.parametrize("command", ["status", "show east-pact.2", "timeline"])
@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("2021-02-30", '--as-of "2021-02-30" is not a real day: day is out of range for month'),
        ("yesterday", '--as-of "yesterday" is not a day written YYYY-MM-DD'),
        ("2021-1-5", '--as-of "2021-1-5" is not a day written YYYY-MM-DD'),
        ("20211205", '--as-of "20211205" is not a day written YYYY-MM-DD'),
    ],
)
def test_a_bad_as_of_day_is_a_usage_error(command: str, day: str, message: str) -> None:
    result = invoke([*command.split(), "--root", ROOT, "--as-of", day])
    assert result.exit_code == 2
    assert result.stderr == f"treaty: {message}\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["status", "--party", "USA"],
            'unknown party "USA" (did you mean "US"?); known: NATO, RU, US',
        ),
        (
            ["status", "--treaty", "east-pakt"],
            'unknown treaty "east-pakt" (did you mean "east-pact"?); known: east-pact, west-pact',
        ),
        (
            ["status", "--topic", "hotline"],
            'unknown topic "hotline" (did you mean "hotlines"?); known: bases, exercises, '
            "hotlines, non-expansion",
        ),
        (
            ["timeline", "--party", "nato"],
            'unknown party "nato" (did you mean "NATO"?); known: NATO, RU, US',
        ),
        (["status", "--format", "json", "--tablefmt", "grid"], None),
        (["sources", "--format", "csv", "--tablefmt", "grid"], None),
    ],
)
def test_unknown_values_are_usage_errors(args: list[str], message: str | None) -> None:
    result = invoke([*args, "--root", ROOT])
    assert result.exit_code == 2
    if message is None:
        fmt = args[args.index("--format") + 1]
        message = f"--tablefmt applies only to --format table, not --format {fmt}"
    assert result.stderr == f"treaty: {message}\n"


def test_an_unknown_tablefmt_gets_a_did_you_mean() -> None:
    result = invoke(["status", "--root", ROOT, "--tablefmt", "gird"])
    assert result.exit_code == 2
    assert result.stderr.startswith('treaty: unknown --tablefmt "gird" (did you mean "grid"?)')


def test_an_unknown_stance_or_verdict_is_refused_by_the_parser() -> None:
    result = invoke(["status", "--root", ROOT, "--verdict", "never"])
    assert result.exit_code == 2
    assert "never-agree" in result.output


@pytest.mark.parametrize("command", [["status"], ["show", "x.1"], ["sources"], ["timeline"]])
def test_no_project_is_a_usage_error(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TREATY_ROOT", raising=False)
    result = invoke(command)
    assert result.exit_code == 2
    assert "no treaty project found" in result.stderr


def test_every_report_exits_1_and_names_the_invalid_file(
    reports_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = reports_project / "clauses" / "west-pact" / "2.yaml"
    bad.write_text(bad.read_text().replace("stance: may-explore", "stance: maybe", 1))
    monkeypatch.chdir(reports_project)
    for command in (["status"], ["show", "east-pact.2"], ["sources"], ["timeline"]):
        result = invoke(command)
        assert result.exit_code == 1, command
        assert "\n  clauses/west-pact/2.yaml\n" in result.stderr
        assert result.stderr.endswith("treaty: run `treaty validate` to see the problems\n")
        assert result.stdout  # the valid rest is still reported


def test_as_of_defaults_to_today() -> None:
    result = invoke(["status", "--root", ROOT, "--format", "json"])
    assert json.loads(result.stdout)["as_of"] == dt.date.today().isoformat()


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("rule", [RULE, BASIS_RULE], ids=["verdict", "basis"])
def test_status_help_states_the_rule(rule: str) -> None:
    result = invoke(["status", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert _words(rule) in _words(result.output)


@pytest.mark.parametrize("rule", [RULE, BASIS_RULE], ids=["verdict", "basis"])
def test_readme_states_the_rule(rule: str) -> None:
    assert _words(rule) in _words((REPO / "README.md").read_text("utf-8"))


def test_cli_choices_mirror_the_core_enums() -> None:
    assert [c.value for c in cli.StanceChoice] == [s.value for s in Stance]
    assert [c.value for c in cli.VerdictChoice] == [v.value for v in Verdict]


def _run_on_a_terminal(args: list[str], env: dict[str, str]) -> str:
    """The installed treaty run with its stdout on a pseudo-terminal; what it wrote there."""
    main, child = pty.openpty()
    exe = Path(sys.executable).parent / "treaty"
    with subprocess.Popen(
        [str(exe), *args], stdout=child, stderr=subprocess.DEVNULL, env=env
    ) as proc:
        os.close(child)
        chunks = []
        while True:
            try:
                data = os.read(main, 65536)
            except OSError:  # the terminal closes when the program ends (EIO on Linux)
                break
            if not data:
                break
            chunks.append(data)
        proc.wait(timeout=120)
    os.close(main)
    return b"".join(chunks).decode()


ARGS = ["status", "--root", ROOT, "--as-of", "2021-12-31", "--treaty", "west-pact"]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM")}
    return {**env, "COLUMNS": "200", "TERM": "xterm", **extra}


def test_colour_on_a_terminal() -> None:
    out = _run_on_a_terminal(ARGS, _env())
    assert "\x1b[1;31mnever agree (1)\x1b[0m" in out
    assert "\x1b[31mnever-agree\x1b[0m*" in out
    assert "\x1b[32mmay-explore\x1b[0m*" in out


def test_no_colour_when_no_color_is_set() -> None:
    out = _run_on_a_terminal(ARGS, _env(NO_COLOR="1"))
    assert "never agree (1)" in out
    assert "\x1b[" not in out


def test_an_empty_no_color_is_ignored() -> None:
    # no-color.org: "when present and not an empty string".
    out = _run_on_a_terminal(ARGS, _env(NO_COLOR=""))
    assert "\x1b[1;31mnever agree (1)\x1b[0m" in out


def test_color_never_on_a_terminal() -> None:
    out = _run_on_a_terminal(["--color", "never", *ARGS], _env())
    assert "never agree (1)" in out
    assert "\x1b[" not in out


def _piped(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(
        [str(Path(sys.executable).parent / "treaty"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_no_colour_when_piped() -> None:
    assert "\x1b[" not in _piped(ARGS, _env())


@pytest.mark.parametrize(
    ("args", "env", "coloured"),
    [
        ([], {"FORCE_COLOR": "1"}, True),
        ([], {"FORCE_COLOR": ""}, False),
        ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        (["--color", "always"], {}, True),
        (["--color", "always"], {"NO_COLOR": "1"}, True),  # the option outranks both
        (["--color", "never"], {"FORCE_COLOR": "1"}, False),
        (["--color", "auto"], {"FORCE_COLOR": "1"}, True),
    ],
)
def test_colour_conventions_when_piped(
    args: list[str], env: dict[str, str], coloured: bool
) -> None:
    out = _piped([*args, *ARGS], _env(**env))
    assert ("\x1b[1;31mnever agree (1)\x1b[0m" in out) is coloured
    assert ANSI.sub("", out) == _piped(ARGS, _env())


def test_colour_never_reaches_csv_or_json() -> None:
    for fmt in ("csv", "json", "markdown"):
        out = _piped(["--color", "always", *ARGS, "--format", fmt], _env())
        assert "\x1b[" not in out


def test_an_unknown_color_choice_is_a_usage_error() -> None:
    result = invoke(["--color", "sometimes", "status"])
    assert result.exit_code == 2
    assert "sometimes" in result.output


def test_coloured_table_lines_up_as_the_plain_one() -> None:
    from treaty.cache.run import run
    from treaty.project import find_project
    from treaty.report.status import build
    from treaty.report.status_render import as_table

    corpus = run(find_project(root=Path(ROOT)), models=True).corpus
    assert corpus is not None
    report = build(corpus, dt.date(2021, 12, 31))
    coloured = as_table(report, colour=True)
    assert coloured != as_table(report)
    assert ANSI.sub("", coloured) == as_table(report)
    assert "\x1b[" not in as_table(report, colour=True, tablefmt="grid")


# The bundled corpus, as the "done when" asks.


def _bundled(*args: str) -> str:
    result = invoke([*args, "--root", str(read_only(REPO))], env={"COLUMNS": ""})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_bundled_status_has_never_agree_and_may_explore_groups() -> None:
    out = _bundled("status")
    assert "\nnever agree (" in out and "\nmay explore (" in out
    verdicts = {c["verdict"] for c in json.loads(_bundled("status", "-f", "json"))["clauses"]}
    assert {"never-agree", "may-explore"} <= verdicts


def test_bundled_status_as_of_shows_nothing_dated_later() -> None:
    doc = json.loads(_bundled("status", "--as-of", "2021-12-20", "-f", "json"))
    dates = [
        s["date"] for c in doc["clauses"] for s in c["stances"].values() if s["date"] is not None
    ]
    assert dates and max(dates) <= "2021-12-20"
    table = _bundled("status", "--as-of", "2021-12-20")
    days = re.findall(r"\b2021-12-[0-9]{2}\b", table)
    assert days and max(days) <= "2021-12-20"


def test_bundled_reports_run() -> None:
    assert "us-russia.4.1: No further eastward expansion of NATO" in _bundled(
        "show", "us-russia.4.1"
    )
    assert "5 sources, all cited" in _bundled("sources")
    assert "positions:" in _bundled("timeline")


def test_readme_sample_is_the_real_output() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    sample = re.findall(r"```text\n(.*?)```", readme, re.S)[0].splitlines()
    result = invoke(["status", "--root", str(read_only(REPO))], env={"COLUMNS": "100"})
    out = result.stdout.splitlines()
    cut = next(i for i, line in enumerate(sample) if line.startswith("[..."))
    assert sample[:cut] == out[:cut]
    # The closing line ends with the day it ran.
    assert sample[-1].partition("; as of")[0] == out[-1].partition("; as of")[0]


def test_colour_on_follows_the_choice_then_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from treaty.cli import terminal

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    try:
        for choice, env, expected in [
            ("always", {"NO_COLOR": "1"}, True),
            ("never", {"FORCE_COLOR": "1"}, False),
            ("auto", {"NO_COLOR": "1"}, False),
            ("auto", {"NO_COLOR": "", "FORCE_COLOR": "1"}, True),
            ("auto", {"TERM": "dumb"}, False),
            ("auto", {"TERM": "xterm"}, True),
        ]:
            for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
                monkeypatch.delenv(name, raising=False)
            for name, value in env.items():
                monkeypatch.setenv(name, value)
            terminal.choose_colour(choice)
            assert terminal.colour_on() is expected, (choice, env)
            assert terminal.wants_colour(False) is False
    finally:
        terminal.choose_colour("auto")
