"""Star selection (海法星): political performance + case quality and efficiency + public
evaluation, ranked within a cohort.

Notes
-----
For one selection period (a year), per person:

- ``political = clip(base + bonus * positive - penalty * negative, 0, 1)`` where ``base``
  is the mean of the scored political-file entries / 100 (0.5 when none is scored),
  ``positive`` the positive-list items dated in the period and ``negative`` the negative
  items in effect during it; ``NaN`` when the person has neither scored entries nor items.
- ``case``: the mean of the case-weighted on-time rate, acceptance rate (服判息诉率) and
  ``1 -`` reversal / remand rate over the period's case metrics, of those reported.
- ``public``: the case-weighted public satisfaction (群众评价).

Each is rank-normalised within the cohort (:func:`talent.reserve.readiness.cohort_ranks`)
and combined with the policy's weights, ``score = sum_k w_k * u_k / sum_k w_k``. A
component a person has no evidence for counts as the cohort's middle, ``u = 0.5``:
unlike readiness, a ranking of stars should not crown someone on one component alone.
The ranking is by score, highest first, ties broken by person id.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypedDict

import numpy as np

from talent.reserve.policy import StarPolicy
from talent.reserve.readiness import (
    CasePeriod,
    Contribution,
    case_mean,
    cohort_ranks,
    weighted_scores,
)

__all__ = ["COMPONENTS", "StarEvidence", "StarRow", "rank_stars"]

COMPONENTS: tuple[str, ...] = ("political", "case", "public")
NEUTRAL = 0.5
"""The normalised value of a component a person has no evidence for."""


@dataclass(frozen=True)
class StarEvidence:
    person_id: int
    political_scores: Sequence[float] = ()
    positive_items: int = 0
    negative_items: int = 0
    cases: Sequence[CasePeriod] = ()


class StarRow(TypedDict):
    rank: int
    person_id: int
    score: float
    breakdown: dict[str, Contribution]
    """By component: ``political``, ``case``, ``public``."""


def _raw(e: StarEvidence, policy: StarPolicy) -> list[float]:
    if e.political_scores or e.positive_items or e.negative_items:
        base = (
            math.fsum(e.political_scores) / len(e.political_scores) / 100
            if e.political_scores
            else 0.5
        )
        adjusted = (
            base
            + policy.positive_bonus * e.positive_items
            - policy.negative_penalty * e.negative_items
        )
        political = min(1.0, max(0.0, adjusted))
    else:
        political = math.nan
    parts = [
        case_mean(e.cases, "on_time_rate"),
        case_mean(e.cases, "acceptance_rate"),
        1.0 - case_mean(e.cases, "reversal_rate"),
    ]
    known = [p for p in parts if not math.isnan(p)]
    case = math.fsum(known) / len(known) if known else math.nan
    return [political, case, case_mean(e.cases, "public_satisfaction")]


def rank_stars(evidence: Sequence[StarEvidence], policy: StarPolicy) -> list[StarRow]:
    """Rank a cohort for the star selection.

    Returns
    -------
    list of StarRow
        ``{rank, person_id, score, breakdown: {component: {raw, normalised, weight,
        contribution}}}``, best first; contributions add up to the score; ``raw`` and
        ``normalised`` are None where the person has no evidence (scored as 0.5).
    """
    if not evidence:
        return []
    raw = np.array([_raw(e, policy) for e in evidence], dtype=np.float64)
    norm = cohort_ranks(raw)
    weights = [getattr(policy, name) for name in COMPONENTS]
    scores, contributions, effective = weighted_scores(np.nan_to_num(norm, nan=NEUTRAL), weights)

    def plain(value: float) -> float | None:
        return None if math.isnan(value) else round(float(value), 6)

    def breakdown(i: int) -> dict[str, Contribution]:
        return {
            name: {
                "raw": plain(raw[i, k]),
                "normalised": plain(norm[i, k]),
                "weight": round(float(effective[i, k]), 6),
                "contribution": round(float(contributions[i, k]), 6),
            }
            for k, name in enumerate(COMPONENTS)
        }

    scored = sorted(
        ((round(float(scores[i]), 6), e.person_id, i) for i, e in enumerate(evidence)),
        key=lambda row: (-row[0], row[1]),
    )
    return [
        {"rank": rank, "person_id": person_id, "score": score, "breakdown": breakdown(i)}
        for rank, (score, person_id, i) in enumerate(scored, start=1)
    ]
