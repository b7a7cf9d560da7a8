"""Imports flow one way: web → services (course, progress, …) → store; ``labkit`` imports
nothing from the server side. This walks every import in the package (including ones
inside functions) and fails on an edge that goes up or sideways."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "la4ai"

# Higher may import lower, never the reverse; equal ranks may not import each other.
RANKS = {
    "__main__": 6,
    "cli": 5,
    "web": 4,
    "progress": 3,
    "workspaces": 3,
    "grading": 3,
    "tutor": 3,
    "runtime": 2,  # infrastructure: the grader (3) starts its checkers with it
    "course": 2,
    "store": 2,
    "settings": 1,
    "errors": 1,
    "__init__": 0,
}
STANDALONE = {"labkit"}  # imports only itself and third-party libraries; anyone may import it


def _part(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "la4ai":
        return None
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text("utf-8"))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def find_bad_imports(package: Path) -> list[str]:
    """Every import that breaks the layering, as 'file:line: a -> b'."""
    bad: list[str] = []
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package.parent).with_suffix("")
        here = _part(".".join(relative.parts))
        assert here is not None
        for line, target in _imports(path):
            there = _part(target)
            if there is None or there == here:
                continue
            if here in STANDALONE:
                allowed = False
            elif there in STANDALONE:
                allowed = True
            else:
                allowed = RANKS.get(there, 99) < RANKS.get(here, -1)
            if not allowed:
                bad.append(f"{path.relative_to(package.parent)}:{line}: {here} -> {there}")
    return bad


def test_imports_flow_down_only() -> None:
    assert find_bad_imports(PACKAGE) == []


def test_every_top_level_part_has_a_rank() -> None:
    parts = {
        p.stem if p.is_file() else p.name
        for p in PACKAGE.iterdir()
        if (p.suffix == ".py" or (p / "__init__.py").exists())
    }
    assert parts - set(RANKS) - STANDALONE == set()


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        target = root / "la4ai" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    return root / "la4ai"


def test_checker_rejects_an_upward_import(tmp_path: Path) -> None:
    package = _write(
        tmp_path,
        {
            "__init__.py": "",
            "store/__init__.py": "def f():\n    from la4ai.web import app\n",
            "web/__init__.py": "from la4ai.store import f\n",
        },
    )
    assert find_bad_imports(package) == ["la4ai/store/__init__.py:2: store -> web"]


def test_checker_rejects_server_imports_in_labkit_and_sideways_imports(tmp_path: Path) -> None:
    package = _write(
        tmp_path,
        {
            "__init__.py": "",
            "labkit/__init__.py": "import numpy\nimport la4ai.settings\n",
            "course/__init__.py": "from la4ai.store import db\n",
            "store/__init__.py": "",
            "settings.py": "",
        },
    )
    assert find_bad_imports(package) == [
        "la4ai/course/__init__.py:1: course -> store",
        "la4ai/labkit/__init__.py:2: labkit -> settings",
    ]
