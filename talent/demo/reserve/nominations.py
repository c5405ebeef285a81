"""Nominate people to the reserve pool, each with a stored recommendation document.

Goes through the same services as the API (:func:`create_candidate`,
:func:`store_document`), so a demo nomination is an ordinary one; the recommending body
(own unit, organisation department, party group, party branch) is drawn with the
article's weights and decides which unit the recommendation comes from.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np
from sqlmodel import Session

from models import Person
from models.reserve import ReserveCandidate
from talent.demo.reserve.system import DEMO, CourtSystem, random_day
from talent.reserve.candidates import create_candidate, store_document

SOURCES = (
    ("own_unit", 0.4),
    ("organisation_department", 0.25),
    ("party_group", 0.2),
    ("party_branch", 0.15),
)


def _source(rng: np.random.Generator) -> str:
    names = [name for name, _ in SOURCES]
    return names[int(rng.choice(len(names), p=[w for _, w in SOURCES]))]


def nominate(
    session: Session, system: CourtSystem, people: Sequence[Person], first: date, last: date
) -> list[ReserveCandidate]:
    """Nominate ``people`` on days between ``first`` and ``last``; return the candidates."""
    rng, found = system.rng, []
    for p in people:
        source = _source(rng)
        unit = (
            system.court(p).id
            if source in ("party_group", "organisation_department")
            else p.unit_id
        )
        if source == "party_group":
            unit = system.root.id
        day = random_day(rng, first, last)
        reason = (
            f"{system.unit_name(p)}{p.position or ''}，政治坚定、业务精通，推荐进入优秀年轻干部库"
        )
        candidate = create_candidate(
            session,
            person_id=p.id,
            source=source,
            recommending_unit_id=unit,
            recommended_on=day,
            reason=reason,
            actor=DEMO,
            journal=system.journal,
        )
        text = f"推荐材料\n被推荐人：{p.name}\n推荐单位：{system.units[unit].name}\n推荐理由：{reason}\n"
        store_document(
            session,
            candidate_id=candidate.id,
            filename=f"推荐材料-{p.staff_no}.txt",
            content_type="text/plain; charset=utf-8",
            content=text.encode(),
            actor=DEMO,
            journal=system.journal,
        )
        found.append(candidate)
    return found
