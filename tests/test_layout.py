"""The package's layout holds: the result types depend on no stage, and no module imports itself in a loop."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "coverage"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}
MODEL = sorted(name for name in MODULES if name == "coverage.model" or name.startswith("coverage.model."))


def _top_level_imports(path: Path) -> set[str]:
    """The coverage modules a file imports when it is imported, or when a type checker reads it: statements at module
    level and under ``if TYPE_CHECKING:``, not the lazy imports inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()

    def visit(statements: list[ast.stmt]) -> None:
        for node in statements:
            if isinstance(node, ast.If):
                visit(node.body)
                visit(node.orelse)
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("coverage"):
                found.add(node.module)
                found.update(f"{node.module}.{a.name}" for a in node.names if f"{node.module}.{a.name}" in MODULES)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.startswith("coverage"))

    visit(tree.body)
    return {name for name in found if name in MODULES}


@pytest.mark.parametrize("module", MODEL)
def test_model_imports_no_stage(module: str) -> None:
    code = (
        f"import sys, {module}; "
        "print(sorted(m for m in sys.modules if m.startswith(('coverage.analysis', 'coverage.report', "
        "'coverage.ingest', 'coverage.evaluation', 'coverage.pipeline', 'coverage.cli'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_model_names_no_stage_even_for_types() -> None:
    for module in MODEL:
        outside = {m for m in _top_level_imports(MODULES[module]) if not m.startswith("coverage.model")}
        assert outside <= {"coverage._errors"}, (module, outside)


def test_no_import_loop() -> None:
    graph = {name: _top_level_imports(path) - {name} for name, path in MODULES.items()}
    graph["coverage"] = set()  # the package's names are resolved lazily; its TYPE_CHECKING block names everything
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                raise AssertionError("import loop: " + " -> ".join([*stack[stack.index(target) :], target]))
            if target not in state:
                visit(target)
        stack.pop()
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name)
