"""A synthetic project: the bundled corpus plus N generated clause files, each valid and distinct.

Every generated clause is a copy of a bundled clause moved to a new place
(``clauses/<treaty>/<article>.<paragraph>.yaml``) with the id, article and paragraph that the
place requires, so that `treaty validate` and check-jsonschema both accept every file.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

# Generated articles start here, well above the drafts' own (at most 9), so that no generated
# id collides with a bundled one.
FIRST_ARTICLE = 100
PARAGRAPHS_PER_ARTICLE = 50

_ID = re.compile(r"^id: .*$", re.M)
_ARTICLE = re.compile(r"^article: .*$", re.M)
_PARAGRAPH = re.compile(r"^paragraph: .*\n", re.M)
_TITLE = re.compile(r"^title: (.*)$", re.M)
# A treaty file's list of articles, up to its next top-level key.
_ARTICLES = re.compile(r"^articles:\n(?:[ \t].*\n|\n)*", re.M)


def templates(repo: Path) -> list[tuple[str, str]]:
    """(treaty id, text) of every bundled clause, in a stable order."""
    found = []
    for path in sorted((repo / "clauses").glob("*/*.yaml")):
        if path.name != "treaty.yaml":
            found.append((path.parent.name, path.read_text("utf-8")))
    return found


def place(n: int) -> tuple[int, int]:
    """The article and paragraph of the n-th generated clause."""
    return FIRST_ARTICLE + n // PARAGRAPHS_PER_ARTICLE, 1 + n % PARAGRAPHS_PER_ARTICLE


def clause_text(template: str, treaty: str, n: int) -> str:
    """The n-th generated clause from a template: its id, article and paragraph fit its place."""
    article, paragraph = place(n)
    text = _PARAGRAPH.sub("", template)
    text = _ID.sub(f"id: {treaty}.{article}.{paragraph}", text)
    text = _ARTICLE.sub(f"article: {article}\nparagraph: {paragraph}", text)
    return _TITLE.sub(lambda m: f"title: {m.group(1)} (copy {n})", text, count=1)


def make_project(repo: Path, dest: Path, count: int) -> list[Path]:
    """Copy the bundled project to ``dest`` and add ``count`` clause files; return those."""
    if dest.exists():
        shutil.rmtree(dest)
    for part in ("clauses", "seeds", "schemas"):
        shutil.copytree(repo / part, dest / part)
    # The generated articles are not the drafts': the treaty files stop listing theirs.
    for listing in (dest / "clauses").glob("*/treaty.yaml"):
        listing.write_text(_ARTICLES.sub("", listing.read_text("utf-8")), "utf-8")
    sources = templates(repo)
    written = []
    for n in range(count):
        treaty, template = sources[n % len(sources)]
        article, paragraph = place(n)
        path = dest / "clauses" / treaty / f"{article}.{paragraph}.yaml"
        path.write_text(clause_text(template, treaty, n), "utf-8")
        written.append(path)
    return written
