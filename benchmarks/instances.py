"""Synthetic court systems for the matching benchmark.

People sit on a ring of regions: the ring is cut into courts, each court into units
(departments). Every mentee's candidates are the ``eligible`` mentors nearest to it on
the ring, so neighbouring mentees share most candidates and the candidate graph is one
connected component; ``eligible=None`` makes every pair a candidate (a single court).
Skills come from the demo taxonomy (``talent.demo.texts``): each unit has a few core
skills, people hold most of them plus an extra, mentors at higher levels, and mentees
aim above their level. Texts are short Chinese expertise and goal sentences built from
the same vocabulary, so that text similarity follows the skills. Scores then come from
the real feature code (:func:`talent.matching.scoring.pair_features` and ``weighted_scores``), not from
noise.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from talent.demo.texts import GOALS, RELATIONS, SKILLS, STRENGTHS, TOPICS
from talent.matching.graph import RelationRow, SkillRow, skill_proximity
from talent.matching.scoring import DEFAULT_WEIGHTS, PersonTable, pair_features, weighted_scores

MENTORS_PER_UNIT = 40
UNITS_PER_COURT = 8
CORE_SKILLS = 4


@dataclass(frozen=True, eq=False)
class Instance:
    """People, candidate pairs and free slots of one benchmark configuration."""

    mentees: PersonTable
    mentors: PersonTable
    mentee_idx: np.ndarray
    mentor_idx: np.ndarray
    free_slots: np.ndarray
    proximity: np.ndarray

    @property
    def n_pairs(self) -> int:
        return int(self.mentee_idx.size)


def skill_codes_and_proximity() -> tuple[list[str], np.ndarray]:
    """The demo taxonomy's skill codes and their proximity matrix."""
    ids = {code: k + 1 for k, (code, *_rest) in enumerate(SKILLS)}
    rows = [
        SkillRow(ids[code], code, name, ids[parent] if parent else None)
        for code, name, _en, _category, parent in SKILLS
    ]
    relations = [RelationRow(ids[a], ids[b], weight) for a, b, weight in RELATIONS]
    return [code for code, *_ in SKILLS], skill_proximity(rows, relations)


def make_instance(
    n_mentees: int,
    n_mentors: int,
    eligible: int | None,
    *,
    slots: int = 3,
    random_state: int = 0,
) -> Instance:
    """Build one configuration.

    Parameters
    ----------
    n_mentees, n_mentors : int
    eligible : int or None
        Candidate mentors per mentee (the nearest on the ring); None for all pairs.
    slots : int
        Free slots of every mentor.
    random_state : int
        Seed; the same seed gives the same instance.

    Returns
    -------
    Instance
    """
    rng = np.random.default_rng(random_state)
    codes, proximity = skill_codes_and_proximity()
    n_units = max(1, n_mentors // MENTORS_PER_UNIT)
    unit_core = np.stack(
        [rng.choice(len(codes), CORE_SKILLS, replace=False) for _ in range(n_units)]
    )

    mentor_position = np.sort(rng.random(n_mentors))
    mentee_position = rng.random(n_mentees)
    mentors = _people(rng, mentor_position, n_units, unit_core, codes, mentor=True, first_id=1)
    mentees = _people(
        rng, mentee_position, n_units, unit_core, codes, mentor=False, first_id=n_mentors + 1
    )
    # Pairs come grouped by mentee, mentors ascending, as a candidate query would give them.
    if eligible is None or eligible >= n_mentors:
        mentee_idx = np.repeat(np.arange(n_mentees, dtype=np.int64), n_mentors)
        mentor_idx = np.tile(np.arange(n_mentors, dtype=np.int64), n_mentees)
    else:
        centre = np.searchsorted(mentor_position, mentee_position)
        start = centre - eligible // 2
        window = np.sort((start[:, None] + np.arange(eligible)[None, :]) % n_mentors, axis=1)
        mentee_idx = np.repeat(np.arange(n_mentees, dtype=np.int64), eligible)
        mentor_idx = window.ravel().astype(np.int64)
    return Instance(
        mentees=mentees,
        mentors=mentors,
        mentee_idx=mentee_idx,
        mentor_idx=mentor_idx,
        free_slots=np.full(n_mentors, slots, dtype=np.int64),
        proximity=proximity,
    )


def score_pairs(instance: Instance) -> np.ndarray:
    """Scores of the candidate pairs with the default weights, by the real feature code."""
    features = pair_features(
        instance.mentees,
        instance.mentors,
        instance.mentee_idx,
        instance.mentor_idx,
        skill_proximity=instance.proximity,
    )
    return weighted_scores(features, DEFAULT_WEIGHTS)


def _people(
    rng: np.random.Generator,
    position: np.ndarray,
    n_units: int,
    unit_core: np.ndarray,
    codes: list[str],
    *,
    mentor: bool,
    first_id: int,
) -> PersonTable:
    n = position.size
    n_skills = len(codes)
    unit = np.minimum((position * n_units).astype(np.int64), n_units - 1)
    court = unit // UNITS_PER_COURT

    # Skills: three of the unit's core skills and one extra from anywhere.
    pick = np.argsort(rng.random((n, CORE_SKILLS)), axis=1)[:, :3]
    held = np.concatenate(
        [np.take_along_axis(unit_core[unit], pick, axis=1), rng.integers(0, n_skills, (n, 1))],
        axis=1,
    )
    low, high = (3, 6) if mentor else (1, 4)
    level = rng.integers(low, high, held.shape).astype(np.float64)
    level[:, -1] = np.maximum(level[:, -1] - 1, 1)
    rows = np.repeat(np.arange(n), held.shape[1])
    levels = sp.csr_matrix((level.ravel(), (rows, held.ravel())), shape=(n, n_skills))
    levels.data = np.minimum(levels.data, 5.0)  # a repeated extra skill adds up
    if mentor:
        targets = sp.csr_matrix((n, n_skills))
    else:
        # Aim one to three levels higher on two core skills.
        aim = held[:, :2]
        goal = np.minimum(level[:, :2] + rng.integers(1, 4, (n, 2)), 5.0)
        targets = sp.csr_matrix(
            (goal.ravel(), (np.repeat(np.arange(n), 2), aim.ravel())), shape=(n, n_skills)
        )

    if mentor:
        years = rng.uniform(8, 32, n)
        tier = np.ones(n, dtype=np.int8)
        leader = rng.random(n) < 0.06
        expert = rng.random(n) < 0.005
        outcome = np.where(rng.random(n) < 0.6, rng.uniform(2.5, 5.0, n), np.nan)
    else:
        years = rng.uniform(1, 10, n)
        tier = np.full(n, 2, dtype=np.int8)
        leader = np.zeros(n, dtype=bool)
        expert = np.zeros(n, dtype=bool)
        outcome = np.full(n, np.nan)
    years[rng.random(n) < 0.02] = np.nan

    goals = None if mentor else targets
    texts = [_text(rng, codes, held[k], mentor, goals, k) for k in range(n)]
    return PersonTable(
        ids=np.arange(first_id, first_id + n, dtype=np.int64),
        unit_id=unit,
        court_id=court,
        tier=tier,
        years_of_service=years,
        is_business_leader=leader,
        is_expert_judge=expert,
        past_outcome=outcome,
        text=texts,
        levels=levels,
        targets=targets.tocsr(),
    )


def _text(
    rng: np.random.Generator,
    codes: list[str],
    held: np.ndarray,
    mentor: bool,
    targets: sp.csr_matrix | None,
    row: int,
) -> str:
    """An expertise sentence from the held skills; mentees add their goals."""
    parts = []
    for skill in held[:3]:
        code = codes[int(skill)]
        topics = TOPICS.get(code)
        if topics is not None:
            items = rng.choice(len(topics.items), min(2, len(topics.items)), replace=False)
            cases = "、".join(topics.items[int(i)] + topics.suffix for i in items)
            parts.append(topics.work + cases + ("案件" if topics.suffix == "纠纷" else ""))
        strengths = STRENGTHS.get(code)
        if strengths is not None and (mentor or rng.random() < 0.3):
            parts.append(strengths[int(rng.integers(len(strengths)))])
    text = "擅长" + "，".join(parts) if parts else "从事综合工作"
    if targets is not None:
        wanted = targets.indices[targets.indptr[row] : targets.indptr[row + 1]]
        goals = [GOALS[codes[int(s)]] for s in wanted if codes[int(s)] in GOALS]
        if goals:
            text += "。希望" + "，".join(verb + what for verb, what in goals)
    return text + "。"
