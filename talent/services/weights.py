"""Which score weights are in force, and learning them from finished pairings."""

from __future__ import annotations

import numpy as np
from sqlmodel import Session, col, select

from models import Link, Pairing, Proposal, WeightSet
from talent import audit, scoring
from talent.audit import Actor
from talent.services.candidate_store import CandidateSet, load_candidates
from talent.services.link_inputs import load_link_inputs
from talent.weights_fit import MIN_SAMPLES, WeightFit, fit_weights


def weights_in_force(session: Session) -> dict[str, float]:
    """The newest active weight set, or the documented defaults."""
    current = session.exec(
        select(WeightSet).where(col(WeightSet.active).is_(True)).order_by(col(WeightSet.id).desc())
    ).first()
    return scoring.normalise_weights(current.weights if current else None)


def rated_samples(session: Session) -> tuple[np.ndarray, np.ndarray]:
    """Features (as the run that proposed the pair saw them) and ratings of finished pairings.

    Pairings that did not come from a run are scored as the people stand today.
    """
    rows = session.exec(
        select(Pairing, Proposal)
        .join(Proposal, col(Proposal.id) == Pairing.proposal_id, isouter=True)
        .where(col(Pairing.outcome_rating).is_not(None), Pairing.status != "active")
        .order_by(col(Pairing.id))
    ).all()
    features, ratings = [], []
    stored: dict[int, CandidateSet] = {}
    for pairing, proposal in rows:
        vector = None
        if proposal is not None:
            if proposal.run_id not in stored:
                stored[proposal.run_id] = load_candidates(session, proposal.run_id)
            candidates = stored[proposal.run_id]
            hit = np.flatnonzero(
                (candidates.mentee_id == pairing.mentee_id)
                & (candidates.mentor_id == pairing.mentor_id)
            )
            if len(hit):
                vector = candidates.features[hit[0]]
        if vector is None:
            vector = _features_now(session, pairing)
        if vector is not None:
            features.append(vector)
            ratings.append(pairing.outcome_rating)
    if not features:
        return np.empty((0, len(scoring.FEATURES))), np.empty(0)
    return np.vstack(features), np.asarray(ratings, dtype=np.float64)


def _features_now(session: Session, pairing: Pairing) -> np.ndarray | None:
    """Score a finished pair as the people stand today (its rules no longer apply: it has ended)."""
    inputs = load_link_inputs(
        session, link=Link(pairing.link), mentee_id=pairing.mentee_id, include_paired=True
    )
    mentor = np.flatnonzero(inputs.mentors.ids == pairing.mentor_id)
    if len(inputs.mentees.ids) == 0 or len(mentor) == 0:
        return None
    return scoring.pair_features(
        inputs.mentees,
        inputs.mentors,
        np.array([0]),
        mentor[:1],
        skill_proximity=inputs.skill_proximity,
    )[0]


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
        session.add(weight_set)
        session.flush()
        audit.record(
            session,
            actor=actor,
            action="weights.fit",
            entity="weight_set",
            entity_id=weight_set.id,
            after=weight_set,
        )
        session.commit()
    return fit
