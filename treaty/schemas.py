"""The published JSON Schemas, generated from the models (the models are the source of truth)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from treaty.model import PATTERN_FORMS, Basis, Clause, Stance, TextKind, Treaty
from treaty.registry import SourceRegistry, Topics

SCHEMAS: dict[str, type[BaseModel]] = {
    "clause.schema.json": Clause,
    "treaty.schema.json": Treaty,
    "sources.schema.json": SourceRegistry,
    "topics.schema.json": Topics,
}


# What each value of a choice means, shown by editors as the value is completed or hovered.
VALUE_DESCRIPTIONS: dict[str, dict[str, str]] = {
    Stance.__name__: {
        Stance.NEVER_AGREE: "Rejected: the party says it will not accept the provision "
        '("will never agree", "non-starter", "no change").',
        Stance.MAY_EXPLORE: "Not ruled out: the party is ready to discuss or explore it, "
        "often with conditions (reciprocity, de-escalation).",
        Stance.AGREE: "Accepted: the party supports the provision as proposed.",
    },
    Basis.__name__: {
        Basis.EXPLICIT: "The quoted evidence names the provision or its subject.",
        Basis.INFERRED: "The stance is read into evidence that does not name the provision; "
        "a rationale must say why.",
    },
    TextKind.__name__: {
        TextKind.VERBATIM: "text is the draft's own wording.",
        TextKind.PARAPHRASE: "text restates the provision in other words.",
    },
}


def render(name: str) -> str:
    """The schema file's exact text."""
    schema = SCHEMAS[name].model_json_schema()
    _title_referenced_fields(schema)
    _describe_values(schema)
    _explain_patterns(schema)
    _rationale_when_inferred(schema)
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": name,
        **schema,
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _title_referenced_fields(schema: dict[str, Any]) -> None:
    # pydantic drops a field's title when it equals the title of the type it refers to
    # (Stance, Basis, ...); editors show field titles, so put them back.
    defs = schema.get("$defs", {})
    for definition in [schema, *defs.values()]:
        for spec in definition.get("properties", {}).values():
            ref = spec.get("$ref", "")
            if ref and "title" not in spec:
                spec["title"] = defs[ref.rsplit("/", 1)[-1]].get("title", "")


def _describe_values(schema: dict[str, Any]) -> None:
    for name, definition in schema.get("$defs", {}).items():
        meanings = VALUE_DESCRIPTIONS.get(name)
        if meanings is not None:
            definition["enumDescriptions"] = [meanings[value] for value in definition["enum"]]


def _explain_patterns(node: object) -> None:
    # Editors show patternErrorMessage instead of "does not match ^[a-z0-9]+(?:-...$".
    if isinstance(node, dict):
        if "pattern" in node:
            node["patternErrorMessage"] = f"Expected {PATTERN_FORMS[node['pattern']]}."
        for value in node.values():
            _explain_patterns(value)
    elif isinstance(node, list):
        for item in node:
            _explain_patterns(item)


def _rationale_when_inferred(schema: dict[str, Any]) -> None:
    # The model's own rule (T106), in the form an editor checks as the user types.
    position = schema.get("$defs", {}).get("Position")
    if position is not None:
        position["if"] = {
            "properties": {"basis": {"const": Basis.INFERRED.value}},
            "required": ["basis"],
        }
        position["then"] = {
            "required": ["rationale"],
            "properties": {"rationale": {"type": "string", "minLength": 1}},
        }
