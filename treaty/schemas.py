"""The published JSON Schemas, generated from the models (the models are the source of truth)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from treaty.model import Clause, Treaty
from treaty.registry import SourceRegistry, Topics

SCHEMAS: dict[str, type[BaseModel]] = {
    "clause.schema.json": Clause,
    "treaty.schema.json": Treaty,
    "sources.schema.json": SourceRegistry,
    "topics.schema.json": Topics,
}


def render(name: str) -> str:
    """The schema file's exact text."""
    schema = SCHEMAS[name].model_json_schema()
    _title_referenced_fields(schema)
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
