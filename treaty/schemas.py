"""The published JSON Schemas, generated from the models (the models are the source of truth),
and the shape of a model at a place in its file."""

from __future__ import annotations

import json
import types
import typing
from typing import Any

from pydantic import BaseModel

from treaty.model import Clause, SourceRegistry, Topics, Treaty
from treaty.phrases import AuditPhrases

SCHEMAS: dict[str, type[BaseModel]] = {
    "clause.schema.json": Clause,
    "treaty.schema.json": Treaty,
    "sources.schema.json": SourceRegistry,
    "topics.schema.json": Topics,
    "audit-phrases.schema.json": AuditPhrases,
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


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, (types.UnionType, types.GenericAlias)) or typing.get_origin(
        annotation
    ):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None


def model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model of the mapping at ``loc`` in a file of ``model``'s format (None: free-form)."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        current = _inner_model(info.annotation) if info else None
    return current
