"""`treaty publish`: the site's files, its bytes, where it may be written, and what it says.

What the pages look like and do in a browser is tested in tests/system/test_browser.py."""

from __future__ import annotations

import html as html_module
import re
from pathlib import Path

import pytest

from tests.conftest import invoke
from tests.publish_hostile import PAYLOADS, hostile_project
from treaty.publish.site import MARKER, http_url

AS_OF = "2021-12-31"


def _publish(root: Path, *args: str, code: int = 0) -> str:
    result = invoke(["publish", "--root", str(root), "--as-of", AS_OF, *args])
    assert result.exit_code == code, result.output
    return result.output


def _files(folder: Path) -> dict[str, bytes]:
    found = (p for p in folder.rglob("*") if p.is_file())
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in found}


def test_a_page_per_clause_and_source_and_the_same_bytes_every_time(
    bundled_project: Path, tmp_path: Path
) -> None:
    out = _publish(bundled_project, "--out", str(tmp_path / "one"))
    assert "10 clauses, 5 sources, as of 2021-12-31, with no git revision" in out
    first = _files(tmp_path / "one")
    assert "clause/us-russia.4.1.html" in first and "source/tass-2021-12-23.html" in first
    assert len([n for n in first if n.startswith("clause/")]) == 10
    _publish(bundled_project, "--out", str(tmp_path / "two"))
    assert _files(tmp_path / "two") == first
    _publish(bundled_project, "--out", str(tmp_path / "one"))  # replaces the earlier site
    assert _files(tmp_path / "one") == first


def test_the_overview_names_the_day_the_revision_and_every_clause(
    bundled_project: Path, tmp_path: Path
) -> None:
    _publish(bundled_project, "--out", str(tmp_path / "site"))
    index = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert 'As of <time datetime="2021-12-31">2021-12-31</time>, with no git revision ' in index
    assert "(not a git repository)" in index
    assert index.count('<tr data-clause="') == 10
    assert 'http-equiv="Content-Security-Policy"' in index
    assert "script-src &#39;self&#39;" in index and "unsafe-inline" not in index


def test_the_revision_is_the_commit_checked_out(bundled_project: Path, tmp_path: Path) -> None:
    git = bundled_project / ".git"
    (git / "refs" / "heads").mkdir(parents=True)
    (git / "HEAD").write_text("ref: refs/heads/main\n")
    (git / "refs" / "heads" / "main").write_text("0123456789abcdef0123456789abcdef01234567\n")
    out = _publish(bundled_project, "--out", str(tmp_path / "site"))
    assert "at revision 0123456" in out
    index = (tmp_path / "site" / "index.html").read_text("utf-8")
    full = "0123456789abcdef0123456789abcdef01234567"
    assert f'at revision <code title="{full}">0123456</code>' in index


def test_an_earlier_day_leaves_later_positions_out(bundled_project: Path, tmp_path: Path) -> None:
    result = invoke(
        [
            "publish",
            "--root",
            str(bundled_project),
            "--as-of",
            "2021-12-22",
            "--out",
            str(tmp_path / "site"),
        ]
    )
    assert result.exit_code == 0, result.output
    page = (tmp_path / "site" / "clause" / "us-russia.4.1.html").read_text("utf-8")
    assert "3 later positions dated after 2021-12-22 are left out" in page
    assert "never agree" not in page.split("Positions as of")[1].split("Related")[0]


def test_a_folder_of_other_files_is_never_replaced(bundled_project: Path, tmp_path: Path) -> None:
    mine = tmp_path / "notes"
    mine.mkdir()
    (mine / "keep.txt").write_text("mine")
    out = _publish(bundled_project, "--out", str(mine), code=2)
    assert "is not empty and was not written by treaty publish" in out
    assert _files(mine) == {"keep.txt": b"mine"}
    out = _publish(bundled_project, "--out", str(bundled_project / "clauses"), code=2)
    assert "not written by treaty publish" in out
    (tmp_path / "file").write_text("x")
    assert "is not a folder" in _publish(bundled_project, "--out", str(tmp_path / "file"), code=2)


def test_an_empty_folder_is_used_and_marked(bundled_project: Path, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    _publish(bundled_project, "--out", str(tmp_path / "empty"))
    assert (tmp_path / "empty" / MARKER).is_file()


def test_usage_errors(bundled_project: Path, tmp_path: Path) -> None:
    assert "give --out DIR" in _publish(bundled_project, code=2)
    out = _publish(bundled_project, "--out", str(tmp_path / "s"), "--treaty", "us-rusia", code=2)
    assert 'did you mean "us-russia"' in out
    result = invoke(
        [
            "publish",
            "--root",
            str(bundled_project),
            "--as-of",
            "2021-02-30",
            "--out",
            str(tmp_path / "s"),
        ]
    )
    assert result.exit_code == 2 and "not a real day" in result.output
    assert not (tmp_path / "s").exists()
    (tmp_path / "dir.html").mkdir()
    out = _publish(bundled_project, "--single-file", str(tmp_path / "dir.html"), code=2)
    assert "is a folder" in out


def test_one_treaty_and_a_title(bundled_project: Path, tmp_path: Path) -> None:
    _publish(
        bundled_project,
        "--out",
        str(tmp_path / "s"),
        "--treaty",
        "us-russia",
        "--title",
        "Desk <briefing>",
    )
    index = (tmp_path / "s" / "index.html").read_text("utf-8")
    assert "Desk &lt;briefing&gt;" in index and "<briefing>" not in index
    assert index.count('<tr data-clause="') == 4
    # russia-nato.6 is related to us-russia.4.1 but not published: shown, not linked.
    page = (tmp_path / "s" / "clause" / "us-russia.4.1.html").read_text("utf-8")
    assert '<span class="id">russia-nato.6</span>' in page and "russia-nato.6.html" not in page


def test_the_single_file_holds_everything_and_allows_only_its_own_code(
    bundled_project: Path, tmp_path: Path
) -> None:
    _publish(bundled_project, "--single-file", str(tmp_path / "b.html"))
    html = (tmp_path / "b.html").read_text("utf-8")
    csp = re.search(r'Content-Security-Policy" content="([^"]*)"', html)
    assert csp is not None
    assert re.fullmatch(
        r"default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; script-src "
        r"'sha256-[A-Za-z0-9+/=]+'; img-src data:; base-uri 'none'; form-action 'none'",
        html_module.unescape(csp.group(1)),
    )
    assert 'id="clause-us-russia.4.1"' in html and 'id="source-tass-2021-12-23"' in html
    assert 'href="../' not in html and 'src="' not in html  # nothing outside the file


def test_files_with_problems_are_left_out_and_named(bundled_project: Path, tmp_path: Path) -> None:
    bad = bundled_project / "clauses" / "us-russia" / "3.yaml"
    bad.write_text(bad.read_text("utf-8").replace("text_kind: paraphrase", "text_kind: rough"))
    result = invoke(
        ["publish", "--root", str(bundled_project), "--as-of", AS_OF, "--out", str(tmp_path / "s")]
    )
    assert result.exit_code == 1
    index = (tmp_path / "s" / "index.html").read_text("utf-8")
    assert "This briefing is incomplete." in index and "clauses/us-russia/3.yaml" in index
    assert not (tmp_path / "s" / "clause" / "us-russia.3.html").exists()


def test_hostile_text_is_escaped_in_every_page(tmp_path: Path) -> None:
    root = hostile_project(tmp_path / "hostile")
    _publish(root, "--out", str(tmp_path / "s"))
    pages = {n: b.decode() for n, b in _files(tmp_path / "s").items() if n.endswith(".html")}
    everything = "".join(pages.values())
    for payload in PAYLOADS:
        if "<" in payload:
            assert payload not in everything.replace("&#34;", '"')  # never as raw markup
    assert "<script>window" not in everything
    assert re.findall(r"<(?:img|iframe|object)\b|<svg onload", everything) == []
    assert 'href="javascript:' not in everything
    assert "{{ 7 * 7 }}" in pages["clause/us-russia.8.html"]  # template syntax stays text


def test_only_http_and_https_urls_are_links() -> None:
    assert http_url("https://example.org/a b") == "https://example.org/a b"
    assert http_url(" HTTP://example.org ") == "HTTP://example.org"
    for bad in (
        "javascript:alert(1)",
        "data:text/html,x",
        "//example.org",
        "http://",
        None,
        3,
        "http://[::1",
        "file:///etc/passwd",
    ):
        assert http_url(bad) is None, bad


def test_a_failed_write_leaves_the_earlier_site_whole(
    bundled_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _publish(bundled_project, "--out", str(tmp_path / "site"))
    before = _files(tmp_path / "site")
    real = Path.write_bytes
    written: list[Path] = []

    def failing(self: Path, data: bytes) -> int:
        written.append(self)
        if len(written) > 5:
            raise OSError(28, "No space left on device")
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", failing)
    with pytest.raises(OSError):
        invoke(["publish", "--root", str(bundled_project), "--out", str(tmp_path / "site")])
    assert _files(tmp_path / "site") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bundled", "site"]  # no leftovers


def test_a_source_changed_since_validation_is_not_shown_as_its_text(
    bundled_project: Path,
) -> None:
    import datetime as dt

    from treaty.cli.options import load_corpus
    from treaty.publish import briefing
    from treaty.publish.revision import NOT_A_REPOSITORY

    corpus = load_corpus(bundled_project)
    seed = bundled_project / "seeds" / "003_198ec7020fff1254.txt"
    seed.write_text("changed after validation\n")
    made = briefing.build(corpus, dt.date(2021, 12, 31), NOT_A_REPOSITORY)
    page = next(p for p in made.sources if p.source.id == "nsc-talks-january-10")
    assert page.text is None and page.passages == []
    assert [q for q, _ in page.not_found][:1] == [
        "NATO is planning to hold a meeting of the NATO-Russia Council on January 12. A "
        "NATO official confirmed the meeting."
    ]
