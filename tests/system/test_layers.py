"""The architecture, checked: which subsystem may import which, and where printing happens.

Each module belongs to one subsystem: its folder under ``treaty/``, or, for a top-level
module, the shared vocabulary (``model``, ``problems``, ``project``, ...) or the entry point.
Arrows run one way (README, "Development"); lazy imports inside functions count too.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import REPO

PACKAGE = REPO / "treaty"

VOCABULARY = "vocabulary"
ENTRY = ("main", "__main__")  # the program's entry point, above the command line

# What each subsystem may import besides itself. The vocabulary is below everything.
ALLOWED = {
    VOCABULARY: set(),
    "files": {VOCABULARY},
    "gitstate": {"files", VOCABULARY},
    "yaml": {"files", VOCABULARY},
    "check": {"yaml", "files", VOCABULARY},
    "cache": {"check", "yaml", "files", VOCABULARY},
    "index": {"cache", "check", "yaml", "files", VOCABULARY},
    "report": {"index", "cache", "check", "yaml", "files", VOCABULARY},
    "edit": {"cache", "check", "yaml", "files", VOCABULARY},
    "audit": {"report", "cache", "check", "files", VOCABULARY},
    "publish": {"report", "cache", "check", "files", VOCABULARY},
    "cli": {
        "publish",
        "edit",
        "audit",
        "report",
        "gitstate",
        "index",
        "cache",
        "check",
        "yaml",
        "files",
        VOCABULARY,
    },
    "main": {"cli", VOCABULARY},
}


def _module(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _subsystem(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return VOCABULARY  # treaty/__init__.py
    if (PACKAGE / parts[1]).is_dir():
        return parts[1]
    return "main" if parts[1] in ENTRY else VOCABULARY


def _imports(path: Path) -> Iterator[tuple[int, str]]:
    """(line, module) of every import of a treaty module, lazy ones included."""
    here = _module(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, a.name) for a in node.names if a.name.startswith("treaty"))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            if not base.startswith("treaty"):
                continue
            for alias in node.names:  # "from treaty import cache" names a module
                name = f"{base}.{alias.name}"
                is_module = (REPO / Path(*name.split("."))).with_suffix(".py").exists() or (
                    REPO / Path(*name.split("."))
                ).is_dir()
                yield node.lineno, name if is_module else base


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_the_top_level_is_a_small_vocabulary_and_the_rest_is_in_rooms() -> None:
    top = sorted(p.stem for p in PACKAGE.glob("*.py"))
    rooms = sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py"))
    assert len(top) <= 15, top
    assert set(rooms) >= {"files", "yaml", "check", "cache", "report", "edit", "cli"}, rooms
    assert set(ALLOWED) == {*rooms, VOCABULARY, "main"}  # every room has its arrows


def test_no_module_outgrows_its_room() -> None:
    """Split a module where the code shows a seam before it reaches 400 lines."""
    sizes = {str(p.relative_to(REPO)): len(p.read_text("utf-8").splitlines()) for p in _modules()}
    assert {path: n for path, n in sizes.items() if n > 400} == {}


def test_every_room_s_init_is_empty() -> None:
    """Importing a room loads nothing: ``treaty.cli.quick`` must not load typer, a warm
    validate neither pydantic nor YAML."""
    for room in sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py")):
        assert (PACKAGE / room / "__init__.py").read_text("utf-8").strip() == "", room


def test_imports_run_only_in_the_allowed_directions() -> None:
    wrong = []
    for path in _modules():
        here = _subsystem(_module(path))
        for line, target in _imports(path):
            there = _subsystem(target)
            if there != here and there not in ALLOWED[here]:
                wrong.append(f"{path.relative_to(REPO)}:{line}: {here} -> {there} ({target})")
    assert wrong == []


def test_the_import_graph_has_no_cycle() -> None:
    graph = {_module(p): {t for _, t in _imports(p)} for p in _modules()}
    state: dict[str, int] = {}  # 1: on the path, 2: done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if nxt == node or nxt not in graph:
                continue
            if state.get(nxt) == 1:
                raise AssertionError(" -> ".join([*path, node, nxt]))
            if nxt not in state:
                visit(nxt, [*path, node])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])


def _speaks(path: Path) -> list[str]:
    """Places that import typer, call print, or touch sys.stdout or sys.stderr."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Import) and any(
            a.name.split(".")[0] == "typer" for a in node.names
        ):
            found.append(f"{line}: import typer")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "typer":
            found.append(f"{line}: from typer")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id == "print":
                found.append(f"{line}: print")
        elif (
            isinstance(node, ast.Attribute)
            and node.attr in ("stdout", "stderr")
            and isinstance(node.value, ast.Name)
            and node.value.id == "sys"
        ):
            found.append(f"{line}: sys.{node.attr}")
    return found


def test_only_the_cli_and_the_entry_point_import_typer_or_print() -> None:
    wrong = {
        str(path.relative_to(REPO)): places
        for path in _modules()
        if _subsystem(_module(path)) not in ("cli", "main") and (places := _speaks(path))
    }
    assert wrong == {}


def test_the_boundary_check_sees_typer_print_and_the_standard_streams(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import sys\nimport typer\nfrom typer import echo\n"
        "def f():\n    print(1)\n    sys.stderr.write('x')\n"
    )
    assert sorted(_speaks(sample)) == [
        "2: import typer",
        "3: from typer",
        "5: print",
        "6: sys.stderr",
    ]


def test_the_arrow_check_reads_lazy_and_relative_imports(tmp_path: Path) -> None:
    sample = PACKAGE / "main.py"
    found = {target for _, target in _imports(sample)}
    assert "treaty.cli.app" in found  # imported inside main(), not at the top
