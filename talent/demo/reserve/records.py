"""The reserve demo's performance record: annual assessments and case-work metrics.

Five years of annual assessments for tier-1/2 staff (优秀 for about a fifth each year, a
few 基本称职), with common and post-specific scores against four post standards, and
three years of case-work metrics for the judicial departments' tier-1/2 staff. Both follow
each cadre's latent merit (:attr:`CourtSystem.merit`), so the people the record favours
are the ones the pool later nominates. Rows are returned as dicts for one Core insert.
"""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
from sqlmodel import Session

from models import Person
from models.reserve import PostStandard
from talent.demo.reserve.system import CourtSystem

STANDARDS: tuple[tuple[str, str, str, float], ...] = (
    ("judge", "员额法官考核标准", "员额法官", 0.4),
    ("assistant", "法官助理考核标准", "法官助理", 0.5),
    ("enforcer", "执行员考核标准", "执行员", 0.5),
    ("administrative", "司法行政人员考核标准", "司法行政人员", 0.6),
)
CASE_BASE = {"立案": 300, "民事": 210, "刑事": 120, "行政审判": 90, "审判监督": 80, "执行": 260}
"""Cases a judge closes a year, by department keyword."""


def write_standards(session: Session) -> dict[str, int]:
    """Write the four post standards; return their ids by code (``judge``, ``assistant`` ...)."""
    standard_ids = {}
    for code, name, post, weight in STANDARDS:
        row = PostStandard(
            code=code,
            name=name,
            post=post,
            common_weight=weight,
            indicators="共性指标：政治素质、工作作风、廉洁自律；个性指标：岗位业务质效",
        )
        session.add(row)
        session.flush()
        standard_ids[code] = row.id
    return standard_ids


def standard_of(person: Person) -> str:
    """The post standard a person is assessed against, from position and tier."""
    position = person.position or ""
    if "助理" in position:
        return "assistant"
    if "执行员" in position:
        return "enforcer"
    if "科员" in position or (person.tier == 2 and "法官" not in position):
        return "administrative"
    return "judge"


def assessments(
    system: CourtSystem, today: date, standards: dict[str, int], now: datetime
) -> list[dict]:
    """Five years of annual assessments: the top fifth 优秀, the lowest scores below 称职."""
    rng, rows = system.rng, []
    for year in range(today.year - 5, today.year):
        scored = []
        for p in system.cadres:
            if p.hire_date is not None and p.hire_date.year > year:
                continue
            scored.append((system.merit[p.id] + float(rng.normal(0, 0.6)), p))
        scored.sort(key=lambda pair: (-pair[0], pair[1].id))
        excellent = round(0.2 * len(scored))
        for rank, (score, p) in enumerate(scored):
            if rank < excellent:
                grade = "excellent"
            elif score < -2.6:
                grade = "incompetent" if score < -3.1 else "basically_competent"
            else:
                grade = "competent"
            rows.append(
                {
                    "person_id": p.id,
                    "year": year,
                    "grade": grade,
                    "common_score": round(
                        float(np.clip(86 + 4 * score + rng.normal(0, 2), 60, 99)), 1
                    ),
                    "post_score": round(
                        float(np.clip(85 + 4 * score + rng.normal(0, 3), 60, 99)), 1
                    ),
                    "standard_id": standards[standard_of(p)],
                    "comment": None,
                    "recorded_by": None,
                    "created_at": now,
                }
            )
    return rows


def case_metrics(system: CourtSystem, today: date, now: datetime) -> list[dict]:
    """Case-work metrics of the last three years for the judicial departments."""
    rng, rows = system.rng, []
    for p in system.cadres:
        base = next((n for key, n in CASE_BASE.items() if key in system.unit_name(p)), None)
        if base is None:
            continue
        share = 0.6 if "助理" in (p.position or "") else 1.0
        m = system.merit[p.id]
        for year in range(today.year - 3, today.year):
            if p.hire_date is not None and p.hire_date.year >= year:
                continue
            trend = 0.01 * (year - (today.year - 3))  # acceptance rising, as the article reports
            rows.append(
                {
                    "person_id": p.id,
                    "period": str(year),
                    "period_start": date(year, 1, 1),
                    "period_end": date(year, 12, 31),
                    "cases_closed": int(base * share * rng.lognormal(0.05 * m, 0.25)),
                    "on_time_rate": round(
                        float(np.clip(0.93 + 0.02 * m + rng.normal(0, 0.02), 0.7, 1)), 4
                    ),
                    "reversal_rate": round(
                        float(np.clip(0.04 - 0.01 * m + rng.normal(0, 0.01), 0, 0.2)), 4
                    ),
                    "acceptance_rate": round(
                        float(np.clip(0.87 + trend + 0.02 * m + rng.normal(0, 0.02), 0.6, 1)), 4
                    ),
                    "public_satisfaction": round(
                        float(np.clip(0.91 + 0.02 * m + rng.normal(0, 0.02), 0.6, 1)), 4
                    ),
                    "recorded_by": None,
                    "created_at": now,
                }
            )
    return rows
