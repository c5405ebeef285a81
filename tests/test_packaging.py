"""`pip install .` without extras serves every feature: what the service imports, it depends on.

Every third-party package that a module of ``talent/``, ``api/`` or ``models/`` imports must be
provided by a distribution in ``[project].dependencies``, not only by an extra. The one
exception is ``talent/charts.py``, the notebooks' font helper (matplotlib, ``notebooks`` extra).
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_ONLY = {ROOT / "talent" / "charts.py"}
OURS = {"talent", "api", "models"}


def _name(requirement: str) -> str:
    return re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _runtime_distributions() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {_name(r) for r in project["dependencies"]}


def _imported_roots() -> dict[str, set[str]]:
    roots: dict[str, set[str]] = {}
    for folder in OURS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path in NOTEBOOK_ONLY:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                    names = [node.module]
                for name in names:
                    root = name.split(".")[0]
                    if root not in sys.stdlib_module_names and root not in OURS:
                        roots.setdefault(root, set()).add(str(path.relative_to(ROOT)))
    return roots


def test_every_imported_package_is_a_runtime_dependency() -> None:
    provided_by = packages_distributions()
    runtime = _runtime_distributions()
    missing = {}
    for root, files in _imported_roots().items():
        distributions = {_name(d) for d in provided_by.get(root, [])}
        if not distributions & runtime:
            missing[root] = sorted(files)
    assert missing == {}, f"imported by the service but not in [project].dependencies: {missing}"


def test_the_check_sees_the_solver_and_the_web_stack() -> None:
    roots = _imported_roots()
    assert {"ortools", "fastapi", "sqlmodel", "openpyxl", "docx"} <= set(roots)
    assert "matplotlib" not in roots
