"""Which score weights are in force, and learning them from finished pairings."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from sqlmodel import Session, col, select

from models import Link, Pairing, Proposal, WeightSet
from talent import audit
from talent.audit import Actor
from talent.matching import scoring
from talent.matching.candidate_store import CandidateSet, load_candidates
from talent.matching.link_inputs import load_link_inputs
from talent.matching.weights_fit import MIN_SAMPLES, WeightFit, fit_weights


def weights_in_force(session: Session) -> dict[str, float]:
    """The newest active weight set, or the documented defaults."""
    current = session.exec(
        select(WeightSet).where(col(WeightSet.active).is_(True)).order_by(col(WeightSet.id).desc())
    ).first()
    return scoring.normalise_weights(current.weights if current else None)


def rated_samples(session: Session) -> tuple[np.ndarray, np.ndarray]:
    """Features and outcome ratings of finished pairings, one row per pairing.

    A pairing proposed by a run keeps the features that run stored (what the planner saw).
    Other pairings are scored as the people stand today, with the mentor's outcome record
    left out: it contains this very rating, and fitting on it would only learn the leak.
    """
    rows = session.exec(
        select(Pairing, Proposal)
        .join(Proposal, col(Proposal.id) == Pairing.proposal_id, isouter=True)
        .where(col(Pairing.outcome_rating).is_not(None), Pairing.status != "active")
        .order_by(col(Pairing.id))
    ).all()
    features: dict[int, np.ndarray] = {}
    stored: dict[int, CandidateSet] = {}
    unscored: dict[str, list[Pairing]] = {}
    for pairing, proposal in rows:
        if proposal is not None:
            if proposal.run_id not in stored:
                stored[proposal.run_id] = load_candidates(session, proposal.run_id)
            run = stored[proposal.run_id]
            hit = np.flatnonzero(
                (run.mentee_id == pairing.mentee_id) & (run.mentor_id == pairing.mentor_id)
            )
            if len(hit):
                features[pairing.id] = run.features[hit[0]]
                continue
        unscored.setdefault(pairing.link, []).append(pairing)
    for link, pairings in unscored.items():
        features.update(_features_now(session, Link(link), pairings))
    kept = [(features[p.id], p.outcome_rating) for p, _ in rows if p.id in features]
    if not kept:
        return np.empty((0, len(scoring.FEATURES))), np.empty(0)
    return np.vstack([f for f, _ in kept]), np.asarray([r for _, r in kept], dtype=np.float64)


def _features_now(session: Session, link: Link, pairings: list[Pairing]) -> dict[int, np.ndarray]:
    """Score finished pairs of one link as the people stand today, without outcome records."""
    inputs = load_link_inputs(session, link=link, include_paired=True)
    mentors = replace(inputs.mentors, past_outcome=np.full(len(inputs.mentors.ids), np.nan))
    mentee_pos = {int(i): n for n, i in enumerate(inputs.mentees.ids)}
    mentor_pos = {int(i): n for n, i in enumerate(mentors.ids)}
    known = [p for p in pairings if p.mentee_id in mentee_pos and p.mentor_id in mentor_pos]
    if not known:
        return {}
    matrix = scoring.pair_features(
        inputs.mentees,
        mentors,
        np.array([mentee_pos[p.mentee_id] for p in known]),
        np.array([mentor_pos[p.mentor_id] for p in known]),
        skill_proximity=inputs.skill_proximity,
    )
    return {p.id: matrix[n] for n, p in enumerate(known)}


def fit_and_store(
    session: Session, *, actor: Actor, min_samples: int = MIN_SAMPLES, save: bool = True
) -> WeightFit:
    """Fit weights from outcomes; with ``save`` and a successful fit, put them in force."""
    features, ratings = rated_samples(session)
    fit = fit_weights(
        features,
        ratings,
        feature_names=scoring.FEATURES,
        defaults=weights_in_force(session),
        min_samples=min_samples,
    )
    if save and fit.fitted:
        weight_set = WeightSet(
            weights=fit.weights,
            source="fit",
            n_samples=fit.n_samples,
            cv_r2=fit.cv_r2,
            note=fit.message,
            created_by=actor.id,
        )
        audit.saved(session, weight_set, actor=actor, action="weights.fit", entity="weight_set")
        session.commit()
    return fit
