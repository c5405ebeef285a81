"""Pair features and scores for mentor matching.

Every candidate pair (mentee, mentor) gets five features in ``[0, 1]``, in the order
of :data:`FEATURES`; a score is their weighted sum. The functions here are pure: they
take column arrays (:class:`PersonTable`) and index arrays, never a session, and they
compute all pairs at once with numpy and scipy.sparse, chunk by chunk, without a Python
loop over pairs.

Notes
-----
Let ``i`` be a mentee and ``j`` a mentor.

**skill_fit** (graph-aware). For every skill ``s`` the mentee's gap is
``gap_is = max(0, target_is - level_is)`` and ``G_i = sum_s gap_is``. A mentor covers
skill ``s`` through the best related skill they hold::

    cover_js = max_t P[s, t] * level_jt

where ``P`` is the skill proximity matrix (:func:`talent.matching.graph.skill_proximity`,
``P[s, s] = 1``, relation weights multiplied and decayed along taxonomy paths). The
share of the gap the mentor can teach is
``credit_ijs = clip((cover_js - level_is) / (target_is - level_is), 0, 1)``: a mentor at
or below the mentee's level teaches nothing, one at or above the target covers it all.
Then::

    skill_fit_ij = sum_s gap_is * credit_ijs / G_i        (0.5 when G_i = 0)

so the largest gaps count most. Holding a related skill ``t`` with ``P[s, t] < 1``
gives partial credit, less than holding ``s`` itself at the same level.

**text_similarity**. Cosine similarity of TF-IDF vectors of the free text
(expertise + goals). Chinese needs no word segmenter: the analyzer splits a text into
runs of word characters (``\\w+``: hanzi, letters, digits), lower-cased, and emits the
overlapping character bigrams of each run (a one-character run gives that character),
the classic indexing of unsegmented Chinese (as Lucene's CJK analyzer does). The
vectorizer (``TfidfVectorizer(sublinear_tf=True, norm="l2")``, smooth idf,
``idf = ln((1 + n) / (1 + df)) + 1``, ``tf = 1 + ln(count)``) is fitted once per call on
the distinct people of both tables. Identical non-empty texts give 1, texts sharing no
bigram give 0, an empty text gives 0.

**org_proximity**. ``1.0`` in the same unit (department, or the same court for people
attached to a court directly), ``0.6`` in another unit of the same court, and ``0.25``
in another court where cross-unit mentoring is allowed (``cross_unit=True``), else
``0.0``. Filtering pairs is the candidate generator's job; with ``cross_unit=False`` a
pair from another court that still reaches this function scores nothing here.

**seniority**. With ``d = years_j - years_i`` and a useful gap ``p`` that depends on the
mentee's tier (:data:`SENIORITY_PEAK_YEARS`: 12 years for young staff under a senior
judge, 4 for a clerk under young staff), ``x = d / p`` and::

    seniority_ij = x**k * exp(k * (1 - x))   for d > 0, else 0     (k = 2)

a smooth bump equal to 1 at ``d = p``, 0 when the mentor is not senior to the mentee,
and falling towards 0 when the gap is absurdly large (``0.06`` at ``x = 3.75``). When
either side's years of service are unknown the feature is the neutral 0.5.

**mentor_quality** (a property of the mentor alone)::

    honour_j  = 1.0 if expert judge, else 0.75 if trial business leader, else 0
    record_j  = (past_outcome_j - 1) / 4        (0.5 when the mentor has no ended pairing)
    quality_j = 0.4 * honour_j + 0.6 * record_j

**score**. ``score_ij = sum_k w_k * feature_ijk`` with weights normalised to sum 1
(:func:`normalise_weights`), so every score is in ``[0, 1]`` and a breakdown
``w_k * feature_ijk`` adds up to it (:func:`weighted_scores`, :func:`breakdown`).

Computation: per-mentor quantities (coverage, credit per gap kind, quality, TF-IDF rows)
and per-mentee quantities (weighted gaps, TF-IDF rows) are built once. Skill fit and
text similarity are both bilinear, ``a_i . b_j`` for a mentee row and a mentor row:
for skill fit, column ``k`` is a gap kind ``(s, level, target)`` occurring among the
mentees, ``a_ik = gap_is / G_i`` and ``b_jk = credit`` for that kind. Pairs are cut into
chunks of ``chunk_size``; when their order spreads a chunk over many distinct mentees
and mentors, they are first regrouped (mentees ranked by court and by the mean position
of their candidate mentors, a linear-time radix sort). Each chunk then takes the
cheapest of a dense matrix product over its distinct mentees and mentors sampled at the
pairs, a per-pair product of one side's sparse rows with the other side's dense rows,
or scipy's sparse elementwise product; they agree up to floating-point rounding
(~1e-15). Memory stays within the output, a few chunk-sized arrays and one dense block
of at most 2**24 entries (128 MB).
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Callable, Mapping, Sized
from dataclasses import dataclass
from typing import Any, TypeGuard

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

__all__ = [
    "DEFAULT_WEIGHTS",
    "FEATURES",
    "NEUTRAL",
    "ORG_OTHER_COURT",
    "ORG_SAME_COURT",
    "ORG_SAME_UNIT",
    "SENIORITY_PEAK_YEARS",
    "PersonTable",
    "breakdown",
    "mentor_coverage",
    "normalise_weights",
    "pair_features",
    "weighted_scores",
]

FEATURES: tuple[str, ...] = (
    "skill_fit",
    "text_similarity",
    "org_proximity",
    "seniority",
    "mentor_quality",
)

DEFAULT_WEIGHTS: dict[str, float] = {
    "skill_fit": 0.35,
    "text_similarity": 0.20,
    "org_proximity": 0.15,
    "seniority": 0.15,
    "mentor_quality": 0.15,
}
"""Default feature weights: skills first, as the issue asks, the rest in support."""

NEUTRAL = 0.5
"""A feature's value when there is nothing to judge it on (no gap, unknown years)."""

ORG_SAME_UNIT = 1.0
ORG_SAME_COURT = 0.6
ORG_OTHER_COURT = 0.25

SENIORITY_PEAK_YEARS: dict[int, float] = {1: 12.0, 2: 12.0, 3: 4.0}
"""The most useful experience gap, in years, by the mentee's tier."""

SENIORITY_SHAPE = 2.0
HONOUR_SHARE = 0.4
EXPERT_JUDGE_HONOUR = 1.0
BUSINESS_LEADER_HONOUR = 0.75

_WORD_RUN = re.compile(r"\w+")


def normalise_weights(weights: Mapping[str, float] | None) -> dict[str, float]:
    """Complete and normalise feature weights.

    Parameters
    ----------
    weights : mapping of feature name to weight, or None
        None gives :data:`DEFAULT_WEIGHTS`. Features missing from a partial mapping take
        their default weight before normalising.

    Returns
    -------
    dict
        One weight per feature of :data:`FEATURES`, in that order, summing to 1.

    Raises
    ------
    ValueError
        On an unknown feature name, a weight that is not a finite number or is
        negative, or weights that are all zero; the message names the problem.

    Examples
    --------
    >>> w = normalise_weights({"skill_fit": 0.0, "text_similarity": 0.45})
    >>> round(w["text_similarity"], 6)
    0.5
    """
    if weights is None:
        return dict(DEFAULT_WEIGHTS)
    unknown = sorted(str(name) for name in weights if name not in DEFAULT_WEIGHTS)
    if unknown:
        names = ", ".join(map(repr, unknown))
        raise ValueError(f"unknown feature {names}; expected one of {', '.join(FEATURES)}")
    merged: dict[str, float] = {}
    for name in FEATURES:
        value = weights.get(name, DEFAULT_WEIGHTS[name])
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise ValueError(f"weight of {name!r} must be a number, got {value!r}")
        value = float(value)
        if not math.isfinite(value):
            raise ValueError(f"weight of {name!r} must be finite, got {value!r}")
        if value < 0:
            raise ValueError(f"weight of {name!r} must not be negative, got {value!r}")
        merged[name] = value
    total = math.fsum(merged.values())
    if total == 0:
        raise ValueError("weights are all zero: at least one feature needs a positive weight")
    return {name: value / total for name, value in merged.items()}


@dataclass(frozen=True, eq=False)
class PersonTable:
    """People as column arrays, one row per person, rows sorted by id.

    Attributes
    ----------
    ids : ndarray of int64
    unit_id : ndarray of int64
        The person's unit: a department, or a court for people attached to it directly.
    court_id : ndarray of int64
        The court that unit belongs to (the unit itself for a court).
    tier : ndarray of int8
        1 senior judge, 2 young staff, 3 clerk.
    years_of_service : ndarray of float64
        NaN where unknown.
    is_business_leader, is_expert_judge : ndarray of bool
    past_outcome : ndarray of float64
        Mean outcome rating (1..5) of the person's ended pairings as mentor; NaN if none.
    text : list of str
        Expertise and goals, free text.
    levels, targets : scipy.sparse.csr_matrix, shape (n, n_skills)
        Skill level 0..5 and target level 0..5 (0 where none); columns in the order of
        the skill proximity matrix.
    """

    ids: np.ndarray
    unit_id: np.ndarray
    court_id: np.ndarray
    tier: np.ndarray
    years_of_service: np.ndarray
    is_business_leader: np.ndarray
    is_expert_judge: np.ndarray
    past_outcome: np.ndarray
    text: list[str]
    levels: sp.csr_matrix
    targets: sp.csr_matrix

    def __post_init__(self) -> None:
        n = len(self.ids)
        columns: dict[str, Sized] = {
            "unit_id": self.unit_id,
            "court_id": self.court_id,
            "tier": self.tier,
            "years_of_service": self.years_of_service,
            "is_business_leader": self.is_business_leader,
            "is_expert_judge": self.is_expert_judge,
            "past_outcome": self.past_outcome,
            "text": self.text,
        }
        for name, column in columns.items():
            if len(column) != n:
                raise ValueError(f"PersonTable.{name} has {len(column)} rows, ids has {n}")
        if self.levels.shape[0] != n or self.targets.shape != self.levels.shape:
            raise ValueError(
                f"PersonTable.levels {self.levels.shape} and targets {self.targets.shape} "
                f"must both have {n} rows and the same number of skills"
            )
        if n > 1 and not bool(np.all(np.diff(self.ids) > 0)):
            raise ValueError("PersonTable rows must be sorted by id, ids unique")

    @property
    def n_skills(self) -> int:
        return int(self.levels.shape[1])

    def __len__(self) -> int:
        return len(self.ids)


def pair_features(
    mentees: PersonTable,
    mentors: PersonTable,
    mentee_idx: np.ndarray,
    mentor_idx: np.ndarray,
    *,
    skill_proximity: np.ndarray,
    cross_unit: bool = True,
    chunk_size: int = 200_000,
    on_chunk: Callable[[int, int], None] | None = None,
) -> np.ndarray:
    """Feature matrix of candidate pairs.

    Parameters
    ----------
    mentees, mentors : PersonTable
        The two sides; a person may appear in both.
    mentee_idx, mentor_idx : ndarray of int, shape (n_pairs,)
        Row positions (not ids) into ``mentees`` and ``mentors``: pair ``p`` is
        ``(mentees[mentee_idx[p]], mentors[mentor_idx[p]])``. Any order; pairs grouped
        by mentee are fastest.
    skill_proximity : ndarray, shape (n_skills, n_skills)
        ``P[s, t]``: how much holding ``t`` covers ``s`` (see
        :func:`talent.matching.graph.skill_proximity`); values in ``[0, 1]``.
    cross_unit : bool, default True
        Whether mentoring across courts is allowed (see ``org_proximity`` in Notes).
    chunk_size : int, default 200_000
        Pairs per chunk; bounds the working memory to a few dense
        ``(chunk_size, n_features)`` blocks plus one product over a chunk's people.
    on_chunk : callable ``(pairs_done, n_pairs)``, optional
        Called after each chunk, for a progress bar on large runs.

    Returns
    -------
    ndarray of float64, shape (n_pairs, len(FEATURES))
        Column ``k`` is feature ``FEATURES[k]``; every value is in ``[0, 1]``.

    Notes
    -----
    The formulas are in the module docstring. Deterministic: the same inputs give the
    same output bit for bit.
    """
    mentee_idx = _as_index(mentee_idx, len(mentees), "mentee_idx")
    mentor_idx = _as_index(mentor_idx, len(mentors), "mentor_idx")
    if mentee_idx.shape != mentor_idx.shape:
        raise ValueError(
            f"mentee_idx and mentor_idx differ in length: {mentee_idx.size} != {mentor_idx.size}"
        )
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be positive, got {chunk_size}")
    proximity = np.asarray(skill_proximity, dtype=np.float64)
    n_skills = mentees.n_skills
    if mentors.n_skills != n_skills or proximity.shape != (n_skills, n_skills):
        raise ValueError(
            f"skill_proximity {proximity.shape} must be (n_skills, n_skills) with n_skills "
            f"= {n_skills} (mentees) = {mentors.n_skills} (mentors)"
        )
    if not np.all((proximity >= 0) & (proximity <= 1)):  # NaN fails both
        raise ValueError("skill_proximity must hold values in [0, 1]")

    n_pairs = mentee_idx.size
    out = np.empty((n_pairs, len(FEATURES)), dtype=np.float64)
    if n_pairs == 0:
        return out

    gap_rows, cover_rows, has_gap = _skill_operands(mentees, mentors, proximity)
    text_mentees, text_mentors = _text_operands(mentees, mentors)
    quality = _mentor_quality(mentors)
    peak = _seniority_peaks(mentees.tier)
    other_court = ORG_OTHER_COURT if cross_unit else 0.0

    order = _pair_order(mentee_idx, mentor_idx, mentees, chunk_size)
    skill_dot = _SampledDot(gap_rows, cover_rows)
    text_dot = _SampledDot(text_mentees, text_mentors)
    for start in range(0, n_pairs, chunk_size):
        rows = order[start : start + chunk_size] if order is not None else None
        window = slice(start, start + chunk_size)
        e = mentee_idx[rows] if rows is not None else mentee_idx[window]
        r = mentor_idx[rows] if rows is not None else mentor_idx[window]
        block = np.empty((e.size, len(FEATURES)), dtype=np.float64)

        compacted = skill_dot.compact(e, r)  # the same people for both products
        fit = skill_dot(e, r, compacted=compacted)
        block[:, 0] = np.where(has_gap[e], fit, NEUTRAL)
        block[:, 1] = text_dot(e, r, compacted=compacted)
        same_unit = mentees.unit_id[e] == mentors.unit_id[r]
        same_court = mentees.court_id[e] == mentors.court_id[r]
        block[:, 2] = np.where(
            same_unit, ORG_SAME_UNIT, np.where(same_court, ORG_SAME_COURT, other_court)
        )
        block[:, 3] = _seniority(mentees.years_of_service[e], mentors.years_of_service[r], peak[e])
        block[:, 4] = quality[r]
        np.clip(block, 0.0, 1.0, out=block)

        if rows is not None:
            out[rows] = block
        else:
            out[window] = block
        if on_chunk is not None:
            on_chunk(min(start + chunk_size, n_pairs), n_pairs)
    return out


def weighted_scores(features: np.ndarray, weights: Mapping[str, float]) -> np.ndarray:
    """Scores of pairs: ``sum_k w_k * features[:, k]`` with normalised weights.

    Parameters
    ----------
    features : ndarray, shape (n_pairs, len(FEATURES))
        As returned by :func:`pair_features`.
    weights : mapping of feature name to weight
        Normalised with :func:`normalise_weights` (partial mappings allowed).

    Returns
    -------
    ndarray of float64, shape (n_pairs,)
        In ``[0, 1]`` (clipped against rounding); equal to ``breakdown(...).sum(axis=1)``
        up to rounding (~1e-16). One matrix-vector product: no ``(n_pairs, n_features)``
        temporary, which on ten million pairs would cost more than the features.

    Examples
    --------
    >>> scores = weighted_scores(np.ones((2, len(FEATURES))), {"skill_fit": 1.0})
    >>> bool(np.allclose(scores, 1.0))
    True
    """
    features = _feature_matrix(features)
    scores = features @ _weight_vector(weights)
    return np.clip(scores, 0.0, 1.0, out=scores)


def breakdown(features: np.ndarray, weights: Mapping[str, float]) -> np.ndarray:
    """Each pair's contributions ``w_k * features[:, k]``, which add up to its score.

    Meant for the few pairs a planner reads (proposals, suggestions, explanations), not
    for every candidate pair.
    """
    return _feature_matrix(features) * _weight_vector(weights)


def _feature_matrix(features: np.ndarray) -> np.ndarray:
    features = np.asarray(features, dtype=np.float64)
    if features.ndim != 2 or features.shape[1] != len(FEATURES):
        raise ValueError(
            f"features must have shape (n_pairs, {len(FEATURES)}), got {features.shape}"
        )
    return features


def _weight_vector(weights: Mapping[str, float]) -> np.ndarray:
    normalised = normalise_weights(weights)
    return np.array([normalised[name] for name in FEATURES], dtype=np.float64)


def _is_sparse(matrix: object) -> TypeGuard[Any]:
    """``scipy.sparse.issparse``, narrowing for mypy: scipy ships no types, its matrices are Any."""
    return bool(sp.issparse(matrix))


def mentor_coverage(levels: sp.spmatrix | np.ndarray, proximity: np.ndarray) -> np.ndarray:
    """How well each person covers each skill, directly or through related skills.

    Parameters
    ----------
    levels : sparse matrix or ndarray, shape (n, n_skills)
        Skill levels 0..5.
    proximity : ndarray, shape (n_skills, n_skills)
        ``P[s, t]``, with ``P[s, s] = 1``.

    Returns
    -------
    ndarray of float64, shape (n, n_skills)
        ``cover[j, s] = max_t P[s, t] * levels[j, t]``.
    """
    dense = levels.toarray() if _is_sparse(levels) else np.asarray(levels)
    dense = dense.astype(np.float64, copy=False)
    n, n_skills = dense.shape
    cover = np.empty((n, n_skills), dtype=np.float64)
    step = max(1, (1 << 22) // max(1, n_skills * n_skills))
    for start in range(0, n, step):
        part = dense[start : start + step]
        products = part[:, None, :] * proximity[None, :, :]
        cover[start : start + step] = products.max(axis=2, initial=0.0)
    return cover


# --- skill fit ---------------------------------------------------------------------------
def _skill_operands(
    mentees: PersonTable, mentors: PersonTable, proximity: np.ndarray
) -> tuple[sp.csr_matrix, np.ndarray, np.ndarray]:
    """Factor skill fit as ``a_i . b_j`` over the distinct (skill, level, target) gaps.

    Column ``k`` stands for one gap kind ``(s_k, l_k, t_k)`` occurring among the mentees.
    ``a_ik = gap_is / G_i`` when mentee ``i`` has that gap; ``b_jk`` is the mentor's
    credit ``clip((cover_js - l_k) / (t_k - l_k), 0, 1)``. Returns ``(a, b, has_gap)``.
    """
    rows, skills, target = _entries(mentees.targets)
    level_rows, level_skills, levels = _entries(mentees.levels)
    n_skills = mentees.n_skills
    level_keys = level_rows * n_skills + level_skills
    wanted = rows * n_skills + skills
    level = np.zeros(rows.size, dtype=np.float64)
    if level_keys.size:
        at = np.minimum(np.searchsorted(level_keys, wanted), level_keys.size - 1)
        found = level_keys[at] == wanted
        level[found] = levels[at[found]]
    keep = target > level
    rows, skills, level, target = rows[keep], skills[keep], level[keep], target[keep]
    gap = target - level
    total = np.bincount(rows, weights=gap, minlength=len(mentees))
    has_gap = total > 0

    gap_kinds = np.column_stack([skills, level, target])
    kinds, kind_of = np.unique(gap_kinds, axis=0, return_inverse=True)
    weights = gap / total[rows]
    gap_rows = sp.csr_matrix(
        (weights, (rows, kind_of.ravel())), shape=(len(mentees), len(kinds)), dtype=np.float64
    )
    gap_rows.sort_indices()

    cover = mentor_coverage(mentors.levels, proximity)
    kind_skill = kinds[:, 0].astype(np.int64)
    kind_level, kind_target = kinds[:, 1], kinds[:, 2]
    credit = (cover[:, kind_skill] - kind_level) / (kind_target - kind_level)
    np.clip(credit, 0.0, 1.0, out=credit)
    return gap_rows, credit, has_gap


def _entries(matrix: sp.spmatrix) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows, columns and values of the stored entries, duplicates summed, row-major."""
    canonical = sp.csr_matrix(matrix, dtype=np.float64, copy=True)
    canonical.sum_duplicates()
    coo = canonical.tocoo()
    return coo.row.astype(np.int64), coo.col.astype(np.int64), coo.data


# --- text similarity ---------------------------------------------------------------------
def _char_ngrams(text: str) -> list[str]:
    """Overlapping character bigrams within each run of word characters.

    A run of one character gives that character. This is the classic indexing of
    unsegmented Chinese (as in Lucene's CJK analyzer): a bigram is most often a word or
    part of one, and single characters add little but noise and cost.
    """
    grams: list[str] = []
    for run in _WORD_RUN.findall(text.lower()):
        if len(run) == 1:
            grams.append(run)
        else:
            grams.extend(run[k : k + 2] for k in range(len(run) - 1))
    return grams


def _text_operands(
    mentees: PersonTable, mentors: PersonTable
) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """L2-normalised TF-IDF rows of both tables, fitted once on their distinct people.

    A person in both tables (with the same text) is one document, analysed once.
    """
    n_mentees = len(mentees)
    at = np.minimum(np.searchsorted(mentees.ids, mentors.ids), max(n_mentees - 1, 0))
    shared = np.zeros(len(mentors), dtype=bool)
    if n_mentees:
        shared = mentees.ids[at] == mentors.ids
        shared &= np.array(
            [
                ok and mentees.text[k] == text
                for k, ok, text in zip(at, shared, mentors.text, strict=True)
            ],
            dtype=bool,
        )
    extra = np.flatnonzero(~shared)
    corpus = list(mentees.text) + [mentors.text[k] for k in extra]
    vectorizer = TfidfVectorizer(analyzer=_char_ngrams, sublinear_tf=True, dtype=np.float64)
    try:
        vectors = vectorizer.fit_transform(corpus).tocsr()
    except ValueError:  # no n-gram in any text: nothing is similar to anything
        return (
            sp.csr_matrix((n_mentees, 1), dtype=np.float64),
            sp.csr_matrix((len(mentors), 1), dtype=np.float64),
        )
    row_of_mentor = np.where(shared, at, 0)
    row_of_mentor[extra] = n_mentees + np.arange(extra.size)
    a = vectors[:n_mentees]
    b = vectors[row_of_mentor]
    # Only n-grams found on both sides can add to a dot product; the rows are already
    # normalised, so dropping the other columns changes no similarity and makes every
    # product below cheaper.
    both = (a.getnnz(axis=0) > 0) & (b.getnnz(axis=0) > 0)
    if not both.any():
        both[0] = True
    a = a[:, both].tocsr()
    b = b[:, both].tocsr()
    a.sort_indices()
    b.sort_indices()
    return a, b


# --- org, seniority, quality -------------------------------------------------------------
def _seniority_peaks(tier: np.ndarray) -> np.ndarray:
    default = SENIORITY_PEAK_YEARS[2]
    lookup = np.full(max(4, int(tier.max(initial=0)) + 1), default, dtype=np.float64)
    for mentee_tier, years in SENIORITY_PEAK_YEARS.items():
        lookup[mentee_tier] = years
    return lookup[np.asarray(tier, dtype=np.int64)]


def _seniority(mentee_years: np.ndarray, mentor_years: np.ndarray, peak: np.ndarray) -> np.ndarray:
    x = (mentor_years - mentee_years) / peak
    k = SENIORITY_SHAPE
    with np.errstate(invalid="ignore", over="ignore", under="ignore"):
        positive = np.maximum(x, 0.0)
        bump = positive**k * np.exp(k * (1.0 - positive))
    bump = np.where(x > 0, bump, 0.0)
    return np.where(np.isnan(x), NEUTRAL, bump)


def _mentor_quality(mentors: PersonTable) -> np.ndarray:
    honour = np.where(
        mentors.is_expert_judge,
        EXPERT_JUDGE_HONOUR,
        np.where(mentors.is_business_leader, BUSINESS_LEADER_HONOUR, 0.0),
    )
    outcome = np.asarray(mentors.past_outcome, dtype=np.float64)
    record = np.where(np.isnan(outcome), NEUTRAL, (np.clip(outcome, 1.0, 5.0) - 1.0) / 4.0)
    return HONOUR_SHARE * honour + (1.0 - HONOUR_SHARE) * record


# --- machinery ---------------------------------------------------------------------------
def _as_index(values: np.ndarray, n: int, name: str) -> np.ndarray:
    index = np.asarray(values)
    if index.ndim != 1 or (index.size and not np.issubdtype(index.dtype, np.integer)):
        raise ValueError(f"{name} must be a 1-D integer array")
    index = index.astype(np.int64, copy=False)
    if index.size and (index.min() < 0 or index.max() >= n):
        raise ValueError(f"{name} has positions outside 0..{n - 1}")
    return index


def _pair_order(
    mentee_idx: np.ndarray, mentor_idx: np.ndarray, mentees: PersonTable, chunk_size: int
) -> np.ndarray | None:
    """A permutation that brings together pairs whose mentees see similar mentors.

    The bilinear features are cheapest when a chunk of consecutive pairs spans few
    distinct mentees and mentors. When the given order is poor at that, mentees are
    ranked by (court, mean position of their candidate mentors, position), which groups
    candidates with any such structure (a court, a window of mentors); the rank is cut
    to a 16-bit key so that numpy uses its linear-time radix sort. Returns None when the
    given order is kept.
    """
    n_pairs = mentee_idx.size
    if n_pairs <= chunk_size:
        return None
    natural = _chunk_spread(mentee_idx, mentor_idx, None, chunk_size)
    if natural <= 2.0:
        return None
    n = len(mentees)
    counts = np.bincount(mentee_idx, minlength=n)
    centre = np.bincount(mentee_idx, weights=mentor_idx, minlength=n) / np.maximum(counts, 1)
    rank = np.empty(n, dtype=np.int64)
    rank[np.lexsort((np.arange(n), centre, mentees.court_id))] = np.arange(n)
    key = rank[mentee_idx]
    buckets = min(n, 1 << 16)
    order = np.argsort((key * buckets // n).astype(np.uint16), kind="stable")
    if 1.5 * _chunk_spread(mentee_idx, mentor_idx, order, chunk_size) >= natural:
        return None
    return order


def _chunk_spread(
    mentee_idx: np.ndarray, mentor_idx: np.ndarray, order: np.ndarray | None, chunk_size: int
) -> float:
    """Mean of (distinct mentees x distinct mentors) / pairs over a few sample chunks."""
    n_pairs = mentee_idx.size
    n_chunks = -(-n_pairs // chunk_size)
    ratios = []
    for chunk in sorted({0, n_chunks // 2, max(n_chunks - 2, 0)}):
        rows = slice(chunk * chunk_size, (chunk + 1) * chunk_size)
        picked = order[rows] if order is not None else rows
        e, r = mentee_idx[picked], mentor_idx[picked]
        ratios.append(np.unique(e).size * np.unique(r).size / e.size)
    return float(np.mean(ratios))


class _SampledDot:
    """``(a[e_p] . b[r_p])_p`` for index arrays ``e, r``: a sampled matrix product.

    ``a`` is CSR (mentee rows), ``b`` dense or CSR (mentor rows), of the same width.
    Each chunk takes the cheapest of three ways, by a cost model in nanoseconds measured
    on a 2-core machine (only the ratios matter):

    - *product*: one dense matrix product over the chunk's distinct mentees and mentors,
      sampled at the pairs; best when those sets are small against the pairs;
    - *stream*: the sparse rows of one side, gathered per pair, each entry multiplied by
      the matching entry of the other side's dense rows, then summed per pair; the dense
      side is the chunk's few mentees (a table that stays in cache) or all mentors;
    - *sparse*: scipy's elementwise product of the two gathered sparse row sets, the
      fallback when neither side can be held dense.
    """

    PRODUCT_PER_MULADD = 0.03
    PRODUCT_PER_PAIR = 20.0
    DENSIFY_PER_ENTRY = 1.0
    STREAM_PER_PAIR = 45.0
    STREAM_PER_ENTRY_CACHED = 4.0
    STREAM_PER_ENTRY = 8.0
    SPARSE_PER_ENTRY = 15.0
    SPARSE_PER_PAIR = 100.0
    CACHED_TABLE_ENTRIES = 1 << 20
    MAX_DENSE_ENTRIES = 1 << 24

    def __init__(self, a: sp.csr_matrix, b: sp.csr_matrix | np.ndarray) -> None:
        self.a = a
        self.width = int(a.shape[1])
        self.a_nnz = np.diff(a.indptr)
        self.b_sparse: sp.csr_matrix | None = b if _is_sparse(b) else None
        self.b_nnz = np.diff(b.indptr) if _is_sparse(b) else None
        self.b_dense: np.ndarray | None
        if not _is_sparse(b):
            self.b_dense = np.ascontiguousarray(b, dtype=np.float64)
        elif b.shape[0] * self.width <= self.MAX_DENSE_ENTRIES:
            self.b_dense = b.toarray()
        else:
            self.b_dense = None
        self.n_b = int(b.shape[0])
        self._mark_a = np.zeros(a.shape[0], dtype=bool)
        self._mark_b = np.zeros(self.n_b, dtype=bool)
        self._buffer = np.empty(0, dtype=np.float64)

    def __call__(
        self,
        e: np.ndarray,
        r: np.ndarray,
        way: str | None = None,
        compacted: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None,
    ) -> np.ndarray:
        """The sampled products; ``way`` forces one way instead of the cheapest.

        ``compacted`` is ``(unique_e, pos_e, unique_r, pos_r)`` from :meth:`compact`, when
        the caller computed it once for several products over the same pairs.
        """
        if self.width == 0 or e.size == 0:
            return np.zeros(e.size, dtype=np.float64)
        unique_e, pos_e, unique_r, pos_r = compacted or self.compact(e, r)
        n_e, n_r, width, pairs = unique_e.size, unique_r.size, self.width, e.size
        a_entries = float(self.a_nnz[e].sum())
        costs: dict[str, float] = {}
        if max(n_e * n_r, (n_e + n_r) * width) <= self.MAX_DENSE_ENTRIES:
            costs["product"] = (
                self.PRODUCT_PER_MULADD * n_e * n_r * width
                + self.DENSIFY_PER_ENTRY * (n_e + n_r) * width
                + self.PRODUCT_PER_PAIR * pairs
            )
        if self.b_sparse is not None and n_e * width <= self.MAX_DENSE_ENTRIES:
            assert self.b_nnz is not None  # set with b_sparse
            per_entry = self._stream_cost(n_e * width)
            costs["stream_b"] = (
                per_entry * float(self.b_nnz[r].sum())
                + self.DENSIFY_PER_ENTRY * n_e * width
                + self.STREAM_PER_PAIR * pairs
            )
        if self.b_dense is not None:
            per_entry = self._stream_cost(self.b_dense.size)
            costs["stream_a"] = per_entry * a_entries + self.STREAM_PER_PAIR * pairs
        if self.b_sparse is not None:
            assert self.b_nnz is not None  # set with b_sparse
            entries = a_entries + float(self.b_nnz[r].sum())
            costs["sparse"] = self.SPARSE_PER_ENTRY * entries + self.SPARSE_PER_PAIR * pairs
        if way is None:
            way = min(costs, key=costs.__getitem__)
        elif way not in costs:
            raise ValueError(f"way {way!r} is not possible here; possible: {sorted(costs)}")

        if way == "product":
            left = self.a[unique_e].toarray()
            right = self._dense_b(unique_r)
            if self._buffer.size < n_e * n_r:
                self._buffer = np.empty(n_e * n_r, dtype=np.float64)
            table = self._buffer[: n_e * n_r].reshape(n_e, n_r)
            np.matmul(left, right.T, out=table)
            return table.ravel().take(pos_e * n_r + pos_r)
        # The ways below are in costs only when their side exists (b_sparse, b_dense).
        if way == "stream_b":
            assert self.b_sparse is not None
            return _stream_dot(self.b_sparse[r], self.a[unique_e].toarray(), pos_e)
        if way == "stream_a":
            assert self.b_dense is not None
            return _stream_dot(self.a[e], self.b_dense, r)
        assert self.b_sparse is not None
        return np.asarray(self.a[e].multiply(self.b_sparse[r]).sum(axis=1)).ravel()

    def compact(
        self, e: np.ndarray, r: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The chunk's distinct mentees and mentors, and each pair's position among them."""
        unique_e, pos_e = _compact(e, self._mark_a)
        unique_r, pos_r = _compact(r, self._mark_b)
        return unique_e, pos_e, unique_r, pos_r

    def _stream_cost(self, table_entries: int) -> float:
        if table_entries <= self.CACHED_TABLE_ENTRIES:
            return self.STREAM_PER_ENTRY_CACHED
        return self.STREAM_PER_ENTRY

    def _dense_b(self, rows: np.ndarray) -> np.ndarray:
        if self.b_dense is None:
            assert self.b_sparse is not None  # b is one or the other
            return self.b_sparse[rows].toarray()
        if rows.size == self.n_b:
            return self.b_dense
        return self.b_dense[rows]


def _stream_dot(stream: sp.csr_matrix, table: np.ndarray, table_row: np.ndarray) -> np.ndarray:
    """Row ``p`` of ``stream`` dotted with row ``table_row[p]`` of the dense ``table``."""
    counts = np.diff(stream.indptr)
    flat = np.repeat(table_row * table.shape[1], counts)
    flat += stream.indices
    values = np.ascontiguousarray(table).ravel().take(flat)
    values *= stream.data
    sums = np.zeros(stream.shape[0], dtype=np.float64)
    nonempty = counts > 0
    if values.size:
        sums[nonempty] = np.add.reduceat(values, stream.indptr[:-1][nonempty])
    return sums


def _compact(index: np.ndarray, mark: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct values of ``index`` (sorted) and each entry's position among them."""
    mark[index] = True
    unique = np.flatnonzero(mark)
    rank = np.cumsum(mark) - 1
    mark[unique] = False
    return unique, rank[index]
