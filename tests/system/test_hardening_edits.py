"""Hardening, round two (issue 13), the editing side: an edit never crashes on what it is given,
never writes what validation would refuse, never says "nothing was changed" after changing
something, and never leaves a lock, a temporary file or an unregistered copy behind when it is
stopped. Each test is one defect a probe found, through the real command."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO, invoke

ARTICLE = REPO / "seeds" / "003_198ec7020fff1254.txt"
CLAUSE = Path("clauses/us-russia/4.1.yaml")
QUOTE = "Senior Administration Official"  # in the sputnik article of tests/data/project


@pytest.fixture(autouse=True)
def _in_project(fixture_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(fixture_project)
    monkeypatch.delenv("TREATY_ROOT", raising=False)


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _project_files(root: Path) -> dict[str, bytes]:
    return {k: v for k, v in _files(root).items() if not k.startswith(".treaty-cache")}


def _position(*extra: str, quote: str = QUOTE) -> list[str]:
    basis = [] if "--basis" in extra else ["--basis", "explicit"]
    return [
        "position", "add", "us-russia.4.1", "--party", "US", "--stance", "never-agree",
        "--date", "2021-12-23", "--source", "sputnik", "--quote", quote, *basis, *extra,
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (_position("--basis", "inferred", "--rationale", "a\x1b[2Jb"),
         "T012 --rationale: control character U+001B (ESC) in text; remove it"),
        (_position("--conditions", "x\u202ey"),
         "T012 --conditions: control character U+202E (bidirectional control) in text; remove it"),
        (_position(quote="Senior\rAdministration"),
         "T012 --quote #1: control character U+000D (CR) in text; remove it"),
        (_position("--basis", "inferred", "--rationale", "a\udcffb"),
         "T003 --rationale: text that is not valid UTF-8; give it as UTF-8"),
        (["new", "us-russia.9", "--title", "T\u2066", "--topics", "hotlines", "--binds", "US",
          "--text", "t", "--text-kind", "paraphrase"],
         "T012 --title: control character U+2066 (bidirectional control) in text; remove it"),
        (["source", "add", str(ARTICLE), "--id", "nsc", "--no-title", "--author", "\x9b2J"],
         "T012 --author: control character U+009B (CSI) in text; remove it"),
    ],
)  # fmt: skip
def test_a_control_character_in_an_option_is_refused_naming_it(
    fixture_project: Path, args: list[str], hint: str
) -> None:
    # It ended in an internal error (exit 3): the rendered entry did not read back.
    before = _project_files(fixture_project)
    result = invoke(args)
    assert result.exit_code == 1, result.output
    assert hint in result.output
    assert "nothing written" in result.output
    assert _project_files(fixture_project) == before


def test_a_control_character_in_an_article_s_file_name_is_refused(
    fixture_project: Path, tmp_path: Path
) -> None:
    article = tmp_path / "art\x1bicle.txt"
    article.write_bytes(ARTICLE.read_bytes())
    before = _project_files(fixture_project)
    result = invoke(["source", "add", str(article), "--id", "nsc", "--no-title"])
    assert result.exit_code == 1, result.output
    assert "T012 FILE: control character U+001B (ESC) in text; remove it" in result.output
    assert _project_files(fixture_project) == before


def test_an_edit_past_the_value_limit_is_refused_with_t004(fixture_project: Path) -> None:
    # It exited 3 with a traceback of 20,000 lines holding the whole file.
    path = fixture_project / CLAUSE
    text = path.read_text("utf-8")
    many = "    conditions:\n" + "".join(f"      - c{i}\n" for i in range(49_940))
    path.write_text(text.replace("related:", many + "related:"), "utf-8")
    assert invoke(["validate"]).exit_code == 0  # just under the limit
    before = path.read_bytes()
    result = invoke(_position(*[f"--conditions=c{i}" for i in range(30)]))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "clauses/us-russia/4.1.yaml: T004 the file holds more than 50000 values "
        "(keys, items and text)",
        "treaty: nothing written",
    ]
    assert path.read_bytes() == before


def test_an_edit_past_the_size_limit_is_refused_with_t004(fixture_project: Path) -> None:
    # position add wrote a file validate then rejected, and that no command could edit.
    path = fixture_project / CLAUSE
    text = path.read_text("utf-8")
    path.write_text(text + "notes: " + "x" * (1024 * 1024 - len(text) - 300) + "\n", "utf-8")
    assert invoke(["validate"]).exit_code == 0
    before = path.read_bytes()
    result = invoke(_position("--basis", "inferred", "--rationale", "word " * 80))
    assert result.exit_code == 1
    assert "T004 file would be" in result.output and "the limit is 1048576" in result.output
    assert path.read_bytes() == before
    assert invoke(["validate"]).exit_code == 0


UNORDERED = "title: A test clause\nid: us-russia.{n}\n"


def test_fmt_lists_what_it_wrote_when_a_later_write_fails(
    fixture_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # It said "nothing was changed" after rewriting the files before the one that failed.
    folder = fixture_project / "clauses" / "us-russia"
    for n in (7, 8):
        (folder / f"{n}.yaml").write_text(UNORDERED.format(n=n), "utf-8")
    real_replace = os.replace
    calls: list[str] = []

    def full_disk_the_second_time(src: str, dst: str) -> None:
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", full_disk_the_second_time)
    result = invoke(["fmt", "clauses/us-russia/7.yaml", "clauses/us-russia/8.yaml"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "clauses/us-russia/8.yaml: T018 cannot write: No space left on device; "
        "the file was left as it was",
        "formatted clauses/us-russia/7.yaml",
        "1 formatted, 0 unchanged",
    ]
    assert (folder / "7.yaml").read_text("utf-8").startswith("id: us-russia.7\n")
    assert (folder / "8.yaml").read_text("utf-8") == UNORDERED.format(n=8)
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []


def test_a_file_with_a_name_of_250_bytes_can_be_added_and_edited(
    fixture_project: Path, tmp_path: Path
) -> None:
    # Its temporary file's name (.<name>.XXXXXXXX.tmp) was longer than a name may be.
    article = tmp_path / ("a" * 246 + ".txt")
    article.write_bytes(ARTICLE.read_bytes())
    result = invoke(["source", "add", str(article), "--id", "nsc", "--no-title"])
    assert result.exit_code == 0, result.output
    assert (fixture_project / "seeds" / article.name).read_bytes() == ARTICLE.read_bytes()
    assert invoke(["validate"]).exit_code == 0
    assert [p.name for p in (fixture_project / "seeds").iterdir() if p.name[0] == "."] == []


def test_fmt_never_drops_a_comment(fixture_project: Path) -> None:
    # Comments inside a flow list written over several lines, and after a "...", were lost:
    # the check that the data stays the same does not see comments.
    folder = fixture_project / "clauses" / "us-russia"
    flow = folder / "7.yaml"
    flow.write_text("title: x\nid: us-russia.7\ntopics: [a,  # why a\n  b]\n", "utf-8")
    end = folder / "8.yaml"
    end.write_text("title: x\nid: us-russia.8\n...\n# kept: after the end\n", "utf-8")
    result = invoke(["fmt", str(flow), str(end)])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "clauses/us-russia/7.yaml:3:1: T020 cannot format without losing the comment "
        "'# why a' (a comment inside a list or mapping written [...] or {...}); move it, "
        "or format by hand"
    )
    assert flow.read_text("utf-8") == "title: x\nid: us-russia.7\ntopics: [a,  # why a\n  b]\n"
    assert end.read_text("utf-8") == "id: us-russia.8\ntitle: x\n...\n# kept: after the end\n"


def _source_add_refuses(project: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """``source add`` as a real process with 1 GB of memory at most: reading /dev/zero
    grew to gigabytes, and a pipe hung (a timeout fails the test instead)."""

    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    env = {k: v for k, v in os.environ.items() if k != "TREATY_ROOT"}
    args = ["source", "add", str(ARTICLE), "--id", "nsc", "--no-title"]
    return subprocess.run(
        [str(Path(sys.executable).with_name("treaty")), *args],
        cwd=project,
        env=env,
        preexec_fn=limit,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.mark.parametrize("kind", ["link to /dev/zero", "pipe"])
def test_source_add_compares_with_a_same_named_file_only_as_validation_reads(
    fixture_project: Path, kind: str
) -> None:
    same = fixture_project / "seeds" / ARTICLE.name
    if kind == "pipe":
        os.mkfifo(same)
    else:
        same.symlink_to("/dev/zero")
    done = _source_add_refuses(fixture_project)
    assert done.returncode == 1, done.stderr
    why = "T011 is a link that leads outside seeds/" if kind != "pipe" else "T010 is not a regular"
    assert f"seeds/{ARTICLE.name}: {why}" in done.stdout
    assert "nothing written" in done.stderr


# Runs treaty's entry point with one step made slow, and says when it is in that step, so
# that a test can send a signal there.
SLOW = """
import os, sys, time
from pathlib import Path
marker = Path(sys.argv[1])
def slow(*args, **kwargs):
    marker.write_text("in")
    time.sleep(30)
    raise AssertionError("the signal did not arrive")
import treaty.edit.apply as apply
apply.check_new = slow
from treaty.main import main
sys.argv = ["treaty", *sys.argv[2:]]
sys.exit(main())
"""


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_cleans_up_as_a_normal_exit_does(
    fixture_project: Path, tmp_path: Path, sig: signal.Signals, code: int
) -> None:
    # SIGTERM (what CI sends on a timeout) skipped every clean-up: the lock stayed.
    marker = tmp_path / "marker"
    before = _project_files(fixture_project)
    env = {k: v for k, v in os.environ.items() if k != "TREATY_ROOT"}
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW, str(marker), *_position()],
        cwd=fixture_project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert (fixture_project / "clauses" / "us-russia" / ".4.1.yaml.lock").exists()  # held
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == code, out + err
    assert "Traceback" not in err
    assert _project_files(fixture_project) == before  # no lock, no temporary file, no edit


def test_a_stray_of_a_killed_edit_is_reported_then_swept(fixture_project: Path) -> None:
    folder = fixture_project / "clauses" / "us-russia"
    stray = folder / ".4.1.yaml.lock"
    fresh = folder / ".4.1.yaml.k3j2h1g0.tmp"
    for path in (stray, fresh):
        path.write_text("", "utf-8")
    old = time.time() - 120
    os.utime(stray, (old, old))
    result = invoke(["validate"])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "clauses/us-russia/.4.1.yaml.lock: T019 left by a treaty edit that was killed (it is "
        "over a minute old); the next edit in this folder removes it, or delete it"
    )
    assert invoke(_position()).exit_code == 0
    assert not stray.exists()
    assert fresh.exists()  # under a minute old: it may be a running edit's
    assert invoke(["validate"]).exit_code == 0


def test_control_characters_in_an_article_are_reported(fixture_project: Path) -> None:
    seed = fixture_project / "seeds" / "001_4efd941cebfa5a88.txt"
    seed.write_bytes(seed.read_bytes().replace(b"Russia", "Rus\u202esia".encode(), 1))
    result = invoke(["validate"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any(
        line.startswith("seeds/001_4efd941cebfa5a88.txt:")
        and "T012 control character U+202E (bidirectional control) in the article" in line
        for line in lines
    ), lines


# As SLOW, but the slow step is the first flush of a write: the copy of the article.
SLOW_COPY = """
import os, sys, time
from pathlib import Path
marker = Path(sys.argv[1])
real_fsync = os.fsync
def slow(fd):
    if not marker.exists():
        marker.write_text("in")
        time.sleep(1)
    real_fsync(fd)
os.fsync = slow
from treaty.main import main
sys.argv = ["treaty", *sys.argv[2:]]
sys.exit(main())
"""


def test_a_signal_during_source_add_leaves_no_unregistered_copy(
    fixture_project: Path, tmp_path: Path
) -> None:
    # A killed source add could leave a copy in seeds/ that the registry does not name. The
    # copy and the registry are written together: a signal waits for both (milliseconds).
    marker = tmp_path / "marker"
    env = {k: v for k, v in os.environ.items() if k != "TREATY_ROOT"}
    args = ["source", "add", str(ARTICLE), "--id", "nsc", "--no-title"]
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_COPY, str(marker), *args],
        cwd=fixture_project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, out + err
    copied = (fixture_project / "seeds" / ARTICLE.name).exists()
    registered = "id: nsc" in (fixture_project / "seeds" / "sources.yaml").read_text("utf-8")
    assert copied == registered
    assert invoke(["validate"]).exit_code == 0
    assert [p.name for p in (fixture_project / "seeds").iterdir() if p.name[0] == "."] == []


def test_init_lists_what_it_created_when_a_later_write_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # It said "nothing was changed" after creating the files before the one that failed.
    import treaty.files.writes as writes

    real_mkstemp = writes.tempfile.mkstemp  # type: ignore[attr-defined]
    calls: list[object] = []

    def full_disk_the_third_time(*args: object, **kwargs: object) -> tuple[int, str]:
        calls.append(kwargs)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_mkstemp(*args, **kwargs)  # type: ignore[no-any-return]

    monkeypatch.setattr(writes.tempfile, "mkstemp", full_disk_the_third_time)  # type: ignore[attr-defined]
    result = invoke(["init", str(tmp_path / "new")])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].endswith("T018 cannot write: No space left on device; not created")
    created = [line.removeprefix("created ") for line in lines if line.startswith("created ")]
    assert len(created) == len(calls) - 1  # every file but the one that failed
    assert all(Path(p).is_file() for p in created)
    assert "nothing was changed" not in result.output
