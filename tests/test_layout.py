"""The package's layers, as the README's layout table gives them: a module imports
only from its own stage, from the stages above it, and from ``cleaner.errors``."""

from __future__ import annotations

import ast
from pathlib import Path

import cleaner

PACKAGE = Path(cleaner.__file__).resolve().parent
# Top to bottom, the order of the README's table; a stage may import those above it.
STAGES = [
    "errors",
    "io",
    "packs",
    "scan",
    "engine",
    "html",
    "api",
    "report",
    "batch",
    "learn",
    "ray_data",
    "integrations",
    "cli",
]
ENTRY_POINTS = {"__init__", "__main__"}  # the package's face: re-exports and `python -m cleaner`


def _stage(module: str) -> str:
    """``cleaner.engine.run`` -> ``engine``; ``cleaner.api`` -> ``api``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every ``cleaner.*`` module the file imports, lazily or not, with its line."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "cleaner":
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "cleaner"]
    return found


def test_every_module_belongs_to_a_stage() -> None:
    stages = {path.relative_to(PACKAGE).parts[0].removesuffix(".py") for path in PACKAGE.rglob("*.py")}
    assert stages - ENTRY_POINTS <= set(STAGES)


def test_imports_point_only_up_the_stages() -> None:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        own = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
        if own in ENTRY_POINTS:
            continue
        for line, module in _imports(path):
            target = _stage(module)
            if target != own and target not in STAGES[: STAGES.index(own)]:
                wrong.append(f"{path.relative_to(PACKAGE)}:{line}: {own} imports {module}")
    assert wrong == []
