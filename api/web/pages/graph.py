"""The skills graph page: one unit's mentoring chains and skills, with coverage risks.

The page lists the chains (senior judge -> young staff -> clerk) and the skills at risk
as HTML, so that it reads on a phone and with a screen reader; ``/static/graph.js``
draws the same unit as a picture (Cytoscape.js) from ``GET /graph/data``, which answers
exactly what ``GET /api/v1/graph`` answers, under the cookie session.

Every figure comes from :mod:`talent.matching.skills_graph` (the API's service); this
module only arranges the payload's people and mentoring links into chains for the list.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi import APIRouter, Request
from starlette.responses import JSONResponse, Response

from api.deps import MAX_ID, SessionDep
from api.web.i18n import Gettext, page_language
from api.web.names import UnitNames
from api.web.rendering import gettext_for, render
from api.web.security import PlannerPage
from models.graph_schemas import GraphPersonNode, GraphPublic
from talent.errors import NotFound
from talent.matching import skills_graph

router = APIRouter()


# The API's GET /api/v1/graph admits PlannerUser (admin, planner): these pages use PlannerPage.


@dataclass(frozen=True)
class PersonNode:
    """A person of the drawing: the payload's node fields the list shows."""

    node: str
    person_id: int
    name: str
    tier: int
    unit_id: int


@dataclass
class Branch:
    """A mentor and the people they mentor in the unit (one level of a chain)."""

    person: PersonNode
    mentees: list[Branch] = field(default_factory=list)


@dataclass(frozen=True)
class Chains:
    """The unit's mentoring chains: trees rooted at mentors nobody in the unit mentors."""

    roots: list[Branch]
    people: dict[str, PersonNode]
    pairings: int

    @property
    def complete(self) -> int:
        """Young staff under a senior judge who mentor at least one clerk: whole chains."""
        return sum(
            1
            for root in self.roots
            if root.person.tier == 1
            for young in root.mentees
            if young.mentees
        )


def unit_people(payload: GraphPublic) -> dict[str, PersonNode]:
    """The payload's people (the scope's active staff), keyed by node id."""
    return {
        node.id: PersonNode(
            node=node.id,
            person_id=node.person_id,
            name=node.label,
            tier=node.tier,
            unit_id=node.unit_id,
        )
        for node in payload.nodes
        if isinstance(node, GraphPersonNode)
    }


def chains_of(payload: GraphPublic, people: dict[str, PersonNode]) -> Chains:
    """Arrange the active mentoring links between ``people`` as trees, by person id."""
    mentees: dict[str, list[str]] = {}
    mentored: set[str] = set()
    pairings = 0
    for link in payload.links:
        if link.kind != "mentors" or link.source not in people or link.target not in people:
            continue
        mentees.setdefault(link.source, []).append(link.target)
        mentored.add(link.target)
        pairings += 1

    def branch(node: str, path: frozenset[str]) -> Branch:
        below = sorted(mentees.get(node, []), key=lambda n: people[n].person_id)
        return Branch(
            people[node], [branch(child, path | {child}) for child in below if child not in path]
        )

    roots = sorted(
        (node for node in mentees if node not in mentored),
        key=lambda n: (people[n].tier, people[n].person_id),
    )
    return Chains(
        roots=[branch(node, frozenset({node})) for node in roots], people=people, pairings=pairings
    )


def _unit_choice(
    raw: str | None, units: UnitNames, _: Gettext
) -> tuple[int | None, dict[str, str]]:
    """The unit asked for (the first court when none is), or an error for the selector."""
    text = (raw or "").strip()
    if not text:
        courts = units.courts()
        return (courts[0].id if courts else None), {}
    if text.isdigit() and int(text) in units.units:
        return int(text), {}
    return None, {"unit_id": _("请选择列表中的单位")}


@router.get("/graph", name="web.graph")
def graph_page(request: Request, session: SessionDep, user: PlannerPage) -> Response:
    """The chains and coverage risks of the unit in ``?unit_id=`` (the first court by default).

    The scope is the unit and its own departments; ``?include_subordinate_courts=1`` adds
    the courts under it, as the API's parameter of the same name.
    """
    _ = gettext_for(request)
    units = UnitNames.load(session, page_language(request))
    unit_id, errors = _unit_choice(request.query_params.get("unit_id"), units, _)
    subordinate = request.query_params.get("include_subordinate_courts") in ("1", "on", "true")
    context: dict = {
        "units": units,
        "errors": errors,
        "chosen": request.query_params.get("unit_id", "") if errors else str(unit_id or ""),
        "unit_id": unit_id,
        "subordinate": subordinate,
        "chains": None,
    }
    if unit_id is not None:
        payload = skills_graph.graph_payload(
            session, unit_id=unit_id, subordinate_courts=subordinate
        )
        people = unit_people(payload)
        coverage = skills_graph.skill_coverage_by_skill(
            session, unit_id=unit_id, subordinate_courts=subordinate
        )
        risks = [r for r in coverage if r.at_risk]
        # A court's row counts its own staff and departments: a wider scope adds court rows.
        stats = skills_graph.chain_stats(session, unit_id=unit_id, subordinate_courts=subordinate)
        courts = [r for r in stats if r.unit_id == r.court_id]
        counted = [r for r in stats if r.unit_id == unit_id]
        if subordinate and courts:
            counted = courts
        context.update(
            chains=chains_of(payload, people),
            risks=risks,
            stats={
                key: sum(getattr(r, key) for r in counted)
                for key in ("tier2", "tier2_in_chain", "tier3", "tier3_in_chain")
            },
            names={p.person_id: p.name for p in people.values()},
            data_url=str(
                request.url_for("web.graph_data").include_query_params(
                    unit_id=unit_id, include_subordinate_courts=int(subordinate)
                )
            ),
        )
    return render(request, "graph.html", user, context, status_code=422 if errors else 200)


@router.get("/graph/data", name="web.graph_data")
def graph_data(request: Request, session: SessionDep, user: PlannerPage) -> Response:
    """What ``GET /api/v1/graph`` answers (same service, same schema), for the picture."""
    raw = (request.query_params.get("unit_id") or "").strip()
    unit_id: int | None = None
    if raw:
        if not raw.isdigit() or int(raw) > MAX_ID:
            detail = [{"loc": ["query", "unit_id"], "msg": "unit_id must be a unit's id"}]
            return JSONResponse({"detail": detail}, status_code=422)
        unit_id = int(raw)
    subordinate = request.query_params.get("include_subordinate_courts") in ("1", "on", "true")
    try:
        payload = skills_graph.graph_payload(
            session, unit_id=unit_id, subordinate_courts=subordinate
        )
    except NotFound as error:
        return JSONResponse({"detail": error.message}, status_code=404)
    return JSONResponse(payload.model_dump(mode="json"))
