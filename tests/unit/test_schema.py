"""The published schemas are generated from the models and stay in step with them."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from pydantic import Field
from ruamel.yaml import YAML

from tests.conftest import REPO
from treaty import model, schemas
from treaty.edit import schemas as schema_files


def test_committed_schemas_match_the_models() -> None:
    assert schema_files.check(REPO / "schemas") == []


def test_a_changed_model_field_is_detected_as_drift(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    schema_files.write(tmp_path)
    assert schema_files.check(tmp_path) == []

    class Changed(model.Clause):
        extra_field: str = Field(default="", title="Extra", description="New.", examples=["x"])

    monkeypatch.setitem(schemas.SCHEMAS, "clause.schema.json", Changed)
    drift = schema_files.check(tmp_path)
    assert [d.path.name for d in drift] == ["clause.schema.json"]


def test_every_field_has_a_title_description_and_example() -> None:
    for name in schemas.SCHEMAS:
        doc = json.loads(schemas.render(name))
        for definition in [doc, *doc.get("$defs", {}).values()]:
            for field, spec in definition.get("properties", {}).items():
                for key in ("title", "description", "examples"):
                    assert key in spec, f"{name}: {field} has no {key}"


def test_bundled_clauses_validate_against_the_published_schema() -> None:
    schema = json.loads((REPO / "schemas" / "clause.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    yaml = YAML(typ="safe")
    # JSON has no date type; the schema says format "date" on strings, as editors see them.
    yaml.constructor.add_constructor(
        "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
    )
    clauses = [p for p in (REPO / "clauses").glob("*/*.yaml") if p.name != "treaty.yaml"]
    assert clauses
    for path in clauses:
        errors = list(validator.iter_errors(yaml.load(path)))
        assert errors == [], (path, errors[0].message if errors else "")


def test_schema_rejects_a_bad_stance() -> None:
    schema = json.loads((REPO / "schemas" / "clause.schema.json").read_text())
    doc = {
        "id": "us-russia.1",
        "treaty": "us-russia",
        "article": 1,
        "title": "t",
        "topics": ["hotlines"],
        "binds": ["US"],
        "text": "t",
        "text_kind": "paraphrase",
        "positions": [
            {
                "party": "US",
                "stance": "maybe",
                "date": "2021-12-23",
                "basis": "explicit",
                "evidence": [{"source": "s", "quote": "q"}],
            }
        ],
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, schema)


def _clause_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((REPO / "schemas" / "clause.schema.json").read_text())
    return jsonschema.Draft202012Validator(schema)


def _position(**changes: object) -> dict[str, object]:
    position: dict[str, object] = {
        "party": "US",
        "stance": "never-agree",
        "date": "2021-12-23",
        "basis": "inferred",
        "evidence": [{"source": "s", "quote": "three words here"}],
    }
    return {**position, **changes}


def _clause(position: dict[str, object]) -> dict[str, object]:
    return {
        "id": "us-russia.1",
        "treaty": "us-russia",
        "article": 1,
        "title": "t",
        "topics": ["hotlines"],
        "binds": ["US"],
        "text": "t",
        "text_kind": "paraphrase",
        "positions": [position],
    }


@pytest.mark.parametrize(
    ("position", "valid"),
    [
        (_position(), False),  # inferred, no rationale
        (_position(rationale=None), False),
        (_position(rationale=""), False),
        (_position(rationale="Why."), True),
        (_position(basis="explicit"), True),  # an explicit position needs none
    ],
)
def test_the_schema_asks_for_a_rationale_only_when_inferred(
    position: dict[str, object], valid: bool
) -> None:
    errors = list(_clause_validator().iter_errors(_clause(position)))
    assert (errors == []) is valid, [e.message for e in errors]


def _nodes(node: object) -> list[dict[str, object]]:
    if isinstance(node, dict):
        return [node, *(n for v in node.values() for n in _nodes(v))]
    if isinstance(node, list):
        return [n for v in node for n in _nodes(v)]
    return []


def test_every_pattern_has_a_message_in_words() -> None:
    seen = set()
    for name in schemas.SCHEMAS:
        for node in _nodes(json.loads(schemas.render(name))):
            if "pattern" in node:
                message = str(node["patternErrorMessage"])
                assert message.startswith("Expected ") and "^" not in message, (name, message)
                seen.add(node["pattern"])
    assert seen == set(model.PATTERN_FORMS)  # and every form is used by some schema


def test_every_choice_has_a_description_per_value() -> None:
    doc = json.loads(schemas.render("clause.schema.json"))
    for name in ("Stance", "Basis", "TextKind"):
        definition = doc["$defs"][name]
        descriptions = definition["enumDescriptions"]
        assert len(descriptions) == len(definition["enum"]) and all(descriptions), name
