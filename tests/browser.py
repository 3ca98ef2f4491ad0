"""Driving Debian's Chromium with Playwright, for the tests of published pages.

Launched as ``scripts/test.d/15-browser.sh`` installs it, with background networking off and
every host name resolving to nothing, so that a page can reach nothing but the files beside
it. Each visit records what a reader's browser would have complained about: console errors,
uncaught exceptions, failed loads, and every request that left the site's folder.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from tests.conftest import REPO

CHROMIUM = "/usr/lib/chromium/chromium"
AXE = REPO / "tests" / "system" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
OUTPUT = REPO / "tests" / "output"
ARGS = [
    "--no-sandbox",  # as root (CI)
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--metrics-recording-only",
    "--no-default-browser-check",
    # Even with the flags above Chromium looks up a few Google hosts at start; this stops it.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost",
]


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as p:
        browser = launch(p)
        try:
            yield browser
        finally:
            browser.close()


def launch(p: Playwright) -> Browser:
    return p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)


@dataclass
class Visit:
    """One page as the browser loaded it."""

    url: str
    errors: list[str] = field(default_factory=list)  # console errors, exceptions, failed loads
    outside: list[str] = field(default_factory=list)  # requests that left the site
    links: list[str] = field(default_factory=list)  # every a[href], resolved
    ids: set[str] = field(default_factory=set)
    text: str = ""


@contextmanager
def opened(
    browser: Browser,
    url: str,
    site: str,
    *,
    width: int = 1280,
    scheme: str = "light",
    javascript: bool = True,
) -> Iterator[tuple[Page, Visit]]:
    """The page at ``url``, loaded; ``site`` is the URL prefix of what belongs to the site."""
    context = browser.new_context(
        viewport={"width": width, "height": 800},
        color_scheme=scheme,  # type: ignore[arg-type]
        java_script_enabled=javascript,
    )
    visit = Visit(url)

    def on_request(request: Any) -> None:
        if not request.url.startswith(site):
            visit.outside.append(request.url)

    # Nothing may leave the browser, whatever a page asks for: refuse it (and record it).
    context.route(lambda u: not u.startswith(site), lambda route: route.abort("blockedbyclient"))
    page = context.new_page()
    page.on("request", on_request)
    page.on("console", lambda m: visit.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: visit.errors.append(f"uncaught: {exc}"))
    page.on("requestfailed", lambda r: visit.errors.append(f"failed: {r.url} {r.failure}"))
    try:
        page.goto(url, wait_until="load")
        visit.links = page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)")
        visit.ids = set(page.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
        visit.text = page.evaluate("document.body.innerText")
        yield page, visit
    finally:
        context.close()


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the page. Injected through the DevTools
    protocol, which the page's CSP does not govern (a script tag would be refused); run
    without preloading the stylesheets, which the CSP rightly forbids fetching."""
    page.evaluate(AXE.read_text("utf-8") + "\n;undefined")
    found: list[dict[str, Any]] = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations'], preload: false}))"
        ".violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))"
    )
    return [v for v in found if v["impact"] in ("serious", "critical")]


def screenshot(page: Page, name: str) -> Path:
    """A full-page screenshot under tests/output/ (ignored by git), for a person to look at."""
    OUTPUT.mkdir(exist_ok=True)
    path = OUTPUT / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
