"""The reserve demo's political file and positive / negative lists.

A scored annual political review for every cadre, two more political-file entries for
each nominee, and positive-list items for about half the nominees; :func:`list_item`
also shapes the few negative items the pool story places (open, closed, dismissed), which
is what makes this year's review exit a member. Rows are returned as dicts.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import numpy as np

from models import Person
from talent.demo.reserve.system import CourtSystem, random_day

ANNUAL_REVIEW = ("annual_review", "年度政治素质考察：政治立场坚定，严守政治纪律和政治规矩")
POLITICAL = (
    ("theory_study", "参加党组理论学习中心组扩大学习并作专题发言"),
    ("party_life", "按时参加支部组织生活，认真开展批评与自我批评"),
    ("talk", "政治部谈心谈话：思想稳定，工作积极"),
)
POSITIVE = (
    ("commendation", "承办重大敏感案件，政治效果、法律效果和社会效果良好"),
    ("petition", "主动揭榜领题化解信访积案"),
    ("pioneer", "党员先锋岗履职表现突出"),
)
NEGATIVE = (
    ("discipline", "违反审判工作纪律被通报批评"),
    ("complaint", "当事人投诉办案态度问题"),
    ("conduct", "违反干警业外行为规范被提醒谈话"),
)


def political_files(
    system: CourtSystem, nominees: Sequence[Person], today: date, now: datetime
) -> tuple[list[dict], list[dict]]:
    """Political-file entries: a scored annual review for every cadre, two more entries for
    each nominee; positive-list items for about half the nominees."""
    rng, entries, items = system.rng, [], []

    def entry(p: Person, day: date, kind: str, text: str, score: float | None) -> dict:
        return {
            "person_id": p.id,
            "entry_date": day,
            "kind": kind,
            "item": text,
            "evidence": "政治部存档",
            "status": "open",
            "score": score,
            "recorded_by": None,
            "created_at": now,
        }

    for p in system.cadres:
        for year in range(today.year - 3, today.year):
            score = float(np.clip(88 + 3 * system.merit[p.id] + rng.normal(0, 3), 70, 99))
            entries.append(entry(p, date(year, 12, 15), *ANNUAL_REVIEW, round(score, 1)))
    for p in nominees:
        for index in sorted(rng.choice(len(POLITICAL), 2, replace=False)):
            kind, text = POLITICAL[int(index)]
            entries.append(
                entry(p, random_day(rng, date(today.year - 2, 1, 1), today), kind, text, None)
            )
        if rng.random() < 0.45:
            kind, text = POSITIVE[int(rng.integers(len(POSITIVE)))]
            day = random_day(rng, date(today.year - 2, 1, 1), today)
            items.append(list_item(p.id, "positive", day, kind, text, now))
    return entries, items


def list_item(
    person_id: int, polarity: str, day: date, kind: str, text: str, now: datetime, **extra: Any
) -> dict:
    """One positive- or negative-list row, open unless ``extra`` closes it."""
    row = {
        "person_id": person_id,
        "polarity": polarity,
        "item_date": day,
        "kind": kind,
        "item": text,
        "evidence": "政治部存档",
        "status": "open",
        "closed_on": None,
        "closed_note": None,
        "recorded_by": None,
        "created_at": now,
    }
    return row | extra
