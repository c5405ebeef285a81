"""The skills graph: people, skills and units, and what hangs between them.

Built with networkx from plain rows (no session here), it serves three things:

- graph-aware skill fit, through :func:`skill_proximity` (used by
  :func:`talent.matching.scoring.pair_features`);
- the mentoring chains: :func:`mentoring_tree` for one person and :func:`chain_stats`
  per unit;
- skill coverage per unit, with a risk flag: :func:`skill_coverage`;

and :func:`graph_payload` draws it.

Notes
-----
**Graph.** A ``networkx.MultiDiGraph`` with string node ids ``"unit:5"``,
``"person:12"``, ``"skill:3"`` and attribute ``kind`` (``unit``, ``person``, ``skill``).
Edges carry ``kind`` (also their key): ``part_of`` (department -> court), ``member``
(person -> unit), ``has_skill`` (person -> skill, ``level``, ``target_level``),
``subskill_of`` (skill -> parent skill), ``related`` (skill -> skill, ``weight``;
undirected in meaning, stored once) and ``mentors`` (mentor -> mentee, ``link`` "1-2"
or "2-3", active pairings only). Every unit and person node knows its ``court_id``: the
first unit up the tree that is not a department. Inactive people stay in the graph
(flag ``active``) but never count as holders, mentors or mentees.

**Skill proximity.** Skills are joined by relation edges (weight ``w`` in ``[0, 1]``)
and by taxonomy edges between a skill and its parent (weight ``parent_weight``); two
siblings are two taxonomy edges apart, through their parent. How much holding ``t``
covers ``s`` is the best path between them::

    P[s, t] = max over paths s = v0, v1, ..., vL = t of  decay**(L - 1) * prod_k w(v_k-1, v_k)

with ``P[s, s] = 1`` and ``P[s, t] = 0`` when no path joins them. Every factor is at
most 1, so longer paths never help unless their weights are higher, and the max-product
Floyd-Warshall recursion is exact: with ``Q = decay * W``,
``Q <- max(Q, Q[:, k] Q[k, :])`` for every ``k``, then ``P = Q / decay`` off the
diagonal. ``P`` is symmetric and in ``[0, 1]``. With the defaults (``parent_weight =
0.5``, ``decay = 0.8``) a parent or child covers 0.5, a sibling 0.2, a related skill its
relation weight.

**Skill fit** (computed in :mod:`talent.matching.scoring`). A mentor ``j`` covers skill ``s``
with ``cover_js = max_t P[s, t] * level_jt``; a mentee ``i`` with gaps
``gap_is = max(0, target_is - level_is)`` gets
``skill_fit = sum_s gap_is * clip((cover_js - level_is) / gap_is, 0, 1) / sum_s gap_is``.

**Chains.** A tier-3 person is in a complete chain when their active 2-3 mentor has an
active 1-2 mentor; a tier-2 person is when they have an active 1-2 mentor and mentor at
least one active tier-3 person. Mentoring edges count only between active people.

**Coverage and roll-up.** A unit's people are those attached to it directly and those
in the departments under it: a court's figures include its departments (a department's
do not include the court's own staff). A basic court under the intermediate court is a
court of its own, so it does not roll up into the intermediate court; a report scoped
to the intermediate court lists every court under it, each with its own figures.

A skill is listed for a unit when at least one of its active people holds or aims for
it (a level or a target above 0); its holders are the active people at level
``>= threshold``, and it is at risk when there are fewer than ``min_holders``: nobody
to cover the post when one is away, nobody to teach it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NotRequired, TypedDict

import networkx as nx
import numpy as np

from talent.errors import NotFound

__all__ = [
    "ChainStatsRow",
    "GraphLinkRow",
    "GraphNodeRow",
    "GraphPayload",
    "HoldingRow",
    "PairingRow",
    "PersonRow",
    "PersonSummary",
    "RelationRow",
    "SkillCoverageRow",
    "SkillRow",
    "TreeRow",
    "UnitRow",
    "UnitSkillCoverageRow",
    "UnitSummary",
    "build_graph",
    "chain_stats",
    "graph_payload",
    "mentoring_tree",
    "skill_coverage",
    "skill_coverage_by_skill",
    "skill_proximity",
]

DEPARTMENT = "department"
SENIOR_YOUNG = "1-2"
YOUNG_CLERK = "2-3"


@dataclass(frozen=True)
class UnitRow:
    id: int
    name: str
    kind: str
    parent_id: int | None


@dataclass(frozen=True)
class PersonRow:
    id: int
    name: str
    unit_id: int
    tier: int
    active: bool


@dataclass(frozen=True)
class SkillRow:
    id: int
    code: str
    name: str
    parent_id: int | None


@dataclass(frozen=True)
class HoldingRow:
    person_id: int
    skill_id: int
    level: int
    target_level: int | None


@dataclass(frozen=True)
class RelationRow:
    a: int
    b: int
    weight: float


@dataclass(frozen=True)
class PairingRow:
    mentor_id: int
    mentee_id: int
    link: str


# --- what the functions below return: plain dicts, ready for JSON ---------------------------
# (the wire schemas of the same shapes are in models.graph_schemas)
class PersonSummary(TypedDict):
    id: int
    name: str
    tier: int
    unit_id: int
    court_id: int
    active: bool


class TreeRow(TypedDict):
    person: PersonSummary
    link: str | None
    mentees: list[TreeRow]


class UnitSummary(TypedDict):
    unit_id: int
    unit_name: str
    unit_kind: str
    court_id: int


class ChainStatsRow(UnitSummary):
    tier2: int
    tier2_in_chain: int
    tier3: int
    tier3_in_chain: int


class UnitSkillCoverageRow(UnitSummary):
    skill_id: int
    skill_code: str
    skill_name: str
    people: int
    holders: int
    holder_ids: list[int]
    at_risk: bool


class SkillCoverageRow(TypedDict):
    skill_id: int
    skill_code: str
    skill_name: str
    people: int
    holders: int
    holder_ids: list[int]
    at_risk: bool
    units: int
    units_at_risk: list[int]


class GraphNodeRow(TypedDict):
    """A node to draw: ``id``, ``kind``, ``label`` and the fields of its kind only."""

    id: str
    kind: str
    label: str
    unit_id: NotRequired[int]  # unit, person
    unit_kind: NotRequired[str]  # unit
    parent_id: NotRequired[int | None]  # unit, skill
    court_id: NotRequired[int]  # unit, person
    person_id: NotRequired[int]  # person
    tier: NotRequired[int]  # person
    skill_id: NotRequired[int]  # skill
    code: NotRequired[str]  # skill


class GraphLinkRow(TypedDict):
    """A link to draw: ``source``, ``target``, ``kind`` and the attributes of its kind only."""

    source: str
    target: str
    kind: str
    level: NotRequired[int]  # has_skill
    target_level: NotRequired[int | None]  # has_skill
    weight: NotRequired[float]  # related
    link: NotRequired[str]  # mentors


class GraphPayload(TypedDict):
    nodes: list[GraphNodeRow]
    links: list[GraphLinkRow]


def unit_node(unit_id: int) -> str:
    return f"unit:{unit_id}"


def person_node(person_id: int) -> str:
    return f"person:{person_id}"


def skill_node(skill_id: int) -> str:
    return f"skill:{skill_id}"


# --- proximity ---------------------------------------------------------------------------
def skill_proximity(
    skills: Sequence[SkillRow],
    relations: Iterable[RelationRow],
    *,
    parent_weight: float = 0.5,
    decay: float = 0.8,
) -> np.ndarray:
    """How much holding one skill covers another, over relations and the taxonomy.

    Parameters
    ----------
    skills : sequence of SkillRow
        Rows and columns of the result follow this order.
    relations : iterable of RelationRow
        Undirected weighted relations; the highest weight counts for a repeated pair.
    parent_weight : float, default 0.5
        Weight of the edge between a skill and its parent, in ``[0, 1]``.
    decay : float, default 0.8
        Factor per edge beyond the first, in ``(0, 1]``.

    Returns
    -------
    ndarray of float64, shape (n_skills, n_skills)
        ``P[s, t]``: symmetric, in ``[0, 1]``, ``P[s, s] = 1``.

    Raises
    ------
    ValueError
        On a weight outside ``[0, 1]``, a decay outside ``(0, 1]``, or a relation or
        parent naming a skill that is not in ``skills``.

    Notes
    -----
    Max-product paths (module Notes), by Floyd-Warshall in ``O(n_skills ** 3)``: a few
    milliseconds for a taxonomy of a hundred skills.

    Examples
    --------
    >>> skills = [SkillRow(1, "trial", "审判", None), SkillRow(2, "civil", "民事审判", 1),
    ...           SkillRow(3, "commercial", "商事审判", 1)]
    >>> skill_proximity(skills, [RelationRow(2, 3, 0.7)]).round(2).tolist()
    [[1.0, 0.5, 0.5], [0.5, 1.0, 0.7], [0.5, 0.7, 1.0]]
    """
    if not 0.0 <= parent_weight <= 1.0:
        raise ValueError(f"parent_weight must be in [0, 1], got {parent_weight}")
    if not 0.0 < decay <= 1.0:
        raise ValueError(f"decay must be in (0, 1], got {decay}")
    position = {skill.id: k for k, skill in enumerate(skills)}
    n = len(skills)
    weight = np.zeros((n, n), dtype=np.float64)

    def join(a: int, b: int, w: float, what: str) -> None:
        if a not in position or b not in position:
            missing = a if a not in position else b
            raise ValueError(f"{what} names skill {missing}, which is not among the skills")
        if not 0.0 <= w <= 1.0:
            raise ValueError(f"{what} {a}-{b} has weight {w}, outside [0, 1]")
        i, j = position[a], position[b]
        if i != j:
            weight[i, j] = weight[j, i] = max(weight[i, j], w)

    for skill in skills:
        if skill.parent_id is not None:
            join(skill.id, skill.parent_id, parent_weight, "parent of skill")
    for relation in relations:
        join(relation.a, relation.b, float(relation.weight), "relation")

    best = weight * decay
    for k in range(n):
        np.maximum(best, np.multiply.outer(best[:, k], best[k, :]), out=best)
    proximity = best / decay
    np.fill_diagonal(proximity, 1.0)
    return np.clip(proximity, 0.0, 1.0)


# --- the graph ---------------------------------------------------------------------------
def build_graph(
    units: Iterable[UnitRow],
    people: Iterable[PersonRow],
    skills: Iterable[SkillRow],
    holdings: Iterable[HoldingRow],
    relations: Iterable[RelationRow],
    pairings: Iterable[PairingRow],
) -> nx.MultiDiGraph:
    """The skills graph from plain rows (see the module Notes for its shape).

    Parameters
    ----------
    units, people, skills, holdings, relations : iterables of rows
    pairings : iterable of PairingRow
        Active pairings only; ``link`` is ``"1-2"`` or ``"2-3"``.

    Returns
    -------
    networkx.MultiDiGraph

    Raises
    ------
    ValueError
        When a row refers to a unit, person or skill that is not given, or a pairing
        has another link.
    """
    graph: nx.MultiDiGraph = nx.MultiDiGraph()
    unit_rows = {unit.id: unit for unit in units}
    for unit in unit_rows.values():
        graph.add_node(
            unit_node(unit.id),
            kind="unit",
            unit_id=unit.id,
            name=unit.name,
            unit_kind=str(unit.kind),
            parent_id=unit.parent_id,
            court_id=_court_of(unit.id, unit_rows),
        )
    for unit in unit_rows.values():
        if unit.parent_id is not None:
            _link(graph, unit_node(unit.id), unit_node(unit.parent_id), "part_of")

    for person in people:
        home = _node(graph, unit_node(person.unit_id), f"person {person.id}")
        graph.add_node(
            person_node(person.id),
            kind="person",
            person_id=person.id,
            name=person.name,
            unit_id=person.unit_id,
            court_id=home["court_id"],
            tier=int(person.tier),
            active=bool(person.active),
        )
        _link(graph, person_node(person.id), unit_node(person.unit_id), "member")

    skill_rows = list(skills)
    for skill in skill_rows:
        graph.add_node(
            skill_node(skill.id),
            kind="skill",
            skill_id=skill.id,
            code=skill.code,
            name=skill.name,
            parent_id=skill.parent_id,
        )
    for skill in skill_rows:
        if skill.parent_id is not None:
            _link(graph, skill_node(skill.id), skill_node(skill.parent_id), "subskill_of")
    for relation in relations:
        a, b = sorted((relation.a, relation.b))
        _link(graph, skill_node(a), skill_node(b), "related", weight=float(relation.weight))
    for holding in holdings:
        target = holding.target_level
        _link(
            graph,
            person_node(holding.person_id),
            skill_node(holding.skill_id),
            "has_skill",
            level=int(holding.level),
            target_level=None if target is None else int(target),
        )
    for pairing in pairings:
        link = str(pairing.link)
        if link not in (SENIOR_YOUNG, YOUNG_CLERK):
            raise ValueError(f"pairing {pairing.mentor_id}->{pairing.mentee_id} has link {link!r}")
        _link(
            graph,
            person_node(pairing.mentor_id),
            person_node(pairing.mentee_id),
            "mentors",
            link=link,
        )
    return graph


def _court_of(unit_id: int, units: dict[int, UnitRow]) -> int:
    seen = set()
    current = units[unit_id]
    while str(current.kind) == DEPARTMENT and current.parent_id in units:
        if current.id in seen:
            raise ValueError(f"unit {unit_id} sits in a cycle of departments")
        seen.add(current.id)
        current = units[current.parent_id]
    return current.id


def _node(graph: nx.MultiDiGraph, node: str, referrer: str) -> dict[str, Any]:
    """The node's attributes; ValueError naming the referrer when it is not given."""
    if node not in graph:
        raise ValueError(f"{referrer} refers to {node}, which is not given")
    return graph.nodes[node]


def _link(
    graph: nx.MultiDiGraph, source: str, target: str, kind: str, **attributes: object
) -> None:
    """An edge keyed and labelled by its kind, between two nodes that must exist."""
    _node(graph, source, f"a {kind} edge")
    _node(graph, target, f"a {kind} edge")
    graph.add_edge(source, target, kind, kind=kind, **attributes)


# --- chains ------------------------------------------------------------------------------
def _active_person(graph: nx.MultiDiGraph, node: str) -> bool:
    data = graph.nodes[node]
    return data.get("kind") == "person" and bool(data.get("active"))


def _mentees(graph: nx.MultiDiGraph, node: str, link: str | None = None) -> list[str]:
    """Active mentees of an active mentor, by id."""
    if not _active_person(graph, node):
        return []
    found = {
        mentee
        for _, mentee, data in graph.out_edges(node, data=True)
        if data["kind"] == "mentors"
        and (link is None or data["link"] == link)
        and _active_person(graph, mentee)
    }
    return sorted(found, key=lambda n: graph.nodes[n]["person_id"])


def _mentors(graph: nx.MultiDiGraph, node: str, link: str) -> list[str]:
    """Active mentors of an active mentee on a link, by id."""
    if not _active_person(graph, node):
        return []
    found = {
        mentor
        for mentor, _, data in graph.in_edges(node, data=True)
        if data["kind"] == "mentors" and data["link"] == link and _active_person(graph, mentor)
    }
    return sorted(found, key=lambda n: graph.nodes[n]["person_id"])


def _person_summary(graph: nx.MultiDiGraph, node: str) -> PersonSummary:
    data = graph.nodes[node]
    return {
        "id": data["person_id"],
        "name": data["name"],
        "tier": data["tier"],
        "unit_id": data["unit_id"],
        "court_id": data["court_id"],
        "active": data["active"],
    }


def mentoring_tree(graph: nx.MultiDiGraph, person_id: int) -> TreeRow:
    """A person's mentees and their mentees, as nested dicts.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        From :func:`build_graph`.
    person_id : int

    Returns
    -------
    TreeRow
        ``{"person": {id, name, tier, unit_id, court_id, active}, "link": None,
        "mentees": [{"person": ..., "link": "1-2", "mentees": [...]}, ...]}``, mentees
        by id. For a senior judge this is the whole chain, tier 1 -> 2 -> 3.

    Raises
    ------
    talent.errors.NotFound
        When the person is not in the graph.
    """
    root = person_node(person_id)
    if root not in graph or graph.nodes[root].get("kind") != "person":
        raise NotFound("person", person_id)

    def subtree(node: str, link: str | None, path: frozenset[str]) -> TreeRow:
        children = [
            subtree(mentee, _link_between(graph, node, mentee), path | {mentee})
            for mentee in _mentees(graph, node)
            if mentee not in path
        ]
        return {"person": _person_summary(graph, node), "link": link, "mentees": children}

    return subtree(root, None, frozenset({root}))


def _link_between(graph: nx.MultiDiGraph, mentor: str, mentee: str) -> str:
    return graph.edges[mentor, mentee, "mentors"]["link"]


def _in_complete_chain(graph: nx.MultiDiGraph, node: str) -> bool:
    tier = graph.nodes[node]["tier"]
    if tier == 3:
        return any(
            _mentors(graph, mentor, SENIOR_YOUNG) for mentor in _mentors(graph, node, YOUNG_CLERK)
        )
    if tier == 2:
        return bool(_mentors(graph, node, SENIOR_YOUNG)) and bool(
            _mentees(graph, node, YOUNG_CLERK)
        )
    return False


def _units_in_scope(
    graph: nx.MultiDiGraph, unit_id: int | None, subordinate_courts: bool = False
) -> list[str]:
    """Units to report, courts before their departments, by id; NotFound if unknown.

    A unit's scope is itself and its own departments; the courts under it (and theirs)
    only with ``subordinate_courts``, as :func:`talent.roster.units.units_in_scope`.
    """
    units = [n for n, data in graph.nodes(data=True) if data.get("kind") == "unit"]
    if unit_id is not None:
        root = unit_node(unit_id)
        if root not in graph or graph.nodes[root].get("kind") != "unit":
            raise NotFound("unit", unit_id)
        tree = _unit_tree(graph)
        below = {root} | (nx.ancestors(tree, root) if root in tree else set())
        if not subordinate_courts:
            court = graph.nodes[root]["court_id"]
            below = {n for n in below if graph.nodes[n]["court_id"] == court}
        units = [n for n in units if n in below]

    def key(node: str) -> tuple[int, int, int]:
        data = graph.nodes[node]
        is_department = int(data["unit_id"] != data["court_id"])
        return (data["court_id"], is_department, data["unit_id"])

    return sorted(units, key=key)


def _unit_tree(graph: nx.MultiDiGraph) -> nx.DiGraph:
    """Units only, edges child -> parent."""
    tree: nx.DiGraph = nx.DiGraph()
    for u, v, data in graph.edges(data=True):
        if data["kind"] == "part_of":
            tree.add_edge(u, v)
    return tree


def _people_of(graph: nx.MultiDiGraph, units: list[str]) -> dict[str, list[str]]:
    """Active people per unit, with those of the departments under it in the same court.

    A basic court under the intermediate court is a court of its own: its people roll up
    to it, not to the intermediate court.
    """
    tree = _unit_tree(graph)
    people: dict[str, list[str]] = {}
    for unit in units:
        court = graph.nodes[unit]["court_id"]
        below = nx.ancestors(tree, unit) if unit in tree else set()
        covered = {unit} | {u for u in below if graph.nodes[u]["court_id"] == court}
        people[unit] = sorted(
            (
                person
                for member in covered
                for person, _, data in graph.in_edges(member, data=True)
                if data["kind"] == "member" and _active_person(graph, person)
            ),
            key=lambda n: graph.nodes[n]["person_id"],
        )
    return people


def _unit_summary(graph: nx.MultiDiGraph, unit: str) -> UnitSummary:
    data = graph.nodes[unit]
    return {
        "unit_id": data["unit_id"],
        "unit_name": data["name"],
        "unit_kind": data["unit_kind"],
        "court_id": data["court_id"],
    }


def chain_stats(
    graph: nx.MultiDiGraph, unit_id: int | None = None, *, subordinate_courts: bool = False
) -> list[ChainStatsRow]:
    """Per unit, how many tier-2 and tier-3 people sit in a complete chain.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        From :func:`build_graph`.
    unit_id : int, optional
        Report this unit and its departments (with ``subordinate_courts``, the courts
        under it too); all units by default.

    Returns
    -------
    list of ChainStatsRow
        One row per unit, courts before their departments, by id: ``unit_id``,
        ``unit_name``, ``unit_kind``, ``court_id``, ``tier2``, ``tier2_in_chain``,
        ``tier3``, ``tier3_in_chain``. A court's counts include its departments.

    Raises
    ------
    talent.errors.NotFound
        When ``unit_id`` is not in the graph.

    Notes
    -----
    Complete chain as in the module Notes; only active people are counted.
    """
    units = _units_in_scope(graph, unit_id, subordinate_courts)
    people = _people_of(graph, units)
    in_chain: dict[str, bool] = {}
    rows: list[ChainStatsRow] = []
    for unit in units:
        counts = {"tier2": 0, "tier2_in_chain": 0, "tier3": 0, "tier3_in_chain": 0}
        for person in people[unit]:
            tier = graph.nodes[person]["tier"]
            if tier not in (2, 3):
                continue
            if person not in in_chain:
                in_chain[person] = _in_complete_chain(graph, person)
            counts[f"tier{tier}"] += 1
            counts[f"tier{tier}_in_chain"] += int(in_chain[person])
        rows.append(
            {
                **_unit_summary(graph, unit),
                "tier2": counts["tier2"],
                "tier2_in_chain": counts["tier2_in_chain"],
                "tier3": counts["tier3"],
                "tier3_in_chain": counts["tier3_in_chain"],
            }
        )
    return rows


# --- coverage ----------------------------------------------------------------------------
def skill_coverage(
    graph: nx.MultiDiGraph,
    unit_id: int | None = None,
    threshold: int = 3,
    min_holders: int = 2,
    *,
    subordinate_courts: bool = False,
) -> list[UnitSkillCoverageRow]:
    """Per unit and skill in use there, who holds it at ``threshold`` or above.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        From :func:`build_graph`.
    unit_id : int, optional
        Report this unit and its departments (with ``subordinate_courts``, the courts
        under it too); all units by default.
    threshold : int, default 3
        The level from which a person holds a skill well enough to cover and teach it.
    min_holders : int, default 2
        Fewer holders than this puts the skill at risk in that unit.

    Returns
    -------
    list of UnitSkillCoverageRow
        Rows ordered by unit (courts before their departments) then skill id:
        ``unit_id``, ``unit_name``, ``unit_kind``, ``court_id``, ``skill_id``,
        ``skill_code``, ``skill_name``, ``people`` (active people with the skill at
        any level or target), ``holders``, ``holder_ids`` and ``at_risk``
        (``holders < min_holders``).

    Raises
    ------
    talent.errors.NotFound
        When ``unit_id`` is not in the graph.

    Notes
    -----
    Roll-up and "in use" as in the module Notes.
    """
    units = _units_in_scope(graph, unit_id, subordinate_courts)
    people = _people_of(graph, units)
    rows: list[UnitSkillCoverageRow] = []
    for unit in units:
        in_use, holders = _holdings(graph, people[unit], threshold)
        for skill in sorted(in_use, key=lambda n: graph.nodes[n]["skill_id"]):
            skill_data = graph.nodes[skill]
            holder_ids = sorted(holders[skill])
            rows.append(
                {
                    **_unit_summary(graph, unit),
                    "skill_id": skill_data["skill_id"],
                    "skill_code": skill_data["code"],
                    "skill_name": skill_data["name"],
                    "people": in_use[skill],
                    "holders": len(holder_ids),
                    "holder_ids": holder_ids,
                    "at_risk": len(holder_ids) < min_holders,
                }
            )
    return rows


def _holdings(
    graph: nx.MultiDiGraph, people: Iterable[str], threshold: int
) -> tuple[dict[str, int], dict[str, list[int]]]:
    """Per skill node in use among ``people``: how many use it, and who holds it well."""
    in_use: dict[str, int] = {}
    holders: dict[str, list[int]] = {}
    for person in people:
        for _, skill, data in graph.out_edges(person, data=True):
            if data["kind"] != "has_skill":
                continue
            level, target = data["level"], data["target_level"] or 0
            if level <= 0 and target <= 0:
                continue
            in_use[skill] = in_use.get(skill, 0) + 1
            holders.setdefault(skill, [])
            if level >= threshold:
                holders[skill].append(graph.nodes[person]["person_id"])
    return in_use, holders


def skill_coverage_by_skill(
    graph: nx.MultiDiGraph,
    unit_id: int | None = None,
    threshold: int = 3,
    min_holders: int = 2,
    *,
    subordinate_courts: bool = False,
) -> list[SkillCoverageRow]:
    """Per skill, the coverage of a whole scope: the system, or a unit and those under it.

    The roll-up a planner reads before the per-unit detail of :func:`skill_coverage`:
    which skills too few people hold anywhere in scope (``at_risk``), and in how many
    units a skill in use is at risk locally even where the system as a whole has enough.

    Returns
    -------
    list of SkillCoverageRow
        One row per skill in use in scope, by skill id: ``skill_id``, ``skill_code``,
        ``skill_name``, ``people`` (active people in scope with the skill at any level or
        target), ``holders`` (at ``threshold`` or above), ``holder_ids``, ``at_risk``
        (``holders < min_holders`` in the whole scope), ``units`` (units where it is in
        use) and ``units_at_risk`` (their ids where it is at risk, as in
        :func:`skill_coverage`).

    Notes
    -----
    Everyone in scope counts once: the people of every unit in scope (a court's own
    staff and its departments', and with ``subordinate_courts`` those of the courts under
    it), whatever the roll-up of the per-unit rows.
    """
    per_unit = skill_coverage(
        graph,
        unit_id,
        threshold=threshold,
        min_holders=min_holders,
        subordinate_courts=subordinate_courts,
    )
    people = {
        person
        for unit in _units_in_scope(graph, unit_id, subordinate_courts)
        for person, _, data in graph.in_edges(unit, data=True)
        if data["kind"] == "member" and _active_person(graph, person)
    }
    in_use, holders = _holdings(graph, people, threshold)
    local: dict[int, tuple[int, list[int]]] = {}
    for row in per_unit:
        used_in, at_risk_in = local.get(row["skill_id"], (0, []))
        if row["at_risk"]:
            at_risk_in = [*at_risk_in, row["unit_id"]]
        local[row["skill_id"]] = (used_in + 1, at_risk_in)
    rows: list[SkillCoverageRow] = []
    for skill in sorted(in_use, key=lambda n: graph.nodes[n]["skill_id"]):
        data = graph.nodes[skill]
        holder_ids = sorted(holders[skill])
        used_in, at_risk_in = local.get(data["skill_id"], (0, []))
        rows.append(
            {
                "skill_id": data["skill_id"],
                "skill_code": data["code"],
                "skill_name": data["name"],
                "people": in_use[skill],
                "holders": len(holder_ids),
                "holder_ids": holder_ids,
                "at_risk": len(holder_ids) < min_holders,
                "units": used_in,
                "units_at_risk": sorted(at_risk_in),
            }
        )
    return rows


# --- drawing -----------------------------------------------------------------------------
_NODE_ORDER = {"unit": 0, "person": 1, "skill": 2}


def graph_payload(
    graph: nx.MultiDiGraph, unit_id: int | None = None, *, subordinate_courts: bool = False
) -> GraphPayload:
    """Nodes and links for drawing, as plain JSON-ready dicts.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        From :func:`build_graph`.
    unit_id : int, optional
        Draw this unit and its departments (the courts under it with
        ``subordinate_courts``), their active people and the skills those
        people hold; everything by default.

    Returns
    -------
    GraphPayload
        ``{"nodes": [{id, kind, label, ...}], "links": [{source, target, kind, ...}]}``.
        Node ids are ``"unit:5"``, ``"person:12"``, ``"skill:3"``. Inactive people are
        left out, and so is every link with an end outside the drawing (a mentor in
        another court, say). Sorted by kind then id, so the payload is deterministic.

    Raises
    ------
    talent.errors.NotFound
        When ``unit_id`` is not in the graph.
    """
    units = set(_units_in_scope(graph, unit_id, subordinate_courts))
    if unit_id is None:
        people = {n for n in graph if _active_person(graph, n)}
        skills = {n for n, data in graph.nodes(data=True) if data.get("kind") == "skill"}
    else:
        people = {
            n
            for n in graph
            if _active_person(graph, n) and unit_node(graph.nodes[n]["unit_id"]) in units
        }
        skills = {
            skill
            for person in people
            for _, skill, data in graph.out_edges(person, data=True)
            if data["kind"] == "has_skill"
        }
    shown = units | people | skills

    nodes = [_node_payload(graph, n) for n in shown]
    nodes.sort(key=lambda node: (_NODE_ORDER[node["kind"]], _node_number(node["id"])))
    links: list[GraphLinkRow] = []
    for source, target, data in graph.edges(data=True):
        if source in shown and target in shown:
            links.append(_link_payload(source, target, data))
    links.sort(
        key=lambda link: (
            link["kind"],
            _node_number(link["source"]),
            _node_number(link["target"]),
        )
    )
    return {"nodes": nodes, "links": links}


def _node_number(node: str) -> int:
    return int(node.rsplit(":", 1)[1])


def _link_payload(source: str, target: str, data: dict[str, Any]) -> GraphLinkRow:
    """The link and the attributes its kind has (those :func:`build_graph` gives it)."""
    kind = data["kind"]
    link: GraphLinkRow = {"source": source, "target": target, "kind": kind}
    if kind == "has_skill":
        link.update({"level": data["level"], "target_level": data["target_level"]})
    elif kind == "related":
        link["weight"] = data["weight"]
    elif kind == "mentors":
        link["link"] = data["link"]
    return link


def _node_payload(graph: nx.MultiDiGraph, node: str) -> GraphNodeRow:
    data = graph.nodes[node]
    kind = data["kind"]
    payload: GraphNodeRow = {"id": node, "kind": kind, "label": data["name"]}
    if kind == "unit":
        payload.update(
            {
                "unit_id": data["unit_id"],
                "unit_kind": data["unit_kind"],
                "parent_id": data["parent_id"],
                "court_id": data["court_id"],
            }
        )
    elif kind == "person":
        payload.update(
            {
                "person_id": data["person_id"],
                "tier": data["tier"],
                "unit_id": data["unit_id"],
                "court_id": data["court_id"],
            }
        )
    else:
        payload.update(
            {"skill_id": data["skill_id"], "code": data["code"], "parent_id": data["parent_id"]}
        )
    return payload
