"""``treaty init``: an empty, valid project: a topics file, an empty source registry, the
audit's phrase list, the schemas, and a sample pre-commit configuration. Never overwrites a
file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from treaty import schemas
from treaty.edit.apply import exists
from treaty.files.writes import Snapshot, write_atomic
from treaty.phrases import STARTER
from treaty.problems import Code, Problem
from treaty.project import Project

TOPICS = """\
# yaml-language-server: $schema=../schemas/topics.schema.json
# The controlled vocabulary of clause topics: a clause's `topics` must be listed here.
# Add a line to add a topic.
topics:
  non-expansion: No further enlargement of NATO, or denial of accession to particular states.
  deployments: Limits on where armed forces and armaments may be deployed or stationed.
  bases: Military bases on the territory of other states.
  military-activity: Military activity on, or use of the military infrastructure of, other states.
  exercises: Military exercises and manoeuvres, their scale, location and restraint.
  hotlines: Telephone hotlines and other channels for emergency contacts.
  consultations: Consultation mechanisms, including the NATO-Russia Council.
  transparency: Exchange of threat assessments, notification of exercises and doctrines.
  risk-reduction: Preventing incidents and dangerous military activities.
  missiles: Ground-launched intermediate- and shorter-range missiles.
  nuclear: Nuclear weapons, their deployment and related training.
  non-use-of-force: Peaceful settlement of disputes; no use or threat of force.
  security-principles: Indivisible, equal and undiminished security; UN Charter principles.
"""

REGISTRY = """\
# yaml-language-server: $schema=../schemas/sources.schema.json
# The source articles that clauses may quote, each kept byte for byte in this folder.
# Add one with: treaty source add FILE --id ID --title TITLE [--outlet ... --published ...]
sources: []
"""

PRE_COMMIT = """\
# pre-commit (https://pre-commit.com) runs these checks before every commit, on the files
# the commit changes (cross-file rules still see the whole project). Set it up with:
#   pip install pre-commit && pre-commit install
# These hooks run the `treaty` of the environment you commit from. To have pre-commit
# install treaty by itself, use treaty's hook repository instead of `repo: local`:
#   - repo: <the URL of the treaty repository>
#     rev: <a release tag or commit of it>
#     hooks:
#       - id: treaty-validate
#       - id: treaty-fmt
repos:
  - repo: local
    hooks:
      - id: treaty-validate
        name: treaty validate
        entry: treaty validate
        language: system
        files: ^(clauses/.+\\.ya?ml|seeds/.+)$
        require_serial: true
      - id: treaty-fmt
        name: treaty fmt --check
        entry: treaty fmt --check
        language: system
        files: ^(clauses/.+\\.ya?ml|seeds/sources\\.ya?ml)$
        require_serial: true
"""


@dataclass
class InitResult:
    """What ``init`` created, what it left as it was, and why it refused."""

    created: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def planned(root: Path) -> dict[Path, str]:
    """Every file of a new project, with its text."""
    project = Project(root)
    files = {
        project.topics_path: TOPICS,
        project.registry_path: REGISTRY,
        project.phrases_path: STARTER,
    }
    for name in schemas.SCHEMAS:
        files[project.schemas_dir / name] = schemas.render(name)
    files[root / ".pre-commit-config.yaml"] = PRE_COMMIT
    return files


def init(root: Path) -> InitResult:
    """Create a project at ``root``. Refuses if it has a topics file or source registry
    already; keeps any other file that exists (schemas, a pre-commit configuration)."""
    project = Project(root)
    show = project.display
    result = InitResult()
    for path in (project.topics_path, project.registry_path):
        if path.exists() or path.is_symlink():
            result.problems.append(exists(show(path)))
    if result.problems:
        return result
    for path, text in planned(root).items():
        if path.exists() or path.is_symlink():
            result.kept.append(path)
            continue
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conflict = write_atomic(path, text, expect=Snapshot(path, None), shown=show(path))
        except OSError as exc:  # the files written before it are listed, not hidden
            msg = f"cannot write: {exc.strerror or exc}; not created"
            result.problems.append(Problem(show(path), None, None, Code.WRITE_FAILED, msg))
            continue
        if conflict is not None:
            result.problems.append(conflict)
        else:
            result.created.append(path)
    return result
