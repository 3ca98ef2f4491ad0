"""The published briefing as readers see it: Debian's Chromium loads every page.

Every page loads with no console error and no request outside the site; the matrix holds every
clause with its verdict; every internal link resolves; the as-of control changes the matrix as
`treaty status --as-of` would; hostile text never runs; axe-core finds nothing serious; and the
screenshots under tests/output/ are there for a person to look at.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Browser, Page

from tests import browser as b
from tests.conftest import REPO, copy_project, invoke
from tests.publish_hostile import PAYLOADS, hostile_project

AS_OF = "2021-12-31"
EARLY = "2021-12-22"  # before most positions: only russia-nato.2's US position of 12-19


def _publish(root: Path, *extra: str) -> None:
    result = invoke(["publish", "--root", str(root), "--as-of", AS_OF, *extra])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with b.chromium() as launched:
        yield launched


@pytest.fixture(scope="session")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(REPO, tmp_path_factory.mktemp("bundled"))


@pytest.fixture(scope="session")
def site(bundled: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    _publish(bundled, "--out", str(out))
    return out


@pytest.fixture(scope="session")
def crawl(browser: Browser, site: Path) -> dict[str, b.Visit]:
    """Every page of the site, visited once."""
    visits = {}
    for path in sorted(site.rglob("*.html")):
        with b.opened(browser, path.as_uri(), site.as_uri() + "/") as (_, visit):
            visits[path.relative_to(site).as_posix()] = visit
    return visits


def _status(root: Path, day: str) -> dict[str, dict[str, object]]:
    result = invoke(["status", "--root", str(root), "--as-of", day, "--format", "json"])
    assert result.exit_code == 0, result.output
    return {c["id"]: c for c in json.loads(result.output)["clauses"]}


def test_every_page_loads_without_an_error_or_a_request_outside_the_site(
    crawl: dict[str, b.Visit], bundled: Path
) -> None:
    clauses = _status(bundled, AS_OF)
    assert {f"clause/{c}.html" for c in clauses} <= set(crawl)
    assert {"index.html", "timeline.html", "sources.html"} <= set(crawl)
    assert any(name.startswith("source/") for name in crawl)
    for name, visit in crawl.items():
        assert visit.errors == [], name
        assert visit.outside == [], name


def _matrix(page: Page) -> dict[str, dict[str, object]]:
    """Each row of the overview's matrices: its verdict group and each party's cell."""
    rows: dict[str, dict[str, object]] = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('tr[data-clause]')].map(tr =>
            [tr.dataset.clause, {
              verdict: tr.closest('tbody').dataset.verdict,
              hidden: tr.closest('tbody').hidden,
              cells: Object.fromEntries([...tr.querySelectorAll('td[data-party]')].map(td =>
                [td.dataset.party, td.className.replace('cell ', '')])),
            }]))"""
    )
    return rows


def _expected(status: dict[str, dict[str, object]]) -> dict[str, dict[str, object]]:
    out = {}
    for clause_id, c in status.items():
        stances = c["stances"]
        assert isinstance(stances, dict)
        cells = {party: (s["stance"] if s["stance"] else "silent") for party, s in stances.items()}
        out[clause_id] = {"verdict": c["verdict"], "hidden": False, "cells": cells}
    return out


def test_the_matrix_holds_every_clause_with_its_verdict_and_stances(
    browser: Browser, site: Path, bundled: Path
) -> None:
    with b.opened(browser, (site / "index.html").as_uri(), site.as_uri()) as (page, _):
        assert _matrix(page) == _expected(_status(bundled, AS_OF))
        text = page.inner_text("main")
    for label in ("never agree", "may explore", "no stated position"):
        assert label in text


def test_every_internal_link_resolves(crawl: dict[str, b.Visit], site: Path) -> None:
    checked = 0
    for name, visit in crawl.items():
        for link in visit.links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https"):
                continue  # a source's own address: never fetched by the tests
            assert parts.scheme == "file", (name, link)
            target = Path(unquote(parts.path))
            assert target.is_file() and target.is_relative_to(site), (name, link)
            if parts.fragment:
                page = crawl[target.relative_to(site).as_posix()]
                assert unquote(parts.fragment) in page.ids, (name, link)
            checked += 1
    assert checked > 100  # the crawl saw the links


def test_the_as_of_control_shows_the_stances_of_the_chosen_day(
    browser: Browser, site: Path, bundled: Path
) -> None:
    with b.opened(browser, (site / "index.html").as_uri(), site.as_uri()) as (page, visit):
        published = _tables(page)
        page.fill("#as-of", EARLY)
        early = _matrix(page)
        assert early == _expected(_status(bundled, EARLY))
        assert early != _matrix_after_reset(page)
        # Back at the day of the briefing, the matrices and counts are exactly as published.
        assert _tables(page) == published
        page.fill("#as-of", EARLY)
        assert "as of 2021-12-22" in page.inner_text("#as-of-status")
        assert page.inner_text("#counts-all").startswith("10 clauses: 0 never agree, 1 may")
        assert visit.errors == []


def _tables(page: Page) -> str:
    return str(
        page.evaluate(
            "[...document.querySelectorAll('table.matrix, p.counts')].map(e => e.outerHTML)"
            ".join('').replaceAll(' hidden=\"\"', ' hidden')"
        )
    )


def _matrix_after_reset(page: Page) -> dict[str, dict[str, object]]:
    page.click("#as-of-reset")
    return _matrix(page)


def test_without_javascript_every_page_still_reads_completely(
    browser: Browser, site: Path, bundled: Path
) -> None:
    url = (site / "index.html").as_uri()
    with b.opened(browser, url, site.as_uri(), javascript=False) as (page, visit):
        assert _matrix(page) == _expected(_status(bundled, AS_OF))
        assert not page.is_visible("#as-of-form")  # the control needs the script
        assert visit.errors == []


def test_keyboard_users_can_skip_to_the_content(browser: Browser, site: Path) -> None:
    with b.opened(browser, (site / "index.html").as_uri(), site.as_uri()) as (page, _):
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Skip to the content"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violation_on_any_kind_of_page(
    browser: Browser, site: Path, scheme: str
) -> None:
    pages = [
        "index.html",
        "timeline.html",
        "sources.html",
        "clause/us-russia.4.1.html",
        "clause/russia-nato.2.html",
        "source/nsc-talks-january-10.html",
        "source/sputnik-us-ready-for-talks.html",
    ]
    for name in pages:
        with b.opened(browser, (site / name).as_uri(), site.as_uri(), scheme=scheme) as (
            page,
            visit,
        ):
            assert b.axe_violations(page) == [], name
            assert visit.errors == [], name


SHOTS = {
    "overview": "index.html",
    "clause": "clause/us-russia.4.1.html",
    "source": "source/nsc-talks-january-10.html",
    "timeline": "timeline.html",
}


@pytest.mark.parametrize("width", [1280, 360])
def test_screenshots_wide_and_narrow_with_no_sideways_scrolling(
    browser: Browser, site: Path, width: int
) -> None:
    for shot, name in SHOTS.items():
        with b.opened(browser, (site / name).as_uri(), site.as_uri(), width=width) as (page, _):
            assert page.evaluate("document.documentElement.scrollWidth") <= width, name
            path = b.screenshot(page, f"{shot}-{width}")
            assert path.stat().st_size > 10_000
            if shot == "overview" and width == 1280:  # docs/overview.png is a copy of it
                page.set_viewport_size({"width": 1280, "height": 1120})
                page.screenshot(path=str(b.OUTPUT / "overview-top-1280.png"))
    with b.opened(browser, (site / "index.html").as_uri(), site.as_uri(), scheme="dark") as (
        page,
        _,
    ):
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == (
            "rgb(18, 18, 18)"
        )
        b.screenshot(page, f"overview-dark-{width}")


def test_printing_leaves_out_the_navigation_and_makes_a_pdf(browser: Browser, site: Path) -> None:
    with b.opened(browser, (site / "index.html").as_uri(), site.as_uri()) as (page, _):
        page.emulate_media(media="print")
        assert not page.is_visible("header.site nav")
        assert not page.is_visible("#as-of-form")
        b.OUTPUT.mkdir(exist_ok=True)
        pdf = page.pdf(path=str(b.OUTPUT / "overview.pdf"), format="A4")
        assert pdf.startswith(b"%PDF")


def test_the_single_file_works_alone(
    browser: Browser, bundled: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("single")
    single = folder / "briefing.html"
    _publish(bundled, "--single-file", str(single))
    with b.opened(browser, single.as_uri(), single.as_uri()) as (page, visit):
        assert visit.errors == []  # its one style and one script are allowed by their hashes
        assert visit.outside == []
        assert _matrix(page) == _expected(_status(bundled, AS_OF))
        for link in visit.links:
            parts = urlsplit(link)
            assert parts.scheme in ("http", "https") or unquote(parts.fragment) in visit.ids
        page.fill("#as-of", EARLY)
        assert _matrix(page) == _expected(_status(bundled, EARLY))
        assert b.axe_violations(page) == []
        assert visit.errors == []


def test_hostile_text_appears_literally_and_never_runs(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = hostile_project(tmp_path_factory.mktemp("hostile") / "project")
    assert invoke(["validate", "--root", str(root)]).exit_code == 0  # nothing left out
    out = root / "site"
    _publish(root, "--out", str(out))
    single = root / "single.html"
    _publish(root, "--single-file", str(single))
    urls = [p.as_uri() for p in sorted(out.rglob("*.html"))] + [single.as_uri()]
    seen = ""
    for url in urls:
        site = single.as_uri() if url == single.as_uri() else out.as_uri() + "/"
        with b.opened(browser, url, site) as (page, visit):
            if page.is_visible("#as-of"):
                page.fill("#as-of", EARLY)  # the script writes the cells anew
            assert page.evaluate("typeof window.__pwned") == "undefined", url
            assert visit.errors == [], url
            assert visit.outside == [], url
            assert page.evaluate("document.querySelectorAll('img, iframe, object').length") == 0
            handlers = page.evaluate(
                "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes])"
                ".filter(a => a.name.startsWith('on')).length"
            )
            assert handlers == 0, url
            # Only the site's own script, the overview's data, and in the single file the
            # one inline script its CSP allows by hash.
            scripts = page.evaluate("[...document.scripts].map(s => [s.src, s.type])")
            inline = [s for s in scripts if s == ["", ""]]
            others = [s for s in scripts if s != ["", ""]]
            assert len(inline) == (1 if url == single.as_uri() else 0), url
            for src, kind in others:
                assert src.endswith("/assets/site.js") or kind == "application/json", url
            assert not any(link.startswith("javascript:") for link in visit.links), url
            seen += visit.text
    for payload in PAYLOADS:
        assert payload in seen, payload
    assert "jinja ran" not in seen.replace("{% if true %}jinja ran{% endif %}", "")
