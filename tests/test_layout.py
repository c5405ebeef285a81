"""The layout holds: no import circles in talent/, domains import one way, pure modules stay pure.

Read from the source with ``ast`` (every import, including those inside functions, which is
where a circle likes to hide), so nothing is imported to check it.

Domains import one way: roster <- mentoring <- matching <- reserve <- demo. The platform
(audit, config, db, errors, security, users, migrate, charts) imports no domain; ``cli``
and ``migrations`` sit on top. A pure module (arrays and plain records, no session)
imports neither ``talent.db``, SQLAlchemy nor a use case: only ``talent.errors``, other
pure modules and ``models``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parent.parent
TALENT = ROOT / "talent"

DOMAINS = ("roster", "mentoring", "matching", "reserve", "demo")
"""In import order: each may import those before it, never those after."""

PLATFORM = {
    "accounts",
    "audit",
    "charts",
    "clock",
    "config",
    "db",
    "errors",
    "migrate",
    "security",
    "users",
}
ON_TOP = {"cli", "migrations"}

PURE = {
    "talent.matching.assignment",
    "talent.matching.forcing",
    "talent.matching.graph",
    "talent.matching.rules",
    "talent.matching.scoring",
    "talent.matching.weights_fit",
    "talent.mentoring.report_export",
    "talent.reserve.eligibility",
    "talent.reserve.ninebox",
    "talent.reserve.periods",
    "talent.reserve.policy",
    "talent.reserve.readiness",
    "talent.reserve.star",
    "talent.reserve.succession",
    *(
        f"talent.roster.spreadsheet.{p.stem}".removesuffix(".__init__")
        for p in (TALENT / "roster" / "spreadsheet").glob("*.py")
    ),
}
PURE_MAY_IMPORT = {"talent", "talent.errors"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(TALENT.rglob("*.py"))}


def imports_of(name: str) -> set[str]:
    """The talent modules ``name`` imports (a package's ``from pkg import mod`` is ``pkg.mod``)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {m for m in found if m in MODULES and m != name}


def third_party_of(name: str) -> set[str]:
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            roots.add(node.module.split(".")[0])
    return roots


GRAPH = nx.DiGraph((name, target) for name in MODULES for target in imports_of(name))
GRAPH.add_nodes_from(MODULES)


def area(name: str) -> str:
    """The domain, ``platform`` or on-top part a module belongs to."""
    parts = name.split(".")
    if len(parts) == 1:
        return "package"
    head = parts[1]
    if head in DOMAINS or head in ON_TOP:
        return head
    assert head in PLATFORM, f"{name}: talent/ holds a module outside the layout"
    return "platform"


def test_the_reader_sees_the_imports() -> None:
    """The checks below mean something only if the reader finds real edges."""
    assert "talent.matching.rules" in GRAPH["talent.matching.runs"]
    assert "talent.roster.skill_levels" in GRAPH["talent.mentoring.goals"]
    assert "talent.audit" in GRAPH["talent.roster.people"]


def test_no_import_circles_in_talent() -> None:
    circles = [sorted(c) for c in nx.strongly_connected_components(GRAPH) if len(c) > 1]
    assert circles == [], f"import circles: {circles}"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_flow_one_way(name: str) -> None:
    here = area(name)
    for target in sorted(GRAPH[name]):
        there = area(target)
        if there in ("package", "platform") and here != "platform":
            continue
        if here in ON_TOP or there == here:
            continue
        if here == "platform":
            assert there in ("package", "platform"), f"platform {name} imports {target}"
            continue
        assert there in DOMAINS, f"{name} imports {target} ({there})"
        assert DOMAINS.index(there) < DOMAINS.index(here), (
            f"{name} ({here}) imports {target} ({there}): domains import " + " <- ".join(DOMAINS)
        )


@pytest.mark.parametrize("name", sorted(PURE))
def test_pure_modules_stay_pure(name: str) -> None:
    assert name in MODULES, f"{name} is listed as pure but does not exist"
    impure = sorted(t for t in GRAPH[name] if t not in PURE and t not in PURE_MAY_IMPORT)
    assert impure == [], f"pure {name} imports {impure}"
    assert not third_party_of(name) & {"sqlalchemy", "sqlmodel"}, f"pure {name} uses a session"


def test_talent_top_level_and_folder_sizes() -> None:
    top = sorted(p.name for p in TALENT.glob("*.py"))
    assert len(top) <= 10, top
    for folder in [p for p in TALENT.rglob("*") if p.is_dir() and p.name != "__pycache__"]:
        modules = list(folder.glob("*.py"))
        assert len(modules) <= 20, f"{folder} holds {len(modules)} modules"
