"""Line and column for problems, found with the round-trip loader only for files that have them.

The fast loader keeps no positions; re-reading a file that has problems with ruamel.yaml's
round-trip loader gives each key and value its place, which is cheap when few files are bad.
"""

from __future__ import annotations

import functools
from typing import Any

from ruamel.yaml.error import YAMLError

from treaty.problems import Loc, Problem


def locate(problems: list[Problem], text: str) -> list[Problem]:
    """The problems with line and column filled in from their ``loc`` where missing."""
    pending = [p for p in problems if p.line is None and p.loc is not None]
    if not pending:
        return problems
    try:
        tree = _round_trip().load(text)
    except (YAMLError, ValueError, RecursionError):
        tree = None
    out = []
    for p in problems:
        if p.line is not None:
            out.append(p)
            continue
        if p.loc is None:
            out.append(p)
            continue
        line, col = _position(tree, p.loc, p.at_key) if tree is not None else (1, 1)
        out.append(p.located(line, col))
    return out


@functools.cache
def _round_trip_constructor() -> Any:
    # Imported on first use: most runs have no problem to place, and the round-trip loader
    # is the largest part of ruamel.yaml to import.
    from ruamel.yaml.constructor import RoundTripConstructor

    class TextDates(RoundTripConstructor):
        """Keeps dates as text, as the fast loader does, so an impossible day can be located."""

    TextDates.add_constructor(
        "tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str
    )
    return TextDates


def _round_trip() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.Constructor = _round_trip_constructor()
    return yaml


def _position(tree: Any, loc: Loc, at_key: bool) -> tuple[int, int]:
    """1-based (line, column) of the key or value at ``loc``, or of the nearest enclosing one."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    node: Any = tree
    best = (node.lc.line, node.lc.col) if hasattr(node, "lc") else (0, 0)
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(node, CommentedMap) and part in node:
            pos = node.lc.key(part) if (last and at_key) else node.lc.value(part)
            best = pos if pos else best
            if not last and not isinstance(node[part], (CommentedMap, CommentedSeq)):
                # A scalar where a collection was expected: point at the key holding it.
                best = node.lc.key(part)
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            best = node.lc.item(part)
            node = node[part]
        else:
            break
    return best[0] + 1, best[1] + 1
