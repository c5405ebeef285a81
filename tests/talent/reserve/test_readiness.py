"""Readiness and the 9-box: formulas, normalisation, invariants and edges (no database)."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from talent.reserve.ninebox import BOX_LABELS, box_of, level_index, placement
from talent.reserve.policy import NineBoxPolicy, ReadinessPolicy
from talent.reserve.readiness import (
    PERFORMANCE_FEATURES,
    POTENTIAL_FEATURES,
    CasePeriod,
    Evidence,
    Exchange,
    Honour,
    SkillChange,
    band_of,
    cohort_ranks,
    raw_features,
    score_cohort,
    weighted_scores,
)

ON = date(2026, 11, 25)
POLICY = ReadinessPolicy()
BOX = NineBoxPolicy()


# --- 9-box edges -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("score", "level"),
    [
        (0.0, 0),
        (0.3399999, 0),
        (0.34, 1),  # on the cut: the upper level
        (0.6699999, 1),
        (0.67, 2),
        (1.0, 2),
    ],
)
def test_level_edges(score: float, level: int) -> None:
    assert int(level_index(score, BOX)) == level


@pytest.mark.parametrize(
    ("performance", "potential", "box", "levels"),
    [
        (0.0, 0.0, 1, ("low", "low")),
        (0.34, 0.0, 2, ("medium", "low")),
        (0.67, 0.0, 3, ("high", "low")),
        (0.0, 0.34, 4, ("low", "medium")),
        (0.34, 0.34, 5, ("medium", "medium")),
        (0.67, 0.66, 6, ("high", "medium")),
        (0.33, 0.67, 7, ("low", "high")),
        (0.66, 0.67, 8, ("medium", "high")),
        (0.67, 0.67, 9, ("high", "high")),
        (1.0, 1.0, 9, ("high", "high")),
    ],
)
def test_every_box_and_its_corners(performance, potential, box, levels) -> None:
    placed = placement(performance, potential, BOX)
    assert placed["box"] == box
    assert (placed["performance_level"], placed["potential_level"]) == levels
    assert placed["box_label"] == BOX_LABELS[box]["zh"]


def test_cuts_come_from_the_policy_and_boxes_are_checked() -> None:
    tight = NineBoxPolicy(medium_from=0.5, high_from=0.9)
    assert placement(0.5, 0.89, tight)["box"] == 5
    assert placement(0.49, 0.9, tight)["box"] == 7
    with pytest.raises(ValueError):
        box_of(3, 0)


# --- normalisation -----------------------------------------------------------------------
def test_cohort_ranks_ties_missing_and_singletons() -> None:
    raw = np.array([[1.0, np.nan, 5.0], [2.0, 3.0, 5.0], [2.0, np.nan, 5.0], [4.0, np.nan, 5.0]])
    ranks = cohort_ranks(raw)
    assert ranks[:, 0].tolist() == [0.0, 0.5, 0.5, 1.0]
    assert math.isnan(ranks[0, 1]) and ranks[1, 1] == 0.5  # one person has it
    assert ranks[:, 2].tolist() == [0.5] * 4  # all tie


def test_weights_renormalise_over_present_features() -> None:
    norm = np.array([[1.0, np.nan], [0.0, 1.0], [np.nan, np.nan]])
    scores, contributions, effective = weighted_scores(norm, [3.0, 1.0])
    assert scores.tolist() == [1.0, 0.25, 0.0]
    assert effective.tolist() == [[1.0, 0.0], [0.75, 0.25], [0.0, 0.0]]
    assert np.allclose(contributions.sum(axis=1), scores)


def test_bands_from_the_composite() -> None:
    assert band_of(0.70, POLICY) == "ready_now"
    assert band_of(0.6999, POLICY) == "ready_1_2"
    assert band_of(0.45, POLICY) == "ready_1_2"
    assert band_of(0.4499, POLICY) == "ready_3_5"


# --- raw features ------------------------------------------------------------------------
def test_raw_features_follow_the_documented_formulas() -> None:
    e = Evidence(
        person_id=1,
        hire_date=date(2024, 7, 1),
        grades={2022: "incompetent", 2023: "competent", 2025: "excellent"},  # 2022 outside
        indicator_scores={2024: 80.0, 2025: 90.0},
        cases=(
            CasePeriod(date(2025, 12, 31), 100, 0.9, 0.1, 0.8),
            CasePeriod(date(2024, 12, 31), 50, 0.6, None, 0.5),
            CasePeriod(date(2020, 12, 31), 999, 0.0, 1.0, 0.0),  # outside the window
        ),
        training_hours={2024: 45.0, 2025: 200.0, 2021: 500.0},
        honours=(
            Honour(date(2025, 5, 1), "recognition", recognition="star"),
            Honour(date(2025, 6, 1), "award", level="provincial"),
            Honour(date(2024, 6, 1), "competition", level="municipal"),
            Honour(date(2019, 6, 1), "award", level="national"),  # outside
        ),
        titles=frozenset({"business_leader"}),
        mentor_ratings=((date(2025, 3, 1), 5), (date(2024, 3, 1), 3), (date(2010, 1, 1), 1)),
        skill_changes=(SkillChange(date(2025, 1, 1), 2), SkillChange(date(2026, 1, 1), -1)),
        exchanges=(
            Exchange(date(2022, 1, 1), date(2024, 1, 1)),
            Exchange(date(2018, 1, 1), date(2019, 1, 1)),
        ),
    )
    perf, pot = raw_features([e], ON, POLICY)
    grades = (1 * 0.7 + 3 * 1.0) / (1 + 3)  # 2023 weight 1, 2025 weight 3
    indicators = (2 * 0.8 + 3 * 0.9) / 5
    on_time = (100 * 0.9 + 50 * 0.6) / 150
    acceptance = (100 * 0.8 + 50 * 0.5) / 150
    volume = math.log1p(150 / 3)
    assert perf[0].tolist() == pytest.approx([grades, indicators, on_time, acceptance, 0.9, volume])
    training = (0.5 + 1.5) / 2  # from the year of hire; 200 h capped at 1.5x
    recognitions = 0.75 + 0.5 + 0.6 + 0.8 * 0.3
    mentor = (1.0 + 0.5) / 2
    assert pot[0].tolist() == pytest.approx([training, recognitions, mentor, 1.0, 1.0])


def test_missing_evidence_is_nan_except_counts() -> None:
    perf, pot = raw_features([Evidence(person_id=1)], ON, POLICY)
    assert np.isnan(perf).all()
    assert math.isnan(pot[0, 2])  # no mentoring outcome
    assert pot[0, [0, 1, 3, 4]].tolist() == [0.0, 0.0, 0.0, 0.0]


# --- the cohort --------------------------------------------------------------------------
def _cohort(n: int) -> list[Evidence]:
    grades = ["excellent", "competent", "basically_competent"]
    return [
        Evidence(
            person_id=100 + i,
            hire_date=date(2015, 1, 1),
            grades={2023 + k: grades[(i + k) % 3] for k in range(3)},
            cases=(
                CasePeriod(date(2025, 12, 31), 40 + 7 * i, 0.8 + 0.01 * i, 0.05, 0.9 - 0.02 * i),
            ),
            training_hours={2025: 30.0 * i},
            titles=frozenset({"expert_judge"}) if i == 0 else frozenset(),
        )
        for i in range(n)
    ]


def test_score_cohort_breakdown_adds_up_and_ranks_order() -> None:
    results = score_cohort(_cohort(6), ON, POLICY, BOX)
    assert [r.person_id for r in results] == list(range(100, 106))
    for r in results:
        perf = sum(f["contribution"] for f in r.breakdown["performance"].values())
        pot = sum(f["contribution"] for f in r.breakdown["potential"].values())
        assert perf == pytest.approx(r.performance, abs=1e-5)
        assert pot == pytest.approx(r.potential, abs=1e-5)
        assert r.readiness == pytest.approx(0.5 * r.performance + 0.5 * r.potential, abs=1e-5)
        assert set(r.breakdown["performance"]) == set(PERFORMANCE_FEATURES)
        assert set(r.breakdown["potential"]) == set(POTENTIAL_FEATURES)
        assert r.band == band_of(r.readiness, POLICY) and r.cohort_size == 6
    volumes = [r.breakdown["performance"]["volume"]["normalised"] for r in results]
    assert volumes == sorted(volumes) and volumes[0] == 0.0 and volumes[-1] == 1.0


def test_weights_move_the_score() -> None:
    cohort = _cohort(4)
    only_volume = ReadinessPolicy.model_validate(
        {
            "performance": dict.fromkeys(PERFORMANCE_FEATURES, 0.0) | {"volume": 1.0},
            "performance_weight": 1.0,
            "potential_weight": 0.0,
        }
    )
    results = score_cohort(cohort, ON, only_volume, BOX)
    assert [r.readiness for r in results] == pytest.approx([0.0, 1 / 3, 2 / 3, 1.0])


evidence_strategy = st.builds(
    Evidence,
    person_id=st.integers(1, 10_000),
    hire_date=st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2026, 1, 1))),
    grades=st.dictionaries(
        st.integers(2018, 2026),
        st.sampled_from(["excellent", "competent", "basically_competent", "incompetent"]),
    ),
    indicator_scores=st.dictionaries(st.integers(2018, 2026), st.floats(0, 100)),
    cases=st.lists(
        st.builds(
            CasePeriod,
            period_end=st.dates(date(2020, 1, 1), date(2026, 12, 31)),
            cases_closed=st.integers(0, 500),
            on_time_rate=st.one_of(st.none(), st.floats(0, 1)),
            reversal_rate=st.one_of(st.none(), st.floats(0, 1)),
            acceptance_rate=st.one_of(st.none(), st.floats(0, 1)),
        ),
        max_size=4,
    ),
    training_hours=st.dictionaries(st.integers(2020, 2026), st.floats(0, 300)),
    mentor_ratings=st.lists(
        st.tuples(st.dates(date(2020, 1, 1), date(2026, 11, 25)), st.integers(1, 5)), max_size=3
    ),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(evidence_strategy, min_size=1, max_size=12, unique_by=lambda e: e.person_id))
def test_scores_are_bounded_deterministic_and_order_free(cohort: list[Evidence]) -> None:
    first = {r.person_id: r for r in score_cohort(cohort, ON, POLICY, BOX)}
    again = {r.person_id: r for r in score_cohort(list(reversed(cohort)), ON, POLICY, BOX)}
    assert first == again
    for r in first.values():
        assert (
            0.0 <= r.performance <= 1.0 and 0.0 <= r.potential <= 1.0 and 0.0 <= r.readiness <= 1.0
        )
        assert r.placement == placement(r.performance, r.potential, BOX)
