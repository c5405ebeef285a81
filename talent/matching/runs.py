"""Matching runs: solve a link, store what a planner (or an auditor) needs to re-check it.

A run loads the link's mentees and mentors, applies the hard rules (``talent.matching.rules``),
scores every candidate pair (``talent.matching.scoring``), solves the exact lexicographic
assignment (``talent.matching.assignment``) and stores the parameters, weights, candidates with
their exact features and scores, the free slots it saw, proposals and unmatched mentees.
A dry run does all of that but stores nothing and returns a diff instead.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
from sqlalchemy import func, insert, update
from sqlmodel import Session, col, select

from models import (
    Link,
    MatchingRun,
    Proposal,
    RunCandidateSet,
    RunCapacity,
    RunUnmatched,
    Unit,
)
from models.matching_schemas import PairRef, RunCreate, RunDiff, RunPublic
from talent import audit
from talent.audit import Actor
from talent.db import get_row
from talent.errors import InvalidInput
from talent.matching import assignment, scoring
from talent.matching.candidate_store import RuleSnapshot, pack_candidates
from talent.matching.link_inputs import LinkInputs, load_link_inputs
from talent.matching.rules import Candidates, candidate_pairs, unmatched_reason
from talent.matching.weights import weights_in_force
from talent.mentoring import rematch


def scope_key(
    link: str, unit_ids: list[int] | None, cross_unit: bool, subordinate_courts: bool = False
) -> str:
    """Runs with the same key compete: a newer one supersedes the older one's open proposals."""
    units = ",".join(str(u) for u in sorted(set(unit_ids or []))) or "*"
    key = f"{link}|{units}|{'cross' if cross_unit else 'court'}"
    return key + "|sub" if unit_ids and subordinate_courts else key


@dataclass
class SolvedRun:
    """A solved link in memory: everything a stored run holds, before it is stored."""

    link: Link
    unit_ids: list[int] | None
    subordinate_courts: bool
    cross_unit: bool
    weights: dict[str, float]
    inputs: LinkInputs
    candidates: Candidates
    features: np.ndarray
    scores: np.ndarray
    bonus: np.ndarray
    assignment: assignment.Assignment
    unmatched: list[tuple[int, str]]
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def mentee_ids(self) -> np.ndarray:
        return self.inputs.mentees.ids[self.candidates.mentee_idx]

    @property
    def mentor_ids(self) -> np.ndarray:
        return self.inputs.mentors.ids[self.candidates.mentor_idx]

    def proposals(self) -> list[tuple[int, int, float, dict[str, float]]]:
        """(mentee_id, mentor_id, score, breakdown) for every matched mentee, by mentee id."""
        chosen = self.assignment.pair_index[self.assignment.pair_index >= 0]
        mentees = self.inputs.mentees.ids[self.candidates.mentee_idx[chosen]].tolist()
        mentors = self.inputs.mentors.ids[self.candidates.mentor_idx[chosen]].tolist()
        scores = self.scores[chosen].tolist()
        found = [
            (mentee, mentor, score, parts)
            for mentee, mentor, score, parts in zip(
                mentees, mentors, scores, self.breakdown(chosen), strict=True
            )
        ]
        return sorted(found)

    def breakdown(self, rows: np.ndarray) -> list[dict[str, float]]:
        """The breakdown (weighted features, then the re-match bonus) of candidate ``rows``."""
        parts = np.column_stack(
            [scoring.breakdown(self.features[rows], self.weights), self.bonus[rows]]
        )
        return [dict(zip(BREAKDOWN, row, strict=True)) for row in parts.tolist()]


class Progress(Protocol):
    """Told how far a run has got: ``progress(stage, done, total)``.

    Stages come in order: ``load``, ``rules``, ``score`` (``done`` counts scored pairs of
    ``total``), ``solve``, ``store``; each reports ``(0, total)`` when it starts and
    ``(total, total)`` when it ends. The CLI draws it as a progress bar.
    """

    def __call__(self, stage: str, done: int, total: int) -> None: ...


STAGES = ("load", "rules", "score", "solve", "store")


def _quiet(stage: str, done: int, total: int) -> None:
    """The progress hook of runs nobody watches."""


BREAKDOWN = (*scoring.FEATURES, "rematch")
"""Breakdown keys: the weighted features, then the re-match bonus of queued mentees."""


def _rematch_bonus(session: Session, link: Link, mentee_ids: np.ndarray) -> np.ndarray:
    """Per mentee, the bonus for waiting in the re-match queue (``rematch.rematch_bonus``)."""
    waited = rematch.rematch_priority(session, link=link)
    return np.array(
        [rematch.rematch_bonus(waited[m]) if m in waited else 0.0 for m in mentee_ids.tolist()],
        dtype=np.float64,
    )


def _check_units(session: Session, unit_ids: list[int] | None) -> None:
    for index, unit_id in enumerate(unit_ids or []):
        if session.get(Unit, unit_id) is None:
            raise InvalidInput(f"unit_ids.{index}", f"unknown unit {unit_id}")


def normalised_weights(session: Session, weights: dict[str, float] | None) -> dict[str, float]:
    """Explicit weights (missing features at their in-force value), else the weights in force."""
    try:
        return scoring.normalise_weights(
            {**weights_in_force(session), **weights} if weights else weights_in_force(session)
        )
    except ValueError as error:
        raise InvalidInput("weights", str(error)) from error


def solve_link(
    session: Session,
    *,
    link: Link,
    unit_ids: list[int] | None = None,
    subordinate_courts: bool = False,
    cross_unit: bool = False,
    weights: dict[str, float] | None = None,
    mentee_id: int | None = None,
    progress: Progress = _quiet,
) -> SolvedRun:
    """Load, apply the rules, score and solve one link; nothing is written."""
    _check_units(session, unit_ids)
    used = normalised_weights(session, weights)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    progress("load", 0, 1)
    inputs = load_link_inputs(
        session,
        link=link,
        unit_ids=unit_ids,
        subordinate_courts=subordinate_courts,
        mentee_id=mentee_id,
    )
    timings["load"] = time.perf_counter() - started
    progress("load", 1, 1)

    started = time.perf_counter()
    progress("rules", 0, 1)
    candidates = candidate_pairs(
        mentee_ids=inputs.mentees.ids,
        mentee_court=inputs.mentees.court_id,
        mentor_ids=inputs.mentors.ids,
        mentor_court=inputs.mentors.court_id,
        free_slots=inputs.free_slots,
        conflict_keys=inputs.conflict_keys,
        mismatch_keys=inputs.mismatch_keys,
        cross_unit=cross_unit,
    )
    timings["rules"] = time.perf_counter() - started
    progress("rules", 1, 1)

    started = time.perf_counter()
    n_pairs = len(candidates.mentee_idx)
    progress("score", 0, n_pairs)
    features = scoring.pair_features(
        inputs.mentees,
        inputs.mentors,
        candidates.mentee_idx,
        candidates.mentor_idx,
        skill_proximity=inputs.skill_proximity,
        cross_unit=cross_unit,
        on_chunk=lambda done, total: progress("score", done, total),
    )
    bonus = _rematch_bonus(session, link, inputs.mentees.ids)[candidates.mentee_idx]
    scores = scoring.weighted_scores(features, used) + bonus
    timings["score"] = time.perf_counter() - started
    progress("score", n_pairs, n_pairs)

    started = time.perf_counter()
    progress("solve", 0, 1)
    result = assignment.solve(
        len(inputs.mentees.ids),
        len(inputs.mentors.ids),
        candidates.mentee_idx,
        candidates.mentor_idx,
        # The solver takes scores in [0, 1]; dividing every score by the same factor keeps
        # the optimal assignment (only the rematch bonus can push a score above 1).
        scores / max(1.0, float(scores.max(initial=0.0))),
        inputs.free_slots,
    )
    timings["solve"] = time.perf_counter() - started
    progress("solve", 1, 1)

    has_candidates = np.bincount(candidates.mentee_idx, minlength=len(inputs.mentees.ids)) > 0
    unmatched = [
        (
            int(inputs.mentees.ids[i]),
            unmatched_reason(
                int(candidates.in_scope[i]),
                int(candidates.conflicted[i]),
                int(candidates.full[i]),
                bool(has_candidates[i]),
                int(candidates.mismatched[i]),
            ),
        )
        for i in np.flatnonzero(result.mentor_of < 0)
    ]
    return SolvedRun(
        link=link,
        unit_ids=unit_ids,
        subordinate_courts=subordinate_courts,
        cross_unit=cross_unit,
        weights=used,
        inputs=inputs,
        candidates=candidates,
        features=features,
        scores=scores,
        bonus=bonus,
        assignment=result,
        unmatched=unmatched,
        timings=timings,
    )


def latest_run(session: Session, key: str) -> MatchingRun | None:
    return session.exec(
        select(MatchingRun).where(MatchingRun.scope_key == key).order_by(col(MatchingRun.id).desc())
    ).first()


def _diff(session: Session, solved: SolvedRun, key: str) -> RunDiff:
    """The what-if against today: the latest run's proposals still open, pair by pair.

    Accepted proposals are active pairings now, which a new run leaves alone (their
    mentees are paired), so they are in both states and never listed as lost; rejected
    and stale ones are in neither.
    """
    previous = latest_run(session, key)
    new = {(m, j): s for m, j, s, _ in solved.proposals()}
    if previous is None:
        old: dict[tuple[int, int], float] = {}
    else:
        rows = session.exec(
            select(Proposal.mentee_id, Proposal.mentor_id, Proposal.score).where(
                Proposal.run_id == previous.id, Proposal.status == "proposed"
            )
        ).all()
        old = {(m, j): s for m, j, s in rows}
    gained = [
        PairRef(mentee_id=m, mentor_id=j, score=s)
        for (m, j), s in sorted(new.items())
        if (m, j) not in old
    ]
    lost = [
        PairRef(mentee_id=m, mentor_id=j, score=s)
        for (m, j), s in sorted(old.items())
        if (m, j) not in new
    ]
    return RunDiff(
        against_run_id=previous.id if previous else None,
        gained=gained,
        lost=lost,
        matched_change=len(new) - len(old),
        objective_change=float(sum(new.values()) - sum(old.values())),
    )


def run_public(run: MatchingRun, diff: RunDiff | None = None) -> RunPublic:
    return RunPublic(
        id=run.id,
        link=run.link,
        status=run.status,
        objective=run.objective,
        n_proposals=run.n_proposals,
        n_unmatched=run.n_unmatched,
        n_candidates=run.n_candidates,
        unit_ids=run.params.get("unit_ids"),
        include_subordinate_courts=run.params.get("include_subordinate_courts", False),
        cross_unit=run.params.get("cross_unit", False),
        weights=run.weights,
        timings=run.timings,
        certificate=run.certificate,
        created_at=run.created_at,
        diff=diff,
    )


def list_runs(
    session: Session,
    *,
    link: Link | None = None,
    status: str | None = None,
    has_open: bool | None = None,
    unit_id: int | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[RunPublic]:
    """Stored runs, newest first, each with how many of its proposals still wait.

    ``has_open`` keeps the runs with (true) or without (false) a proposal to decide;
    ``unit_id`` the runs whose chosen units include that unit.
    """
    open_counts = (
        select(Proposal.run_id, func.count().label("n_open"))
        .where(Proposal.status == "proposed")
        .group_by(col(Proposal.run_id))
        .subquery()
    )
    query = select(MatchingRun, open_counts.c.n_open).outerjoin(
        open_counts, open_counts.c.run_id == col(MatchingRun.id)
    )
    if link is not None:
        query = query.where(MatchingRun.link == link.value)
    if status is not None:
        query = query.where(MatchingRun.status == status)
    if unit_id is not None:
        # The scope key lists the chosen units between bars: "1-2|3,7|court".
        units = func.replace(col(MatchingRun.scope_key), "|", ",")
        query = query.where(units.like(f"%,{unit_id},%"))
    if has_open is True:
        query = query.where(open_counts.c.n_open > 0)
    elif has_open is False:
        query = query.where(open_counts.c.n_open.is_(None))
    rows = session.exec(
        query.order_by(col(MatchingRun.id).desc()).offset(offset).limit(limit)
    ).all()
    found = []
    for run, n_open in rows:
        public = run_public(run)
        public.n_open = int(n_open or 0)
        found.append(public)
    return found


def create_run(
    session: Session, *, body: RunCreate, actor: Actor, progress: Progress = _quiet
) -> RunPublic:
    """Solve and store a run (or, with ``dry_run``, solve and return the diff only)."""
    started = time.perf_counter()
    solved = solve_link(
        session,
        link=body.link,
        unit_ids=body.unit_ids,
        subordinate_courts=body.include_subordinate_courts,
        cross_unit=body.cross_unit,
        weights=body.weights,
        progress=progress,
    )
    key = scope_key(
        body.link.value, body.unit_ids, body.cross_unit, body.include_subordinate_courts
    )
    proposals = solved.proposals()
    certificate = {**solved.assignment.certificate, "matched": solved.assignment.matched}
    run = MatchingRun(
        link=body.link.value,
        status="dry_run" if body.dry_run else "completed",
        scope_key=key,
        params={
            "unit_ids": sorted(set(body.unit_ids)) if body.unit_ids else None,
            "include_subordinate_courts": bool(body.unit_ids and body.include_subordinate_courts),
            "cross_unit": body.cross_unit,
        },
        weights=solved.weights,
        objective=float(sum(p[2] for p in proposals)),
        n_candidates=len(solved.scores),
        n_proposals=len(proposals),
        n_unmatched=len(solved.unmatched),
        timings={
            **solved.timings,
            **{f"solver_{k}": v for k, v in solved.assignment.timings.items()},
        },
        certificate=certificate,
        created_by=actor.id,
    )
    if body.dry_run:
        run.timings["total"] = time.perf_counter() - started
        return run_public(run, diff=_diff(session, solved, key))

    write_started = time.perf_counter()
    progress("store", 0, 1)
    previous = session.exec(
        select(MatchingRun.id).where(
            MatchingRun.scope_key == key, MatchingRun.status == "completed"
        )
    ).all()
    session.add(run)
    session.flush()
    run_id = run.id
    assert run_id is not None  # flushed just above
    session.add(
        RunCandidateSet(
            run_id=run_id,
            n_pairs=len(solved.scores),
            payload=pack_candidates(
                solved.mentee_ids,
                solved.mentor_ids,
                solved.features,
                solved.scores,
                solved.bonus,
                RuleSnapshot(
                    mentee_ids=solved.inputs.mentees.ids,
                    mentee_court=solved.inputs.mentees.court_id,
                    mentor_ids=solved.inputs.mentors.ids,
                    mentor_court=solved.inputs.mentors.court_id,
                    conflict_keys=solved.inputs.conflict_keys,
                    mismatch_keys=solved.inputs.mismatch_keys,
                ),
            ),
        )
    )
    mentor_ids = solved.inputs.mentors.ids
    if len(mentor_ids):
        session.execute(
            insert(RunCapacity),
            [
                {"run_id": run_id, "mentor_id": int(m), "free_slots": int(f)}
                for m, f in zip(mentor_ids, solved.inputs.free_slots, strict=True)
            ],
        )
    if proposals:
        session.execute(
            insert(Proposal),
            [
                {
                    "run_id": run_id,
                    "mentee_id": m,
                    "mentor_id": j,
                    "score": s,
                    "breakdown": b,
                    "status": "proposed",
                }
                for m, j, s, b in proposals
            ],
        )
    if solved.unmatched:
        session.execute(
            insert(RunUnmatched),
            [{"run_id": run_id, "mentee_id": m, "reason": r} for m, r in solved.unmatched],
        )
    if previous:
        session.execute(
            update(Proposal)
            .where(col(Proposal.run_id).in_(previous), col(Proposal.status) == "proposed")
            .values(status="superseded", reason=f"superseded by run {run_id}")
        )
        session.execute(
            update(MatchingRun).where(col(MatchingRun.id).in_(previous)).values(status="superseded")
        )
    run.timings = {
        **run.timings,
        "store": time.perf_counter() - write_started,
        "total": time.perf_counter() - started,
    }
    session.add(run)
    audit.record(
        session,
        actor=actor,
        action="matching.run",
        entity="matching_run",
        entity_id=run_id,
        after={
            "link": run.link,
            "scope": key,
            "weights": run.weights,
            "objective": run.objective,
            "n_proposals": run.n_proposals,
            "n_unmatched": run.n_unmatched,
            "superseded_runs": list(previous),
        },
    )
    session.commit()
    session.refresh(run)
    progress("store", 1, 1)
    return run_public(run)


def get_run(session: Session, run_id: int) -> MatchingRun:
    return get_row(session, MatchingRun, run_id, "matching run")
