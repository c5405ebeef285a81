"""Readiness of reserve candidates: performance, potential, composite score and band.

Pure functions over plain records (:class:`Evidence`, one per person in the cohort);
the service assembles them from the database.

Notes
-----
Let ``on`` be the review date, ``W`` the policy's ``window_years``, the *window years*
``Y = on.year - W .. on.year - 1`` (full years, for annual records) and the *window*
``(on - W years, on]`` (for dated records).

**Raw features** (``NaN`` when a person has no evidence for it):

Performance

- ``grades``: ``sum_y r_y * points(grade_y) / sum_y r_y`` over graded years in ``Y``, with
  recency weights ``r_y = y - (on.year - W) + 1`` (the latest year counts ``W`` times the
  earliest) and the policy's grade points (优秀 1.0, 称职 0.7, 基本称职 0.3, 不称职 0).
- ``indicators``: the same recency-weighted mean of the total indicator score / 100,
  ``total = c * common + (1 - c) * post`` with ``c`` the post standard's common weight
  (computed by the caller).
- ``on_time``, ``acceptance``: case-weighted means ``sum_p n_p * rate_p / sum_p n_p`` over
  periods ending in the window that report the rate (``n_p`` cases closed, at least 1).
- ``quality``: ``1 -`` the case-weighted mean reversal / remand rate.
- ``volume``: ``log(1 + cases closed in the window / W)``.

Potential

- ``training``: ``mean_y min(hours_y / required, cap)`` over window years from the year
  of hire on; a year without training counts 0.
- ``recognitions``: the points of each distinct recognition held (standing titles from the
  roster and recognitions dated in the window, each once) plus, for every award in the
  window, the points of its level (court level when none), and ``competition_factor``
  times that for a competition. 0 when there are none.
- ``mentor_evaluation``: ``mean (rating - 1) / 4`` of the person's mentoring pairings
  (as mentee) that ended in the window with an outcome rating.
- ``skill_growth``: skill levels gained minus levels lost in the window. 0 when none.
- ``exchanges``: secondments and paired support overlapping the window. 0 when none.

**Normalisation within the cohort.** For each feature, the people who have it are ranked
(ties share the average rank) and ``u = (rank - 1) / (n - 1)``: 0 for the lowest, 1 for
the highest, 0.5 for everyone when ``n = 1`` or all values tie. Ranks, not raw values, so
one outlier does not squash the rest and every feature is on the same scale.

**Scores.** With policy weights ``w_k`` and ``present_ik`` whether person ``i`` has
feature ``k``::

    performance_i = sum_k w_k * present_ik * u_ik / sum_k w_k * present_ik

(0 when the person has no performance evidence at all), and the same for potential over
the potential features: missing evidence neither helps nor hurts, the weights of what is
there are renormalised. ``contribution_ik`` is each term, so a breakdown adds up to its
score. Then::

    readiness_i = (a * performance_i + b * potential_i) / (a + b)

with ``a``, ``b`` the policy's ``performance_weight`` and ``potential_weight``.

**Band** (a suggestion; a reviewer confirms or overrides it at a review):
``ready_now`` when ``readiness >= bands.ready_now``, ``ready_1_2`` when
``readiness >= bands.ready_1_2``, else ``ready_3_5``.

Everything is a deterministic function of the evidence: no randomness, and the order of
the cohort does not change anyone's scores.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TypedDict

import numpy as np
from scipy.stats import rankdata

from talent.reserve.eligibility import years_before
from talent.reserve.ninebox import Placement, placement
from talent.reserve.policy import NineBoxPolicy, ReadinessPolicy

__all__ = [
    "PERFORMANCE_FEATURES",
    "POTENTIAL_FEATURES",
    "CasePeriod",
    "Contribution",
    "Evidence",
    "Exchange",
    "Honour",
    "Readiness",
    "SkillChange",
    "band_of",
    "case_mean",
    "cohort_ranks",
    "raw_features",
    "score_cohort",
    "weighted_scores",
]

PERFORMANCE_FEATURES: tuple[str, ...] = (
    "grades",
    "indicators",
    "on_time",
    "acceptance",
    "quality",
    "volume",
)
POTENTIAL_FEATURES: tuple[str, ...] = (
    "training",
    "recognitions",
    "mentor_evaluation",
    "skill_growth",
    "exchanges",
)


class Contribution(TypedDict):
    """One feature of a score: its raw value and rank in the cohort (None without
    evidence), the weight it carried and what it added to the score."""

    raw: float | None
    normalised: float | None
    weight: float
    contribution: float


@dataclass(frozen=True)
class CasePeriod:
    period_end: date
    cases_closed: int
    on_time_rate: float | None = None
    reversal_rate: float | None = None
    acceptance_rate: float | None = None
    public_satisfaction: float | None = None


@dataclass(frozen=True)
class Honour:
    """A recognition (``recognition`` set), an award or a competition (``level`` set)."""

    day: date
    kind: str
    recognition: str | None = None
    level: str | None = None


@dataclass(frozen=True)
class Exchange:
    """A secondment or paired support, from ``start`` to ``end`` (open-ended: None)."""

    start: date
    end: date | None = None


@dataclass(frozen=True)
class SkillChange:
    day: date
    delta: int


@dataclass(frozen=True)
class Evidence:
    """Everything readiness looks at for one person."""

    person_id: int
    hire_date: date | None = None
    grades: Mapping[int, str] = field(default_factory=dict)
    indicator_scores: Mapping[int, float] = field(default_factory=dict)
    cases: Sequence[CasePeriod] = ()
    training_hours: Mapping[int, float] = field(default_factory=dict)
    honours: Sequence[Honour] = ()
    titles: frozenset[str] = frozenset()
    mentor_ratings: Sequence[tuple[date, int]] = ()
    skill_changes: Sequence[SkillChange] = ()
    exchanges: Sequence[Exchange] = ()


@dataclass(frozen=True)
class Readiness:
    """One person's scores, 9-box placement, suggested band and breakdown."""

    person_id: int
    performance: float
    potential: float
    readiness: float
    band: str
    placement: Placement
    breakdown: dict[str, dict[str, Contribution]]
    """``performance`` and ``potential``, each by feature."""
    cohort_size: int


# --- raw features ------------------------------------------------------------------------
def _recency_mean(values: Mapping[int, float], on: date, years: int) -> float:
    first = on.year - years
    pairs = [(y - first + 1, v) for y, v in values.items() if first <= y < on.year]
    if not pairs:
        return math.nan
    return math.fsum(r * v for r, v in pairs) / math.fsum(r for r, _ in pairs)


def case_mean(periods: Sequence[CasePeriod], attribute: str) -> float:
    """The case-weighted mean of a rate over the periods that report it (``NaN``: none)."""
    pairs = [
        (max(1, p.cases_closed), getattr(p, attribute))
        for p in periods
        if getattr(p, attribute) is not None
    ]
    if not pairs:
        return math.nan
    return math.fsum(n * v for n, v in pairs) / math.fsum(n for n, _ in pairs)


def _performance(e: Evidence, on: date, start: date, policy: ReadinessPolicy) -> list[float]:
    points = policy.grade_points.model_dump()
    years = policy.window_years
    grades = _recency_mean({y: points[g] for y, g in e.grades.items() if g in points}, on, years)
    indicators = _recency_mean({y: s / 100 for y, s in e.indicator_scores.items()}, on, years)
    periods = [p for p in e.cases if start < p.period_end <= on]
    reversal = case_mean(periods, "reversal_rate")
    volume = math.log1p(sum(p.cases_closed for p in periods) / years) if periods else math.nan
    return [
        grades,
        indicators,
        case_mean(periods, "on_time_rate"),
        case_mean(periods, "acceptance_rate"),
        1.0 - reversal if not math.isnan(reversal) else math.nan,
        volume,
    ]


def _training(e: Evidence, on: date, policy: ReadinessPolicy) -> float:
    first = on.year - policy.window_years
    if e.hire_date is not None:
        first = max(first, e.hire_date.year)
    years = range(first, on.year)
    if not years:
        return math.nan
    rule = policy.training
    return math.fsum(
        min(e.training_hours.get(y, 0.0) / rule.required_hours, rule.cap) for y in years
    ) / len(years)


def _recognitions(e: Evidence, on: date, start: date, policy: ReadinessPolicy) -> float:
    titles = policy.recognition_points.model_dump()
    levels = policy.level_points.model_dump()
    recent = [h for h in e.honours if start < h.day <= on]
    held = set(e.titles) | {h.recognition or "other" for h in recent if h.kind == "recognition"}
    total = math.fsum(titles.get(code, titles["other"]) for code in sorted(held))
    for honour in recent:
        if honour.kind in ("award", "competition"):
            value = levels.get(honour.level or "court", levels["court"])
            factor = policy.training.competition_factor if honour.kind == "competition" else 1.0
            total += factor * value
    return total


def _potential(e: Evidence, on: date, start: date, policy: ReadinessPolicy) -> list[float]:
    ratings = [(r - 1) / 4 for day, r in e.mentor_ratings if start < day <= on]
    mentor = math.fsum(ratings) / len(ratings) if ratings else math.nan
    growth = float(sum(c.delta for c in e.skill_changes if start < c.day <= on))
    exchanges = float(
        sum(1 for x in e.exchanges if x.start <= on and (x.end is None or x.end > start))
    )
    return [
        _training(e, on, policy),
        _recognitions(e, on, start, policy),
        mentor,
        growth,
        exchanges,
    ]


def raw_features(
    evidence: Sequence[Evidence], on: date, policy: ReadinessPolicy
) -> tuple[np.ndarray, np.ndarray]:
    """Raw performance and potential features (module Notes), ``NaN`` where missing.

    Returns
    -------
    performance : ndarray, shape (n, len(PERFORMANCE_FEATURES))
    potential : ndarray, shape (n, len(POTENTIAL_FEATURES))
    """
    start = years_before(on, policy.window_years)
    perf = np.array(
        [_performance(e, on, start, policy) for e in evidence], dtype=np.float64
    ).reshape(len(evidence), len(PERFORMANCE_FEATURES))
    pot = np.array([_potential(e, on, start, policy) for e in evidence], dtype=np.float64).reshape(
        len(evidence), len(POTENTIAL_FEATURES)
    )
    return perf, pot


# --- normalisation and scores ------------------------------------------------------------
def cohort_ranks(raw: np.ndarray) -> np.ndarray:
    """Column-wise rank normalisation within the cohort; ``NaN`` stays ``NaN``.

    Examples
    --------
    >>> cohort_ranks(np.array([[3.0], [1.0], [np.nan], [3.0], [2.0]])).ravel().tolist()
    [0.8333333333333334, 0.0, nan, 0.8333333333333334, 0.3333333333333333]
    """
    raw = np.asarray(raw, dtype=np.float64)
    out = np.full(raw.shape, np.nan)
    for k in range(raw.shape[1]):
        present = ~np.isnan(raw[:, k])
        n = int(present.sum())
        if n == 1:
            out[present, k] = 0.5
        elif n > 1:
            out[present, k] = (rankdata(raw[present, k], method="average") - 1) / (n - 1)
    return out


def weighted_scores(
    normalised: np.ndarray, weights: Sequence[float]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Scores with weights renormalised over each person's present features.

    Returns
    -------
    scores : ndarray, shape (n,)
    contributions : ndarray, shape (n, k); rows add up to ``scores``
    effective_weights : ndarray, shape (n, k); each row sums to 1, or is all 0
    """
    present = ~np.isnan(normalised)
    w = np.asarray(weights, dtype=np.float64)[None, :] * present
    total = w.sum(axis=1, keepdims=True)
    effective = np.divide(w, total, out=np.zeros_like(w), where=total > 0)
    contributions = effective * np.nan_to_num(normalised, nan=0.0)
    return contributions.sum(axis=1), contributions, effective


def band_of(score: float, policy: ReadinessPolicy) -> str:
    """The suggested band for a readiness score (module Notes)."""
    if score >= policy.bands.ready_now:
        return "ready_now"
    if score >= policy.bands.ready_1_2:
        return "ready_1_2"
    return "ready_3_5"


def _breakdown(
    names: Sequence[str], raw: np.ndarray, norm: np.ndarray, eff: np.ndarray, contrib: np.ndarray
) -> dict[str, Contribution]:
    def plain(value: float) -> float | None:
        return None if math.isnan(value) else round(float(value), 6)

    return {
        name: {
            "raw": plain(raw[k]),
            "normalised": plain(norm[k]),
            "weight": round(float(eff[k]), 6),
            "contribution": round(float(contrib[k]), 6),
        }
        for k, name in enumerate(names)
    }


def score_cohort(
    evidence: Sequence[Evidence],
    on: date,
    policy: ReadinessPolicy,
    ninebox: NineBoxPolicy,
) -> list[Readiness]:
    """Readiness of every person in the cohort, in the order given.

    Parameters
    ----------
    evidence : sequence of Evidence
        The cohort: scores are normalised among these people.
    on : date
        The review date.
    policy : ReadinessPolicy
    ninebox : NineBoxPolicy

    Returns
    -------
    list of Readiness
        Scores in ``[0, 1]``; ``breakdown`` has, per feature, its ``raw`` value, its
        ``normalised`` rank, the ``weight`` it carried for this person and its
        ``contribution`` to the score.
    """
    if not evidence:
        return []
    perf_raw, pot_raw = raw_features(evidence, on, policy)
    perf_norm, pot_norm = cohort_ranks(perf_raw), cohort_ranks(pot_raw)
    perf_w = [getattr(policy.performance, name) for name in PERFORMANCE_FEATURES]
    pot_w = [getattr(policy.potential, name) for name in POTENTIAL_FEATURES]
    perf, perf_c, perf_e = weighted_scores(perf_norm, perf_w)
    pot, pot_c, pot_e = weighted_scores(pot_norm, pot_w)
    a, b = policy.performance_weight, policy.potential_weight
    composite = (a * perf + b * pot) / (a + b)
    results = []
    for i, e in enumerate(evidence):
        score = round(float(composite[i]), 6)
        performance, potential = round(float(perf[i]), 6), round(float(pot[i]), 6)
        results.append(
            Readiness(
                person_id=e.person_id,
                performance=performance,
                potential=potential,
                readiness=score,
                band=band_of(score, policy),
                placement=placement(performance, potential, ninebox),
                breakdown={
                    "performance": _breakdown(
                        PERFORMANCE_FEATURES, perf_raw[i], perf_norm[i], perf_e[i], perf_c[i]
                    ),
                    "potential": _breakdown(
                        POTENTIAL_FEATURES, pot_raw[i], pot_norm[i], pot_e[i], pot_c[i]
                    ),
                },
                cohort_size=len(evidence),
            )
        )
    return results
