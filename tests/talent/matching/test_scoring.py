"""Invariants of pair features and scores, against a slow per-pair reference."""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from talent.matching import scoring
from talent.matching.scoring import (
    DEFAULT_WEIGHTS,
    FEATURES,
    PersonTable,
    breakdown,
    normalise_weights,
    pair_features,
    weighted_scores,
)

SKILL_FIT, TEXT, ORG, SENIORITY, QUALITY = range(len(FEATURES))


def make_table(
    n: int,
    *,
    ids: Sequence[int] | None = None,
    unit_id: Sequence[int] | None = None,
    court_id: Sequence[int] | None = None,
    tier: int | Sequence[int] = 2,
    years: Sequence[float] | None = None,
    leader: Sequence[bool] | None = None,
    expert: Sequence[bool] | None = None,
    outcome: Sequence[float] | None = None,
    text: Sequence[str] | None = None,
    levels: np.ndarray | None = None,
    targets: np.ndarray | None = None,
    n_skills: int = 3,
) -> PersonTable:
    levels = np.zeros((n, n_skills)) if levels is None else np.asarray(levels, dtype=float)
    targets = np.zeros_like(levels) if targets is None else np.asarray(targets, dtype=float)
    return PersonTable(
        ids=np.asarray(range(n) if ids is None else ids, dtype=np.int64),
        unit_id=np.asarray([1] * n if unit_id is None else unit_id, dtype=np.int64),
        court_id=np.asarray([1] * n if court_id is None else court_id, dtype=np.int64),
        tier=np.broadcast_to(np.asarray(tier, dtype=np.int8), (n,)).copy(),
        years_of_service=np.asarray([np.nan] * n if years is None else years, dtype=float),
        is_business_leader=np.asarray([False] * n if leader is None else leader, dtype=bool),
        is_expert_judge=np.asarray([False] * n if expert is None else expert, dtype=bool),
        past_outcome=np.asarray([np.nan] * n if outcome is None else outcome, dtype=float),
        text=list([""] * n if text is None else text),
        levels=sp.csr_matrix(levels),
        targets=sp.csr_matrix(targets),
    )


def all_pairs(n_mentees: int, n_mentors: int) -> tuple[np.ndarray, np.ndarray]:
    e, r = np.meshgrid(np.arange(n_mentees), np.arange(n_mentors), indexing="ij")
    return e.ravel(), r.ravel()


# --- the slow reference ------------------------------------------------------------------
def reference_ngrams(text: str) -> list[str]:
    grams = []
    for run in re.findall(r"\w+", text.lower()):
        grams += [run] if len(run) == 1 else [run[k : k + 2] for k in range(len(run) - 1)]
    return grams


def reference_tfidf(corpus: list[str]) -> list[dict[str, float]]:
    """Smooth idf, sublinear tf, L2 norm: scikit-learn's definition, written out."""
    counts = [Counter(reference_ngrams(doc)) for doc in corpus]
    df = Counter(gram for doc in counts for gram in doc)
    n = len(corpus)
    vectors = []
    for doc in counts:
        vec = {g: (1 + math.log(c)) * (math.log((1 + n) / (1 + df[g])) + 1) for g, c in doc.items()}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        vectors.append({g: v / norm for g, v in vec.items()} if norm else {})
    return vectors


def reference_features(
    mentees: PersonTable,
    mentors: PersonTable,
    pairs: Sequence[tuple[int, int]],
    proximity: np.ndarray,
    cross_unit: bool,
) -> np.ndarray:
    lv_e, tg_e, lv_r = mentees.levels.toarray(), mentees.targets.toarray(), mentors.levels.toarray()
    mentee_ids = set(mentees.ids.tolist())
    corpus = list(mentees.text) + [
        t
        for pid, t in zip(mentors.ids.tolist(), mentors.text, strict=True)
        if pid not in mentee_ids
    ]
    vectors = reference_tfidf(corpus)
    vec_e = vectors[: len(mentees)]
    row_of = {pid: k for k, pid in enumerate(mentees.ids.tolist())}
    extra = iter(vectors[len(mentees) :])
    vec_r = [vectors[row_of[pid]] if pid in row_of else next(extra) for pid in mentors.ids.tolist()]
    rows = []
    for i, j in pairs:
        gaps = credit = 0.0
        for s in range(proximity.shape[0]):
            level, target = lv_e[i, s], tg_e[i, s]
            if target > level:
                cover = max(proximity[s, t] * lv_r[j, t] for t in range(proximity.shape[0]))
                gaps += target - level
                credit += (target - level) * min(1.0, max(0.0, (cover - level) / (target - level)))
        skill = credit / gaps if gaps else 0.5

        text = sum(v * vec_r[j].get(g, 0.0) for g, v in vec_e[i].items())

        if mentees.unit_id[i] == mentors.unit_id[j]:
            org = 1.0
        elif mentees.court_id[i] == mentors.court_id[j]:
            org = 0.6
        else:
            org = 0.25 if cross_unit else 0.0

        gap_years = mentors.years_of_service[j] - mentees.years_of_service[i]
        peak = {1: 12.0, 2: 12.0, 3: 4.0}[int(mentees.tier[i])]
        if math.isnan(gap_years):
            seniority = 0.5
        elif gap_years <= 0:
            seniority = 0.0
        else:
            x = gap_years / peak
            seniority = x * x * math.exp(2 * (1 - x))

        honour = 1.0 if mentors.is_expert_judge[j] else 0.75 if mentors.is_business_leader[j] else 0
        outcome = mentors.past_outcome[j]
        record = 0.5 if math.isnan(outcome) else (outcome - 1) / 4
        quality = 0.4 * honour + 0.6 * record
        rows.append([skill, text, org, seniority, quality])
    return np.array(rows, dtype=float).reshape(-1, len(FEATURES))


# --- random small tables -----------------------------------------------------------------
ALPHABET = "民商刑执行调解立案裁判文书写作庭审驾驭，、 ab"


@st.composite
def tables(draw: st.DrawFn) -> tuple[PersonTable, PersonTable, np.ndarray]:
    n_skills = draw(st.integers(1, 4))
    n_e, n_r = draw(st.integers(1, 5)), draw(st.integers(1, 5))

    def side(n: int, first_id: int, tier: int) -> PersonTable:
        levels = np.array(
            draw(st.lists(st.integers(0, 5), min_size=n * n_skills, max_size=n * n_skills))
        )
        targets = np.array(
            draw(st.lists(st.integers(0, 5), min_size=n * n_skills, max_size=n * n_skills))
        )
        years = draw(
            st.lists(st.one_of(st.just(math.nan), st.floats(0, 40)), min_size=n, max_size=n)
        )
        outcome = draw(
            st.lists(st.one_of(st.just(math.nan), st.floats(1, 5)), min_size=n, max_size=n)
        )
        return make_table(
            n,
            ids=range(first_id, first_id + n),
            unit_id=draw(st.lists(st.integers(0, 3), min_size=n, max_size=n)),
            court_id=None,
            tier=tier,
            years=years,
            leader=draw(st.lists(st.booleans(), min_size=n, max_size=n)),
            expert=draw(st.lists(st.booleans(), min_size=n, max_size=n)),
            outcome=outcome,
            text=draw(st.lists(st.text(ALPHABET, max_size=12), min_size=n, max_size=n)),
            levels=levels.reshape(n, n_skills),
            targets=targets.reshape(n, n_skills),
            n_skills=n_skills,
        )

    mentees, mentors = side(n_e, 100, draw(st.sampled_from([2, 3]))), side(n_r, 200, 1)
    # courts: unit // 2, so units 0,1 share a court and 2,3 another
    mentees = _with_courts(mentees)
    mentors = _with_courts(mentors)
    upper = np.array(draw(st.lists(st.floats(0, 1), min_size=n_skills**2, max_size=n_skills**2)))
    upper = upper.reshape(n_skills, n_skills)
    proximity = np.maximum(upper, upper.T)
    np.fill_diagonal(proximity, 1.0)
    return mentees, mentors, proximity


def _with_courts(table: PersonTable) -> PersonTable:
    return dataclasses.replace(table, court_id=table.unit_id // 2)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=tables(), cross_unit=st.booleans(), chunk=st.integers(1, 8), seed=st.integers(0, 99))
def test_vectorised_features_equal_the_per_pair_reference(
    data: tuple[PersonTable, PersonTable, np.ndarray], cross_unit: bool, chunk: int, seed: int
) -> None:
    mentees, mentors, proximity = data
    e, r = all_pairs(len(mentees), len(mentors))
    order = np.random.default_rng(seed).permutation(e.size)
    e, r = e[order], r[order]
    got = pair_features(
        mentees, mentors, e, r, skill_proximity=proximity, cross_unit=cross_unit, chunk_size=chunk
    )
    want = reference_features(mentees, mentors, list(zip(e, r, strict=True)), proximity, cross_unit)
    assert got.shape == (e.size, len(FEATURES))
    assert np.all((got >= 0) & (got <= 1))
    np.testing.assert_allclose(got, want, rtol=0, atol=1e-12)


@pytest.mark.parametrize("way", ["product", "stream_a", "stream_b", "sparse"])
def test_every_way_of_the_sampled_product_agrees(way: str) -> None:
    rng = np.random.default_rng(7)
    a = sp.random(30, 12, density=0.3, random_state=rng, format="csr")
    b = sp.random(20, 12, density=0.3, random_state=rng, format="csr")
    e, r = rng.integers(0, 30, 500), rng.integers(0, 20, 500)
    want = np.einsum("pk,pk->p", a.toarray()[e], b.toarray()[r])
    got = scoring._SampledDot(a, b)(e, r, way=way)
    np.testing.assert_allclose(got, want, rtol=0, atol=1e-12)
    if way in ("product", "stream_a"):
        dense_b = scoring._SampledDot(a, b.toarray())(e, r, way=way)
        np.testing.assert_allclose(dense_b, want, rtol=0, atol=1e-12)
    else:
        with pytest.raises(ValueError, match="not possible"):
            scoring._SampledDot(a, b.toarray())(e, r, way=way)


def test_medium_tables_match_the_reference_whichever_way_chunks_are_computed() -> None:
    rng = np.random.default_rng(11)
    n_e, n_r, n_skills = 300, 60, 6
    words = ["民事审判", "商事", "调解", "执行", "立案", "裁判文书", "庭审", "调研", "普法"]

    def texts(n: int) -> list[str]:
        return ["、".join(rng.choice(words, rng.integers(1, 4))) for _ in range(n)]

    mentees = make_table(
        n_e,
        unit_id=rng.integers(0, 8, n_e),
        court_id=None,
        tier=3,
        years=rng.uniform(0, 6, n_e),
        text=texts(n_e),
        levels=rng.integers(0, 4, (n_e, n_skills)) * (rng.random((n_e, n_skills)) < 0.5),
        targets=rng.integers(0, 6, (n_e, n_skills)) * (rng.random((n_e, n_skills)) < 0.3),
        n_skills=n_skills,
    )
    mentees = _with_courts(mentees)
    mentors = _with_courts(
        make_table(
            n_r,
            ids=range(1000, 1000 + n_r),
            unit_id=rng.integers(0, 8, n_r),
            tier=2,
            years=rng.uniform(2, 12, n_r),
            leader=rng.random(n_r) < 0.2,
            outcome=np.where(rng.random(n_r) < 0.5, np.nan, rng.uniform(1, 5, n_r)),
            text=texts(n_r),
            levels=rng.integers(0, 6, (n_r, n_skills)) * (rng.random((n_r, n_skills)) < 0.6),
            n_skills=n_skills,
        )
    )
    upper = np.where(rng.random((n_skills, n_skills)) < 0.3, rng.random((n_skills, n_skills)), 0)
    proximity = np.maximum(upper, upper.T)
    np.fill_diagonal(proximity, 1.0)
    # every mentee sees a window of mentors (structured), plus a sprinkle of random pairs
    e = np.repeat(np.arange(n_e), 10)
    r = (np.repeat(rng.integers(0, n_r, n_e), 10) + np.tile(np.arange(10), n_e)) % n_r
    e = np.concatenate([e, rng.integers(0, n_e, 500)])
    r = np.concatenate([r, rng.integers(0, n_r, 500)])
    want = reference_features(mentees, mentors, list(zip(e, r, strict=True)), proximity, False)
    for chunk in (64, 700, 10_000):
        got = pair_features(
            mentees, mentors, e, r, skill_proximity=proximity, cross_unit=False, chunk_size=chunk
        )
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-12)


def test_pair_order_does_not_change_features() -> None:
    rng = np.random.default_rng(3)
    n_e, n_r, n_skills = 40, 25, 5
    mentees = make_table(
        n_e,
        unit_id=rng.integers(0, 6, n_e),
        court_id=None,
        years=rng.uniform(0, 10, n_e),
        text=["".join(rng.choice(list(ALPHABET), 8)) for _ in range(n_e)],
        levels=rng.integers(0, 4, (n_e, n_skills)),
        targets=rng.integers(0, 6, (n_e, n_skills)),
        n_skills=n_skills,
    )
    mentors = make_table(
        n_r,
        ids=range(1000, 1000 + n_r),
        tier=1,
        years=rng.uniform(5, 30, n_r),
        text=["".join(rng.choice(list(ALPHABET), 8)) for _ in range(n_r)],
        levels=rng.integers(0, 6, (n_r, n_skills)),
        n_skills=n_skills,
    )
    proximity = np.eye(n_skills)
    e, r = all_pairs(n_e, n_r)
    keep = rng.random(e.size) < 0.4
    e, r = e[keep], r[keep]
    sorted_result = pair_features(mentees, mentors, e, r, skill_proximity=proximity, chunk_size=50)
    shuffle = rng.permutation(e.size)
    shuffled = pair_features(
        mentees, mentors, e[shuffle], r[shuffle], skill_proximity=proximity, chunk_size=50
    )
    np.testing.assert_allclose(shuffled, sorted_result[shuffle], rtol=0, atol=1e-12)
    again = pair_features(
        mentees, mentors, e[shuffle], r[shuffle], skill_proximity=proximity, chunk_size=50
    )
    assert np.array_equal(again, shuffled), "same input, same bits"


# --- skill fit ---------------------------------------------------------------------------
def skill_fit(mentee_levels, mentee_targets, mentor_levels, proximity) -> np.ndarray:
    mentees = make_table(
        1, levels=[mentee_levels], targets=[mentee_targets], n_skills=len(proximity)
    )
    n_r = len(mentor_levels)
    mentors = make_table(n_r, ids=range(10, 10 + n_r), tier=1, levels=mentor_levels)
    e, r = all_pairs(1, n_r)
    return pair_features(mentees, mentors, e, r, skill_proximity=np.asarray(proximity))[
        :, SKILL_FIT
    ]


def test_skill_fit_rises_with_the_mentors_level_in_the_gap_skill() -> None:
    fit = skill_fit([1, 0], [4, 0], [[k, 0] for k in range(6)], np.eye(2))
    np.testing.assert_allclose(fit, [0, 0, 1 / 3, 2 / 3, 1, 1])
    assert np.all(np.diff(fit) >= 0)


def test_related_skill_gives_partial_credit_below_the_skill_itself() -> None:
    proximity = np.array([[1.0, 0.6, 0.0], [0.6, 1.0, 0.0], [0.0, 0.0, 1.0]])
    own, related, unrelated = skill_fit(
        [0, 0, 0], [4, 0, 0], [[5, 0, 0], [0, 5, 0], [0, 0, 5]], proximity
    )
    assert own == 1.0
    assert 0 < related < own
    assert related == pytest.approx(0.6 * 5 / 4)
    assert unrelated == 0.0


def test_skill_fit_weighs_gaps_by_size_and_is_neutral_without_gaps() -> None:
    # gap 3 in skill 0, gap 1 in skill 1; the mentor covers only skill 1
    (fit,) = skill_fit([1, 2], [4, 3], [[0, 5]], np.eye(2))
    assert fit == pytest.approx(1 / 4)
    (no_gap,) = skill_fit([3, 2], [3, 0], [[5, 5]], np.eye(2))
    assert no_gap == scoring.NEUTRAL


def test_a_system_without_skills_yet_scores_skill_fit_neutral() -> None:
    mentees = make_table(2, n_skills=0, text=["民事审判", ""])
    mentors = make_table(3, ids=[5, 6, 7], tier=1, n_skills=0, text=["民事审判", "刑事", ""])
    e, r = all_pairs(2, 3)
    got = pair_features(mentees, mentors, e, r, skill_proximity=np.zeros((0, 0)))
    assert np.all(got[:, SKILL_FIT] == scoring.NEUTRAL)
    assert got[0, TEXT] == pytest.approx(1.0)


def test_mentor_coverage_takes_the_best_related_skill() -> None:
    proximity = np.array([[1.0, 0.5], [0.5, 1.0]])
    cover = scoring.mentor_coverage(sp.csr_matrix([[4, 2], [0, 0]]), proximity)
    np.testing.assert_allclose(cover, [[4, 2], [0, 0]])
    cover = scoring.mentor_coverage(np.array([[0, 5]]), proximity)
    np.testing.assert_allclose(cover, [[2.5, 5]])


# --- text ---------------------------------------------------------------------------------
def text_similarity(mentee_text: str, mentor_texts: list[str]) -> np.ndarray:
    mentees = make_table(1, text=[mentee_text], n_skills=1)
    n_r = len(mentor_texts)
    mentors = make_table(n_r, ids=range(10, 10 + n_r), tier=1, text=mentor_texts, n_skills=1)
    e, r = all_pairs(1, n_r)
    return pair_features(mentees, mentors, e, r, skill_proximity=np.eye(1))[:, TEXT]


def test_text_similarity_is_one_for_identical_and_zero_for_disjoint_texts() -> None:
    mentee = "擅长民事审判，熟悉调解工作"
    others = [mentee, "精通刑法理论研究", "擅长民事审判和调解", ""]
    same, disjoint, overlap, empty = text_similarity(mentee, others)
    assert same == pytest.approx(1.0, abs=1e-12)
    assert disjoint == 0.0
    assert 0.2 < overlap < 1.0
    assert empty == 0.0


def test_text_similarity_when_nobody_wrote_anything() -> None:
    assert text_similarity("", ["", "，"]).tolist() == [0.0, 0.0]


def test_person_in_both_tables_is_one_document() -> None:
    shared = make_table(2, ids=[1, 2], text=["民事审判", "刑事审判"], n_skills=1)
    mentors = make_table(2, ids=[2, 3], tier=1, text=["刑事审判", "民事调解"], n_skills=1)
    e, r = all_pairs(2, 2)
    got = pair_features(shared, mentors, e, r, skill_proximity=np.eye(1))
    want = reference_features(shared, mentors, list(zip(e, r, strict=True)), np.eye(1), True)
    np.testing.assert_allclose(got, want, atol=1e-12)


# --- org, seniority, quality ---------------------------------------------------------------
def test_org_proximity_orders_department_court_other_court() -> None:
    mentees = make_table(1, unit_id=[10], court_id=[1], n_skills=1)
    mentors = make_table(
        3, ids=[5, 6, 7], tier=1, unit_id=[10, 11, 20], court_id=[1, 1, 2], n_skills=1
    )
    e, r = all_pairs(1, 3)
    cross = pair_features(mentees, mentors, e, r, skill_proximity=np.eye(1))[:, ORG]
    assert cross[0] > cross[1] > cross[2] > 0
    local = pair_features(mentees, mentors, e, r, skill_proximity=np.eye(1), cross_unit=False)
    assert local[:, ORG].tolist() == [cross[0], cross[1], 0.0]


@pytest.mark.parametrize(("tier", "peak"), [(2, 12.0), (3, 4.0)])
def test_seniority_is_a_bump_peaking_at_the_useful_gap(tier: int, peak: float) -> None:
    gaps = np.array([-5, 0, peak / 4, peak / 2, peak, 2 * peak, 4 * peak])
    mentees = make_table(1, tier=tier, years=[2.0], n_skills=1)
    mentors = make_table(
        len(gaps), ids=range(10, 10 + len(gaps)), tier=1, years=2.0 + gaps, n_skills=1
    )
    e, r = all_pairs(1, len(gaps))
    got = pair_features(mentees, mentors, e, r, skill_proximity=np.eye(1))[:, SENIORITY]
    assert got[0] == got[1] == 0.0
    assert got[4] == pytest.approx(1.0)
    assert got[2] < got[3] < got[4] > got[5] > got[6]
    assert got[6] < 0.1


def test_seniority_is_neutral_when_years_are_unknown() -> None:
    mentees = make_table(2, years=[np.nan, 3.0], n_skills=1)
    mentors = make_table(2, ids=[7, 8], tier=1, years=[10.0, np.nan], n_skills=1)
    e, r = all_pairs(2, 2)
    unknown_mentee_1, unknown_mentee_2, known, unknown_mentor = pair_features(
        mentees, mentors, e, r, skill_proximity=np.eye(1)
    )[:, SENIORITY]
    assert unknown_mentee_1 == unknown_mentee_2 == unknown_mentor == scoring.NEUTRAL
    assert known == pytest.approx((7 / 12) ** 2 * math.exp(2 * (1 - 7 / 12)))


def test_mentor_quality_rewards_honours_and_good_outcomes() -> None:
    mentors = make_table(
        5,
        tier=1,
        expert=[True, False, False, False, False],
        leader=[True, True, False, False, False],
        outcome=[np.nan, np.nan, np.nan, 5.0, 1.0],
        n_skills=1,
    )
    mentees = make_table(1, ids=[99], n_skills=1)
    e, r = all_pairs(1, 5)
    expert, leader, plain, good, poor = pair_features(
        mentees, mentors, e, r, skill_proximity=np.eye(1)
    )[:, QUALITY]
    assert expert > leader > plain
    assert good > plain > poor
    assert plain == pytest.approx(0.6 * 0.5)


# --- weights and scores ------------------------------------------------------------------
def test_default_weights_cover_every_feature_and_sum_to_one() -> None:
    assert tuple(DEFAULT_WEIGHTS) == FEATURES
    assert math.fsum(DEFAULT_WEIGHTS.values()) == pytest.approx(1.0)
    assert normalise_weights(None) == DEFAULT_WEIGHTS
    assert normalise_weights(None) is not DEFAULT_WEIGHTS


def test_partial_weights_take_defaults_then_normalise() -> None:
    weights = normalise_weights({"skill_fit": 0.35 * 3})
    total = 0.35 * 3 + (1 - 0.35)
    assert weights["skill_fit"] == pytest.approx(0.35 * 3 / total)
    assert weights["seniority"] == pytest.approx(0.15 / total)
    assert math.fsum(weights.values()) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({"charisma": 1.0}, "charisma"),
        ({"skill_fit": -0.1}, "negative"),
        ({"seniority": math.nan}, "finite"),
        ({"seniority": math.inf}, "finite"),
        ({"seniority": "high"}, "number"),
        (dict.fromkeys(FEATURES, 0.0), "all zero"),
    ],
)
def test_bad_weights_are_refused_with_a_reason(weights: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        normalise_weights(weights)


@settings(max_examples=80, deadline=None)
@given(
    features=st.lists(
        st.lists(st.floats(0, 1), min_size=len(FEATURES), max_size=len(FEATURES)), max_size=20
    ),
    weights=st.dictionaries(st.sampled_from(FEATURES), st.floats(0, 1e6)),
)
def test_breakdown_adds_up_to_the_score(features: list, weights: dict) -> None:
    assume(len(weights) < len(FEATURES) or any(w > 0 for w in weights.values()))
    matrix = np.array(features, dtype=float).reshape(-1, len(FEATURES))
    scores, parts = weighted_scores(matrix, weights), breakdown(matrix, weights)
    normalised = normalise_weights(weights)
    np.testing.assert_allclose(parts, matrix * [normalised[f] for f in FEATURES], atol=0)
    assert np.all(np.abs(parts.sum(axis=1) - scores) <= 1e-9)
    assert np.all((scores >= 0) & (scores <= 1 + 1e-12))


def test_scores_and_breakdown_refuse_the_wrong_shape() -> None:
    with pytest.raises(ValueError, match="shape"):
        weighted_scores(np.zeros((3, 4)), {})
    with pytest.raises(ValueError, match="shape"):
        breakdown(np.zeros((3, 4)), {})


# --- validation --------------------------------------------------------------------------
def test_bad_inputs_are_refused() -> None:
    mentees = make_table(2, n_skills=2)
    mentors = make_table(2, ids=[5, 6], tier=1, n_skills=2)
    with pytest.raises(ValueError, match="mentor_idx"):
        pair_features(mentees, mentors, [0, 1], [0, 2], skill_proximity=np.eye(2))
    with pytest.raises(ValueError, match="differ in length"):
        pair_features(mentees, mentors, [0, 1], [0], skill_proximity=np.eye(2))
    with pytest.raises(ValueError, match="skill_proximity"):
        pair_features(mentees, mentors, [0], [0], skill_proximity=np.eye(3))
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        pair_features(mentees, mentors, [0], [0], skill_proximity=np.full((2, 2), np.nan))
    with pytest.raises(ValueError, match="sorted by id"):
        make_table(2, ids=[3, 1])
    with pytest.raises(ValueError, match="unit_id"):
        make_table(2, unit_id=[1])
    assert pair_features(mentees, mentors, [], [], skill_proximity=np.eye(2)).shape == (0, 5)
