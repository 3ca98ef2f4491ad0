"""Writing new YAML: entries and files in the corpus's style, checked to read back as given.

Short lists of ids go in flow style (``topics: [bases, hotlines]``); long prose (text,
rationale, notes) is folded (``>-``) to about 90 columns; quotes stay on one line so that
they can be searched for; ``null`` is written out. Every rendering is loaded back and
compared with what it should say before anyone writes it.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarstring import FoldedScalarString

from treaty.files.reading import Limits
from treaty.yaml.load import load_yaml

WIDTH = 92
FOLDED_KEYS = frozenset({"text", "rationale", "notes"})
FLOW_KEYS = frozenset({"topics", "binds", "related", "conditions"})


class NullWriter(RoundTripRepresenter):
    """Writes ``null`` where the round-trip representer would leave the value empty."""


def _null(representer: RoundTripRepresenter, data: None) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


NullWriter.add_representer(type(None), _null)


def yaml_writer(mapping: int = 2, sequence: int = 4, offset: int = 2) -> YAML:
    """A round-trip YAML writer with the given indentation and no line wrapping of its own."""
    yaml = YAML(typ="rt")
    yaml.Representer = NullWriter
    yaml.width = 100_000  # wrapping is decided here (folded prose), never by the emitter
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def dump(data: Any, yaml: YAML | None = None) -> str:
    """``data`` as YAML text."""
    out = io.StringIO()
    (yaml or yaml_writer()).dump(data, out)
    return out.getvalue()


def plain(value: Any) -> Any:
    """The value as the loader reads it back: days as text, tuples as lists."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def styled(value: Any, key: str | None = None, column: int = 0, fancy: int = 2) -> Any:
    """``value`` as ruamel nodes carrying the house style. ``column``: where the keys of a
    mapping go, or where the key holding any other value is. ``fancy``: 2 flow lists and
    folded prose, 1 folded prose only, 0 plain block style."""
    if isinstance(value, Mapping):
        node = CommentedMap()
        for k, v in value.items():
            node[k] = styled(v, k, column, fancy)
        return node
    if isinstance(value, (list, tuple)):
        seq = CommentedSeq([styled(v, None, column + 4, fancy) for v in value])
        if fancy >= 2 and key in FLOW_KEYS and all(isinstance(v, str) for v in value):
            seq.fa.set_flow_style()
        return seq
    if fancy >= 1 and isinstance(value, str) and key in FOLDED_KEYS:
        return _folded(value, column + 2, column + len(key) + 2)
    return value


def _first_that_reads_back(render: Callable[[int], str], expected: Any) -> str:
    """The fanciest rendering that reads back as ``expected``. Emitters have corner cases
    (ruamel writes ``[0?]``, which libyaml refuses), so each style is checked, and plain
    block style is the last resort."""
    for fancy in (2, 1, 0):
        text = render(fancy)
        loaded, problems = load_yaml(text, "(rendered)", Limits())
        if not problems and loaded == expected:
            return text
    raise RenderError(f"rendering does not read back as written: {text[:2000]!r}")


def _folded(text: str, indent: int, after_key: int) -> str:
    """Long one-paragraph prose as a folded scalar wrapped at ``WIDTH``; other text as is."""
    fits = after_key + len(text) <= WIDTH
    if fits or "\n" in text or "  " in text or text != text.strip():
        return text
    folded = FoldedScalarString(text)
    positions, line_start, last_space = [], 0, -1
    for i, char in enumerate(text):
        if char == " ":
            if i - line_start + indent > WIDTH and last_space > line_start:
                positions.append(last_space)
                line_start = last_space + 1
            last_space = i
    if len(text) - line_start + indent > WIDTH and last_space > line_start:
        positions.append(last_space)
    folded.fold_pos = positions
    styled_text: str = folded
    return styled_text


def render_entry(key: str, entry: Mapping[str, Any], seq_indent: int, seq_offset: int) -> str:
    """``key:`` and a one-item block list holding ``entry``, at column 0, with the given
    list indentation (``sequence``/``offset`` as ruamel means them)."""
    yaml = yaml_writer(sequence=seq_indent, offset=seq_offset)
    return _first_that_reads_back(
        lambda fancy: dump({key: [styled(entry, None, seq_indent, fancy)]}, yaml),
        {key: [plain(entry)]},
    )


def render_flow(entry: Any) -> str:
    """``entry`` as one item of a flow list: ``{party: US, ...}``, or ``us-russia.4.1``."""
    yaml = yaml_writer()
    yaml.default_flow_style = True
    item = dict(entry) if isinstance(entry, Mapping) else entry
    text = _first_that_reads_back(
        lambda fancy: "x: " + dump([item], yaml).strip() + "\n", {"x": [plain(entry)]}
    )
    return text.removeprefix("x: [").removesuffix("]\n")


def render_document(data: Mapping[str, Any], header: str = "") -> str:
    """A whole file: ``header`` (comment lines) and ``data`` in the house style."""
    return _first_that_reads_back(
        lambda fancy: header + dump(styled(data, fancy=fancy)), plain(data)
    )


class RenderError(RuntimeError):
    """A bug: rendered YAML that would not read back as the data it was made from."""


def flow_list(values: Sequence[str]) -> CommentedSeq:
    """A list written in flow style, ``[a, b]``."""
    seq = CommentedSeq(values)
    seq.fa.set_flow_style()
    return seq
