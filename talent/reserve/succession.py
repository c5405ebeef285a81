"""Succession for key posts (岗位AB角): skill fit of backups, the coverage report, and
ranked backup suggestions. Pure functions over arrays and plain rows.

Notes
-----
**Skill fit of a person to a post.** The post requires skills ``s`` at levels ``L_s``;
``cover[i, s] = max_t P[s, t] * level[i, t]`` is how well person ``i`` covers ``s``
directly or through related skills (:func:`talent.matching.scoring.mentor_coverage` over the
graph-aware proximity ``P`` of :func:`talent.matching.graph.skill_proximity`)::

    fit_i = sum_s L_s * min(cover[i, s] / L_s, 1) / sum_s L_s

in ``[0, 1]``: 1 when every required level is met, the higher required levels weighing
more. A post that requires no skill gives everyone the neutral 0.5.

**Suggestion score.** ``(a * readiness_i + b * fit_i) / (a + b)`` with the policy's
``readiness_weight`` ``a`` and ``skill_fit_weight`` ``b``; highest first, ties by id.

**Coverage.** A post is *covered* when it has both an A and a B backup. Issues per post:
``vacant`` (no holder), ``no_a_backup``, ``no_b_backup``, ``no_emergency_cover``,
``a_not_ready`` / ``b_not_ready`` (the backup's band, as confirmed at the last review
or else suggested, is not in ``a_ready_bands`` / ``b_ready_bands``), ``backup_inactive``
and ``backup_overloaded`` (a backup of this post covers more than
``max_posts_per_person`` posts in any role).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypedDict

import numpy as np

from talent.reserve.policy import SuccessionPolicy

__all__ = [
    "ROLES",
    "CoverageReport",
    "PostRow",
    "SuggestionRow",
    "coverage_report",
    "rank_suggestions",
    "skill_fit",
]

ROLES: tuple[str, ...] = ("A", "B", "emergency")


@dataclass(frozen=True)
class PostRow:
    post_id: int
    title: str
    unit_id: int
    holder_id: int | None
    backups: Mapping[str, int] = field(default_factory=dict)


class SuggestionRow(TypedDict):
    person_id: int
    score: float
    readiness: float
    skill_fit: float


class PostCoverageRow(TypedDict):
    post_id: int
    title: str
    unit_id: int
    holder_id: int | None
    backups: dict[str, int]
    covered: bool
    issues: list[str]


class UncoveredRow(TypedDict):
    post_id: int
    title: str
    unit_id: int


class NotReadyRow(TypedDict):
    post_id: int
    role: str
    person_id: int
    band: str | None


class OverloadedRow(TypedDict):
    person_id: int
    post_ids: list[int]


class CoverageSummaryRow(TypedDict):
    posts: int
    covered: int
    uncovered: int
    not_ready: int
    overloaded: int
    vacant: int


class CoverageReport(TypedDict):
    posts: list[PostCoverageRow]
    uncovered: list[UncoveredRow]
    not_ready: list[NotReadyRow]
    overloaded: list[OverloadedRow]
    summary: CoverageSummaryRow


def skill_fit(cover: np.ndarray, required: Sequence[tuple[int, int]]) -> np.ndarray:
    """Fit of every person to a post (module Notes).

    Parameters
    ----------
    cover : ndarray, shape (n_people, n_skills)
    required : sequence of (skill column, level 1..5)

    Examples
    --------
    >>> cover = np.array([[4.0, 0.0], [2.0, 3.0]])
    >>> skill_fit(cover, [(0, 4), (1, 2)]).tolist()
    [0.6666666666666666, 0.8333333333333334]
    """
    cover = np.asarray(cover, dtype=np.float64)
    if not required:
        return np.full(cover.shape[0], 0.5)
    columns = np.array([s for s, _ in required], dtype=np.int64)
    levels = np.array([lvl for _, lvl in required], dtype=np.float64)
    met = np.minimum(cover[:, columns] / levels[None, :], 1.0)
    return (met * levels[None, :]).sum(axis=1) / levels.sum()


def rank_suggestions(
    person_ids: Sequence[int],
    readiness: np.ndarray,
    fit: np.ndarray,
    policy: SuccessionPolicy,
    *,
    exclude: Iterable[int] = (),
    k: int = 5,
) -> list[SuggestionRow]:
    """The ``k`` best backups: ``[{person_id, score, readiness, skill_fit}]``, best first."""
    a, b = policy.readiness_weight, policy.skill_fit_weight
    scores = (a * np.asarray(readiness) + b * np.asarray(fit)) / (a + b)
    skip = set(exclude)
    rows: list[SuggestionRow] = [
        {
            "person_id": int(pid),
            "score": round(float(scores[i]), 6),
            "readiness": round(float(readiness[i]), 6),
            "skill_fit": round(float(fit[i]), 6),
        }
        for i, pid in enumerate(person_ids)
        if pid not in skip
    ]
    rows.sort(key=lambda row: (-row["score"], row["person_id"]))
    return rows[:k]


def coverage_report(
    posts: Sequence[PostRow],
    bands: Mapping[int, str],
    active: Mapping[int, bool],
    policy: SuccessionPolicy,
) -> CoverageReport:
    """The coverage of every key post (module Notes).

    Parameters
    ----------
    posts : sequence of PostRow
    bands : mapping person id -> readiness band of each backup
    active : mapping person id -> whether the person is active
    policy : SuccessionPolicy

    Returns
    -------
    CoverageReport
        ``posts`` (per post: ``post_id``, ``title``, ``unit_id``, ``holder_id``,
        ``backups``, ``covered``, ``issues``), ``uncovered`` (posts without both an A and
        a B backup), ``not_ready`` (``{post_id, role, person_id, band}``), ``overloaded``
        (``{person_id, post_ids}``) and ``summary`` counts; posts by id.
    """
    load: dict[int, list[int]] = {}
    for post in posts:
        for person in set(post.backups.values()):
            load.setdefault(person, []).append(post.post_id)
    overloaded = {
        person: sorted(ids)
        for person, ids in load.items()
        if len(ids) > policy.max_posts_per_person
    }
    ready_bands = {"A": policy.a_ready_bands, "B": policy.b_ready_bands}
    rows: list[PostCoverageRow] = []
    not_ready: list[NotReadyRow] = []
    for post in sorted(posts, key=lambda p: p.post_id):
        issues = []
        if post.holder_id is None:
            issues.append("vacant")
        for role, code in (
            ("A", "no_a_backup"),
            ("B", "no_b_backup"),
            ("emergency", "no_emergency_cover"),
        ):
            if role not in post.backups:
                issues.append(code)
        for role in ("A", "B"):
            backup = post.backups.get(role)
            if backup is not None and bands.get(backup) not in ready_bands[role]:
                issues.append(f"{role.lower()}_not_ready")
                not_ready.append(
                    {
                        "post_id": post.post_id,
                        "role": role,
                        "person_id": backup,
                        "band": bands.get(backup),
                    }
                )
        if any(not active.get(p, False) for p in post.backups.values()):
            issues.append("backup_inactive")
        if any(p in overloaded for p in post.backups.values()):
            issues.append("backup_overloaded")
        rows.append(
            {
                "post_id": post.post_id,
                "title": post.title,
                "unit_id": post.unit_id,
                "holder_id": post.holder_id,
                "backups": dict(post.backups),
                "covered": "A" in post.backups and "B" in post.backups,
                "issues": issues,
            }
        )
    uncovered: list[UncoveredRow] = [
        {"post_id": r["post_id"], "title": r["title"], "unit_id": r["unit_id"]}
        for r in rows
        if not r["covered"]
    ]
    return {
        "posts": rows,
        "uncovered": uncovered,
        "not_ready": not_ready,
        "overloaded": [
            {"person_id": person, "post_ids": ids} for person, ids in sorted(overloaded.items())
        ],
        "summary": {
            "posts": len(rows),
            "covered": len(rows) - len(uncovered),
            "uncovered": len(uncovered),
            "not_ready": len(not_ready),
            "overloaded": len(overloaded),
            "vacant": sum(1 for r in rows if "vacant" in r["issues"]),
        },
    }
