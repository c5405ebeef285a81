"""Star selection (海法星) and the succession arithmetic: skill fit, suggestions, coverage
(no database)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from talent.matching.graph import RelationRow, SkillRow, skill_proximity
from talent.matching.scoring import mentor_coverage
from talent.reserve.policy import StarPolicy, SuccessionPolicy
from talent.reserve.readiness import CasePeriod
from talent.reserve.star import COMPONENTS, StarEvidence, rank_stars
from talent.reserve.succession import PostRow, coverage_report, rank_suggestions, skill_fit

END = date(2025, 12, 31)


def _case(
    on_time: float, acceptance: float, reversal: float, public: float | None = None
) -> CasePeriod:
    return CasePeriod(END, 100, on_time, reversal, acceptance, public)


def test_star_ranking_and_breakdown() -> None:
    evidence = [
        StarEvidence(1, (90.0,), 1, 0, (_case(0.95, 0.95, 0.02, 0.98),)),
        StarEvidence(2, (80.0,), 0, 0, (_case(0.80, 0.85, 0.05, 0.90),)),
        StarEvidence(3, (95.0,), 0, 1, (_case(0.90, 0.90, 0.03, 0.95),)),  # a negative item
        StarEvidence(4),  # no evidence at all
    ]
    ranked = rank_stars(evidence, StarPolicy())
    # 4 has no evidence: every component counts as the middle (0.5), so 4 scores 0.5 and
    # outranks 3 (0.4 * 0 + 0.4 * 0.5 + 0.2 * 0.5) and 2 (0.4 * 0.5)
    assert [r["person_id"] for r in ranked] == [1, 4, 3, 2]
    assert [r["rank"] for r in ranked] == [1, 2, 3, 4]
    assert [r["score"] for r in ranked] == pytest.approx([1.0, 0.5, 0.3, 0.2])
    top = ranked[0]
    assert set(top["breakdown"]) == set(COMPONENTS)
    assert top["breakdown"]["political"]["raw"] == pytest.approx(0.95)  # 0.90 + one positive
    third = next(r for r in ranked if r["person_id"] == 3)
    assert third["breakdown"]["political"]["raw"] == pytest.approx(0.70)  # 0.95 - 0.25
    for row in ranked:
        assert sum(c["contribution"] for c in row["breakdown"].values()) == pytest.approx(
            row["score"], abs=1e-5
        )
    unknown = ranked[1]["breakdown"]["public"]
    assert unknown["raw"] is None and unknown["normalised"] is None
    assert unknown["contribution"] == pytest.approx(0.2 * 0.5)


def test_star_weights_are_configurable() -> None:
    evidence = [
        StarEvidence(1, (99.0,), 0, 0, (_case(0.5, 0.5, 0.5, 0.5),)),
        StarEvidence(2, (60.0,), 0, 0, (_case(0.99, 0.99, 0.01, 0.99),)),
    ]
    assert rank_stars(evidence, StarPolicy(political=1, case=0, public=0))[0]["person_id"] == 1
    assert rank_stars(evidence, StarPolicy(political=0, case=1, public=1))[0]["person_id"] == 2


def test_skill_fit_is_graph_aware() -> None:
    skills = [
        SkillRow(1, "trial", "审判业务", None),
        SkillRow(2, "civil", "民事审判", 1),
        SkillRow(3, "commercial", "商事审判", 1),
        SkillRow(4, "writing", "裁判文书写作", None),
    ]
    proximity = skill_proximity(skills, [RelationRow(2, 3, 0.8)])
    levels = np.array(
        [
            [0, 4, 0, 4],  # civil and writing at the required level
            [0, 0, 5, 4],  # commercial (related to civil at 0.8) instead
            [0, 0, 0, 0],  # nothing
        ],
        dtype=float,
    )
    fit = skill_fit(mentor_coverage(levels, proximity), [(1, 4), (3, 2)])
    assert fit[0] == pytest.approx(1.0)
    assert fit[1] == pytest.approx((4 * 1.0 + 2 * 1.0) / 6)  # 5 * 0.8 = 4 covers civil at 4
    assert fit[2] == 0.0
    assert skill_fit(np.zeros((2, 4)), []).tolist() == [0.5, 0.5]


def test_suggestions_rank_by_the_weighted_score_and_skip_excluded() -> None:
    ranked = rank_suggestions(
        [10, 11, 12, 13],
        np.array([0.9, 0.5, 0.5, 1.0]),
        np.array([0.1, 0.9, 0.9, 1.0]),
        SuccessionPolicy(),
        exclude={13},
        k=2,
    )
    assert [r["person_id"] for r in ranked] == [11, 12]  # tie broken by id
    assert ranked[0]["score"] == pytest.approx(0.7)
    readiness_only = rank_suggestions(
        [10, 11], np.array([0.9, 0.5]), np.array([0.1, 0.9]), SuccessionPolicy(skill_fit_weight=0)
    )
    assert [r["person_id"] for r in readiness_only] == [10, 11]


def test_coverage_report_names_every_problem() -> None:
    posts = [
        PostRow(1, "民一庭庭长", 5, 100, {"A": 201, "B": 202, "emergency": 203}),
        PostRow(2, "执行局局长", 6, 101, {"A": 201}),  # no B: uncovered
        PostRow(3, "立案庭庭长", 7, None, {"A": 201, "B": 204}),  # vacant; 201 on three posts
        PostRow(4, "研究室主任", 8, 102, {}),
    ]
    bands = {201: "ready_now", 202: "ready_3_5", 203: "ready_now", 204: "ready_1_2"}
    active = {201: True, 202: True, 203: True, 204: False}
    report = coverage_report(posts, bands, active, SuccessionPolicy())
    issues = {row["post_id"]: row["issues"] for row in report["posts"]}
    assert issues[1] == ["b_not_ready", "backup_overloaded"]
    assert issues[2] == ["no_b_backup", "no_emergency_cover", "backup_overloaded"]
    assert issues[3] == ["vacant", "no_emergency_cover", "backup_inactive", "backup_overloaded"]
    assert issues[4] == ["no_a_backup", "no_b_backup", "no_emergency_cover"]
    assert [p["title"] for p in report["uncovered"]] == ["执行局局长", "研究室主任"]
    assert report["not_ready"] == [
        {"post_id": 1, "role": "B", "person_id": 202, "band": "ready_3_5"}
    ]
    assert report["overloaded"] == [{"person_id": 201, "post_ids": [1, 2, 3]}]
    assert report["summary"] == {
        "posts": 4,
        "covered": 2,
        "uncovered": 2,
        "not_ready": 1,
        "overloaded": 1,
        "vacant": 1,
    }
    roomy = coverage_report(posts, bands, active, SuccessionPolicy(max_posts_per_person=3))
    assert roomy["overloaded"] == []
