"""The briefing as HTML: a static site (a page per clause and per source, an overview, a
timeline) or one self-contained file.

Every page is rendered by Jinja2 with autoescaping on, so no text from a project file is ever
markup; only http and https URLs become links. Each page carries a Content-Security-Policy
that allows no inline script, no inline style and nothing from the network: the site's own
stylesheet and script are files beside it, and the single file allows exactly its one
``<style>`` and one ``<script>`` by their hashes. Output depends only on the briefing (no
clock time, stable order), so the same project, revision and day give the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

import jinja2

from treaty import __version__
from treaty.model import Stance
from treaty.publish import chart
from treaty.publish.briefing import RULE, Briefing
from treaty.report.status_render import silence_note
from treaty.report.verdict import BASIS_RULE, Verdict

STATIC = ("site.css", "site.js")
MARKER = ".treaty-publish"  # names a folder as a site that a later run may replace
MARKER_TEXT = "Written by `treaty publish`. Each run replaces this whole folder.\n"
SITE_CSP = (
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'none'"
)
STANCE_LABELS = {
    Stance.NEVER_AGREE: "never agree",
    Stance.MAY_EXPLORE: "may explore",
    Stance.AGREE: "agree",
}
GLYPHS = {Stance.NEVER_AGREE: "■", Stance.MAY_EXPLORE: "●", Stance.AGREE: "▲"}
SILENT = "silent"
SILENT_NOTE = "{party} silent on {n}"  # as `treaty status` heads a group
INFERRED = "inferred: no standing position names the provision"


@dataclass(frozen=True)
class Links:
    """Where a page's links point: another file of the site, or a part of the single file."""

    single: bool
    prefix: str  # from the page to the site's root: "" or "../"
    clauses: frozenset[str]
    sources: frozenset[str]

    def page(self, name: str) -> str:
        return f"#{name}" if self.single else f"{self.prefix}{name}.html"

    def treaty(self, treaty_id: str) -> str:
        """The treaty's part of the overview."""
        if self.single:
            return f"#treaty-{treaty_id}"
        return f"{self.prefix}index.html#treaty-{treaty_id}"

    def asset(self, name: str) -> str:
        return f"{self.prefix}assets/{name}"

    def id(self, kind: str, key: str, part: str = "") -> str:
        """The id of an element of a clause or source page (in the single file, every page's
        ids are prefixed with the page)."""
        if not self.single:
            return part
        return f"{kind}-{key}-{part}" if part else f"{kind}-{key}"

    def _to(self, kind: str, key: str, part: str) -> str:
        if self.single:
            return "#" + self.id(kind, key, part)
        return f"{self.prefix}{kind}/{key}.html" + (f"#{part}" if part else "")

    def clause(self, clause_id: str, part: str = "") -> str | None:
        """The link to a clause's page, or None when the briefing does not publish it."""
        return self._to("clause", clause_id, part) if clause_id in self.clauses else None

    def source(self, source_id: str, part: str = "") -> str | None:
        return self._to("source", source_id, part) if source_id in self.sources else None


def http_url(value: object) -> str | None:
    """The URL when it may be a link: http or https with a host, nothing else
    (``javascript:``, ``data:`` and the like stay text)."""
    if not isinstance(value, str):
        return None
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return value.strip()


def _day(value: object, unknown: str = "date unknown") -> str:
    return value.isoformat() if hasattr(value, "isoformat") else unknown


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("treaty.publish", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates are package data: never re-read them per page
    )
    env.filters["day"] = _day
    env.filters["stance"] = lambda s: STANCE_LABELS[Stance(s)]
    env.filters["glyph"] = lambda s: GLYPHS[Stance(s)]
    env.globals.update(
        http_url=http_url,
        RULE=RULE,
        SILENT=SILENT,
        BASIS_RULE=BASIS_RULE,
        silence_note=silence_note,
        INFERRED=INFERRED,
        STANCES=list(Stance),
        STANCE_LABELS=STANCE_LABELS,
        GLYPHS=GLYPHS,
        version=__version__,
    )
    return env


def static(name: str) -> str:
    return (resources.files("treaty.publish") / "static" / name).read_text("utf-8")


def _labels() -> dict[str, Any]:
    """What the as-of control writes into the page, given to it rather than repeated there."""
    return {
        "stances": {s.value: STANCE_LABELS[s] for s in Stance},
        "glyphs": {s.value: GLYPHS[s] for s in Stance},
        "verdicts": {v.value: v.label for v in Verdict},
        "silent": SILENT,
        "silent_note": SILENT_NOTE,
        "inferred": INFERRED,
    }


def _context(briefing: Briefing, title: str) -> dict[str, Any]:
    """What every page may show: computed once, however many pages there are."""
    charts = [chart.chart(s.treaty, briefing.steps) for s in briefing.sections]
    return {
        "b": briefing,
        "title": title,
        "charts": [c for c in charts if c is not None],
        "counts": briefing.counts(),
        "asof_data": {**briefing.history(), "labels": _labels()},
        "Verdict": Verdict,
    }


def default_title(briefing: Briefing) -> str:
    if len(briefing.sections) == 1:
        return briefing.sections[0].treaty.title
    return f"Briefing on {len(briefing.sections)} draft treaties"


def render_site(briefing: Briefing, title: str | None = None) -> dict[str, bytes]:
    """Every file of the site, by its path inside the site's folder."""
    env = environment()
    title = title or default_title(briefing)
    clauses = frozenset(p.clause.id for p in briefing.clauses)
    sources = frozenset(p.source.id for p in briefing.sources)
    top = Links(False, "", clauses, sources)
    deep = Links(False, "../", clauses, sources)
    page = env.get_template("page.html")
    shared = _context(briefing, title)

    def render(body: str, name: str, links: Links, **extra: Any) -> bytes:
        ctx = {**shared, "links": links, "body": body, "current": name, **extra}
        return page.render(csp=SITE_CSP, **ctx).encode("utf-8")

    out = {
        "index.html": render("overview.html", "index", top),
        "timeline.html": render("timeline.html", "timeline", top),
        "sources.html": render("sources.html", "sources", top),
    }
    for clause_page in briefing.clauses:
        out[f"clause/{clause_page.clause.id}.html"] = render(
            "clause.html", "clause", deep, page=clause_page
        )
    for source_page in briefing.sources:
        out[f"source/{source_page.source.id}.html"] = render(
            "source.html", "source", deep, page=source_page
        )
    for name in STATIC:
        out[f"assets/{name}"] = static(name).encode("utf-8")
    out[MARKER] = MARKER_TEXT.encode("utf-8")
    return out


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def render_single(briefing: Briefing, title: str | None = None) -> bytes:
    """One HTML file holding every page, for sending by e-mail."""
    env = environment()
    title = title or default_title(briefing)
    clauses = frozenset(p.clause.id for p in briefing.clauses)
    sources = frozenset(p.source.id for p in briefing.sources)
    links = Links(True, "", clauses, sources)
    css, js = static("site.css"), static("site.js")
    csp = (
        f"default-src 'none'; style-src {_hash(css)}; script-src {_hash(js)}; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    ctx = {**_context(briefing, title), "links": links}
    html = env.get_template("single.html").render(csp=csp, css=css, js=js, **ctx)
    return html.encode("utf-8")
