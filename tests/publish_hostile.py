"""A copy of the bundled corpus with hostile text in every field that reaches a published page.

Markup, script, Jinja template syntax and ``javascript:`` URLs go into a clause (title, text,
notes, rationale, conditions, quotes), a treaty (title, party names, notes, where it is
reported), a source's registry entry (title, outlet, author, notes) and a source's own text.
The project still validates (the tests check it), so nothing hostile is left out unseen.
Each script payload would set ``window.__pwned`` if it ever ran.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from tests.conftest import REPO, copy_project

SCRIPT = '<script>window.__pwned = "script"</script>'
IMAGE = '"><img src=x onerror="window.__pwned = \'img\'">'
TEMPLATE = "{{ 7 * 7 }} {% if true %}jinja ran{% endif %} {# comment #}"
LINK = "javascript:window.__pwned='link'"
SVG = "</title><svg onload=\"window.__pwned = 'svg'\"></svg>"
# Text that must appear on the pages exactly as written.
PAYLOADS = [SCRIPT, IMAGE, TEMPLATE, LINK, SVG]

SEED = "999_<img src=x onerror=alert(1)>.txt"  # a file name is text from a file too
SEED_TEXT = (
    "A hostile article, for the tests of treaty publish.\n"
    f"It opens with {SCRIPT} in the middle of a sentence.\n"
    f"Then an attribute breaks out: {IMAGE} and it goes on.\n"
    f"Template syntax follows: {TEMPLATE} as plain words.\n"
    f"A link that is not one: {LINK} ends this line.\n"
)
SOURCE_ID = "hostile-source"
# Quotes of three words and more (shorter ones prove nothing, and validation refuses them).
SCRIPT_QUOTE = f"It opens with {SCRIPT} in the middle"
LINK_QUOTE = f"A link that is not one: {LINK} ends"


def _load(path: Path) -> Any:
    return YAML(typ="safe", pure=True).load(path.read_text("utf-8"))


def _dump(path: Path, data: Any) -> None:
    # JSON is YAML: no quoting rules to get wrong for text full of quotes and brackets.
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n", "utf-8")


def hostile_project(dest: Path) -> Path:
    """Write the hostile copy of the bundled corpus to ``dest``; return it."""
    copy_project(REPO, dest)
    (dest / "seeds" / SEED).write_text(SEED_TEXT, "utf-8")
    registry = _load(dest / "seeds" / "sources.yaml")
    registry["sources"].append(
        {
            "id": SOURCE_ID,
            "file": SEED,
            "title": f"{SCRIPT} {TEMPLATE}",
            "outlet": IMAGE,
            "published": "2021-12-20",
            "author": SVG,
            "sha256": hashlib.sha256(SEED_TEXT.encode("utf-8")).hexdigest(),
            "notes": f"{LINK} {SCRIPT}",
            "url": "https://example.org/hostile?q=<script>&x=\"'",
            "retrieved": "2021-12-21",
        }
    )
    _dump(dest / "seeds" / "sources.yaml", registry)

    treaty_path = dest / "clauses" / "us-russia" / "treaty.yaml"
    treaty = _load(treaty_path)
    treaty["title"] = f"{treaty['title']} {SCRIPT} {TEMPLATE}"
    treaty["notes"] = f"{IMAGE} {LINK}"
    treaty["parties"][0]["name"] = f"United States {SVG}"
    treaty["reported_in"].append({"source": SOURCE_ID, "quote": SCRIPT_QUOTE})
    _dump(treaty_path, treaty)

    clause = {
        "id": "us-russia.8",
        "treaty": "us-russia",
        "article": 8,
        "title": f"Entry into force {SCRIPT}",
        "topics": ["non-expansion"],
        "binds": ["US", "RU"],
        "text": f"{TEMPLATE}\n{IMAGE}\n{SVG}",
        "text_kind": "verbatim",
        "reported_in": [{"source": SOURCE_ID, "quote": IMAGE}],
        "positions": [
            {
                "party": "US",
                "stance": "never-agree",
                "date": "2021-12-20",
                "basis": "inferred",
                "evidence": [
                    {"source": SOURCE_ID, "quote": SCRIPT_QUOTE, "speaker": SCRIPT},
                    {"source": SOURCE_ID, "quote": TEMPLATE},
                    {"source": SOURCE_ID, "quote": LINK_QUOTE, "speaker": LINK},
                ],
                "rationale": f"{SCRIPT} {LINK}",
                "conditions": [IMAGE, TEMPLATE],
            }
        ],
        "related": ["us-russia.4.1"],
        "notes": f"{SVG}\n{LINK}",
    }
    _dump(dest / "clauses" / "us-russia" / "8.yaml", clause)
    return dest
