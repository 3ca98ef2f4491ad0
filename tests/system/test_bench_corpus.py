"""The benchmark's generated clauses are valid for both tools it compares, and distinct."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from ruamel.yaml import YAML

from bench.corpus import make_project
from bench.run import clause_files
from tests.conftest import REPO
from treaty.cache.run import run
from treaty.project import Project


def test_generated_clauses_are_valid_and_distinct(tmp_path: Path) -> None:
    root = tmp_path / "bench"
    written = make_project(REPO, root, 60)
    assert len(written) == len(set(written)) == 60
    result = run(Project(root), models=True)
    assert result.corpus is not None
    assert result.problems == [], [(p.path, p.code.id, p.message) for p in result.problems]
    assert len(result.corpus.clauses) == 60 + 10
    # As check-jsonschema reads them: dates stay strings, checked by the schema's format.
    schema = json.loads((root / "schemas" / "clause.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    yaml = YAML(typ="safe")
    yaml.constructor.add_constructor(
        "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
    )
    files = clause_files(root)
    assert len(files) == 70
    for name in files:
        errors = [e.message for e in validator.iter_errors(yaml.load(root / name))]
        assert errors == [], name
