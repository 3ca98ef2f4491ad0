"""The fast loader (libyaml events) and the full loader agree on every file: same data, same
problems. The fast one hands anything beyond plain data to the full one."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import DATA, REPO
from treaty.yamlfast import UNSUPPORTED
from treaty.yamlio import Limits, _constructor, _load_full, load_plain, load_yaml

LIMITS = Limits()
FILES = sorted(DATA.rglob("*.yaml")) + sorted((REPO / "clauses").rglob("*.yaml"))


def _same(text: str) -> None:
    fast = load_yaml(text, "f.yaml", LIMITS)
    full = _load_full(text, "f.yaml", LIMITS)
    assert repr(fast) == repr(full), text


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_both_loaders_agree_on_every_test_and_bundled_file(path: Path) -> None:
    _same(path.read_bytes().decode("utf-8", "replace").lstrip("\ufeff"))


def test_plain_clauses_take_the_fast_path() -> None:
    text = (REPO / "clauses" / "us-russia" / "4.1.yaml").read_text("utf-8")
    assert load_plain(text, 64, _constructor()) is not UNSUPPORTED


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",  # anchors and aliases
        "a: !!str 1\n",  # tags
        "<<: {a: 1}\nb: 2\n",  # merge keys
        "a: 1\na: 2\n",  # duplicate keys
        "? [a]\n: 1\n",  # complex keys
        "a: 1\n---\nb: 2\n",  # two documents
        "%YAML 1.1\n---\na: 1\n",  # directives
        "- a\n",  # not a mapping
        "",  # empty
        "a: [\n",  # a syntax error
        "a: " + "[" * 70 + "]" * 70 + "\n",  # too deep
    ],
)
def test_anything_beyond_plain_data_goes_to_the_full_loader(text: str) -> None:
    assert load_plain(text, 64, _constructor()) is UNSUPPORTED
    _same(text)


SCALARS = st.sampled_from(
    [
        "1", "-2", "0x1f", "0o17", "017", "1_000", "1.5", "1e3", ".inf", "-.Inf", ".nan",
        "true", "False", "yes", "no", "on", "null", "~", "", "2021-12-23", "2021-02-30",
        "2021-12-23 10:00:00", "'quoted'", '"esc\\x1b"', '"tab\\t"', "plain text", "a: b",
        "=", "<<", "- x", "[1, 2]", "{a: 1}", "'1'", '"null"', "|\n  block\n", ">-\n  fold\n",
    ]
)  # fmt: skip
KEYS = st.sampled_from(["id", "a", "b", "1", "true", "null", "'q'", "x y"])


@st.composite
def documents(draw: st.DrawFn) -> str:
    lines = []
    for key in draw(st.lists(KEYS, min_size=1, max_size=6)):
        kind = draw(st.sampled_from(["scalar", "list", "map"]))
        if kind == "scalar":
            lines.append(f"{key}: {draw(SCALARS)}")
        elif kind == "list":
            lines.append(f"{key}:")
            lines += [f"  - {draw(SCALARS)}" for _ in range(draw(st.integers(0, 3)))]
        else:
            lines.append(f"{key}:")
            lines += [f"  {k}: {draw(SCALARS)}" for k in draw(st.lists(KEYS, max_size=3))]
    return "\n".join(lines) + "\n"


# ruamel.yaml warns about floats such as 1e3 (both loaders do, as they should agree).
@pytest.mark.filterwarnings("ignore::ruamel.yaml.error.MantissaNoDotYAML1_1Warning")
@settings(max_examples=300, deadline=None)
@given(documents())
def test_both_loaders_agree_on_generated_documents(text: str) -> None:
    _same(text)
