"""Every /api/v1 JSON response is documented by a declared schema, not a bare ``dict``.

``/openapi.json`` is what clients and the docs page read: a route typed ``-> dict`` (or
``-> Any``) shows up there as ``{"type": "object"}`` with nothing inside, and a client
learns nothing about its fields. The walk below follows every 2xx JSON response through
``$ref``s, unions, list items and object properties, and fails on an object with neither
properties nor typed values, or on a schema that says nothing at all (``{}``). Maps with
a typed value (``breakdown: {feature: contribution}``, ``weights: dict[str, float]``) are
declared: their keys are data, their values have a schema.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from api.main import API_PREFIX, create_app

SCALARS = {"string", "integer", "number", "boolean", "null"}

FREE_FORM = {
    ("AuditEventPublic", "before"): "any JSON snapshot of the audited row",
    ("AuditEventPublic", "after"): "any JSON snapshot of the audited row",
    ("RunPublic", "certificate"): "the solver's stored certificate (a JSON column)",
}
"""Fields that are free-form JSON by design, by (schema, field): what they hold."""


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return create_app().openapi()


def _responses(spec: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(``"GET /api/v1/... 200"``, JSON schema) of every 2xx JSON response under /api/v1."""
    for path, operations in spec["paths"].items():
        if not path.startswith(API_PREFIX):
            continue
        for method, operation in operations.items():
            for status, response in operation.get("responses", {}).items():
                if not status.startswith("2"):
                    continue
                body = response.get("content", {}).get("application/json")
                if body is not None:
                    yield f"{method.upper()} {path} {status}", body.get("schema", {})


def _undeclared(
    spec: dict[str, Any],
    schema: dict[str, Any],
    where: str,
    component: str | None = None,
    seen: frozenset[str] = frozenset(),
) -> list[str]:
    """Where under ``schema`` something is not declared (empty when all is).

    ``component`` is the named schema whose properties are being walked, for FREE_FORM.
    """
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        if name in seen:  # a recursive schema (a tree) is checked once
            return []
        target = spec["components"]["schemas"][name]
        return _undeclared(spec, target, f"{where} -> {name}", name, seen | {name})
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            return [
                problem
                for k, branch in enumerate(schema[key])
                for problem in _undeclared(spec, branch, f"{where} ({key} {k})", None, seen)
            ]
    kind = schema.get("type")
    if kind in SCALARS or "const" in schema or "enum" in schema:
        return []
    if kind == "array":
        items = [schema["items"]] if "items" in schema else schema.get("prefixItems", [])
        if not items:
            return [f"{where}: a list of anything"]
        return [p for item in items for p in _undeclared(spec, item, f"{where}[]", None, seen)]
    properties = schema.get("properties")
    values = schema.get("additionalProperties")
    if properties:
        return [
            problem
            for field, sub in properties.items()
            if (component, field) not in FREE_FORM
            for problem in _undeclared(spec, sub, f"{where}.{field}", None, seen)
        ]
    if isinstance(values, dict) and values:
        return _undeclared(spec, values, f"{where}{{key: ...}}", None, seen)
    return [f"{where}: free-form {schema}"]


def test_every_json_response_has_a_declared_schema(spec: dict[str, Any]) -> None:
    found = list(_responses(spec))
    assert len(found) > 50, "the walk should see every /api/v1 route"
    problems = [p for where, schema in found for p in _undeclared(spec, schema, where)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("path", "schema"),
    [
        ("/graph", "GraphPublic"),
        ("/graph/chains", "UnitChainStats"),
        ("/people/{person_id}/mentoring-tree", "MentoringTree"),
        ("/reserve/composition", "PoolComposition"),
        ("/reserve/review-pack", "ReviewPack"),
        ("/reserve/compare", "Comparison"),
        ("/reserve/ninebox", "NineBoxGrid"),
        ("/reserve/stars", "StarPublic"),
        ("/reserve/policy", "PolicyInForce"),
        ("/reserve/key-posts/{post_id}/suggestions", "BackupSuggestion"),
        ("/reserve/succession", "SuccessionReport"),
    ],
)
def test_reports_name_their_schema(spec: dict[str, Any], path: str, schema: str) -> None:
    """The reports that used to be bare dicts name a component schema (or a list of it)."""
    body = spec["paths"][API_PREFIX + path]["get"]["responses"]["200"]["content"]
    shown = body["application/json"]["schema"]
    shown = shown.get("items", shown)
    assert shown == {"$ref": f"#/components/schemas/{schema}"}


def test_skill_coverage_documents_both_shapes(spec: dict[str, Any]) -> None:
    body = spec["paths"][f"{API_PREFIX}/graph/skill-coverage"]["get"]["responses"]["200"]
    branches = body["content"]["application/json"]["schema"]["anyOf"]
    assert [b["items"]["$ref"].rsplit("/", 1)[1] for b in branches] == [
        "UnitSkillCoverage",
        "SkillCoverage",
    ]


def test_graph_nodes_and_links_are_tagged_by_kind(spec: dict[str, Any]) -> None:
    """Each node and link kind has its own fields, picked by ``kind``: a person node has a
    tier, a unit node has none; a ``related`` link has a weight, a ``member`` link none."""
    components = spec["components"]["schemas"]
    graph = components["GraphPublic"]["properties"]
    nodes, links = graph["nodes"]["items"], graph["links"]["items"]
    assert set(nodes["discriminator"]["mapping"]) == {"unit", "person", "skill"}
    assert set(links["discriminator"]["mapping"]) == {
        "part_of",
        "member",
        "has_skill",
        "subskill_of",
        "related",
        "mentors",
    }
    assert "tier" in components["GraphPersonNode"]["properties"]
    assert "tier" not in components["GraphUnitNode"]["properties"]
    assert "weight" in components["RelatedLink"]["properties"]
    assert "weight" not in components["MemberLink"]["properties"]
