"""Why this mentor and not another: the rule that excludes a pair, or what forcing it would cost.

Every figure comes from the run as stored (candidates, scores, free slots, a snapshot of
what the rules saw) and from solving it again with the pair forced (``forcing``), so a run
explains itself the same way later, whatever changed since.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sqlmodel import Session, col, select

from models import Link, MatchingRun, Person, Proposal, RunCapacity, RunUnmatched, Unit
from models.matching_schemas import (
    ExplainRow,
    ForcedChange,
    ForcedMove,
)
from talent.matching import forcing, scoring
from talent.matching.candidate_store import CandidateSet, RuleSnapshot, load_candidates
from talent.matching.runs import get_run
from talent.mentoring import rematch
from talent.roster.conflicts import conflict_between
from talent.roster.people import get_person
from talent.roster.units import court_of, units_by_id, units_in_scope

TIE = 1e-12


def _breakdown(
    features: np.ndarray, weights: dict[str, float], bonus: float
) -> tuple[float, dict[str, float]]:
    contributions = scoring.breakdown(features[None, :], weights)[0]
    parts = dict(zip(scoring.FEATURES, contributions.tolist(), strict=True))
    parts["rematch"] = bonus
    return float(contributions.sum()) + bonus, parts


FORCED_LIST_PAIRS = 2_000_000


FORCED_LIST_MIN = 3


@dataclass(frozen=True, eq=False)
class _RunProblem:
    """A stored run's assignment problem by position, and its proposals as the base."""

    problem: forcing.Problem
    mentee_ids: np.ndarray
    mentor_ids: np.ndarray
    base: np.ndarray

    @classmethod
    def of(
        cls, stored: CandidateSet, proposals: list[Proposal], capacities: dict[int, int]
    ) -> _RunProblem:
        mentee_ids = np.unique(stored.mentee_id)
        mentor_ids = np.union1d(stored.mentor_id, np.array(list(capacities), dtype=np.int64))
        base = np.full(mentee_ids.size, -1, dtype=np.int64)
        for p in proposals:
            base[np.searchsorted(mentee_ids, p.mentee_id)] = np.searchsorted(
                mentor_ids, p.mentor_id
            )
        load = np.bincount(base[base >= 0], minlength=mentor_ids.size)
        # A run never proposes beyond the slots it saw; max() only guards older rows.
        slots = np.array([capacities.get(int(m), 0) for m in mentor_ids], dtype=np.int64)
        problem = forcing.Problem(
            n_mentees=int(mentee_ids.size),
            n_mentors=int(mentor_ids.size),
            mentee_idx=np.searchsorted(mentee_ids, stored.mentee_id),
            mentor_idx=np.searchsorted(mentor_ids, stored.mentor_id),
            score=stored.score,
            free_slots=np.maximum(slots, load),
        )
        return cls(problem, mentee_ids, mentor_ids, base)

    def force(self, mentee_id: int, mentor_ids: list[int]) -> dict[int, forcing.Forced]:
        mentee = int(np.searchsorted(self.mentee_ids, mentee_id))
        mentors = [int(np.searchsorted(self.mentor_ids, m)) for m in mentor_ids]
        found = forcing.force_pairs(self.problem, mentee, mentors, base_mentor_of=self.base)
        return dict(zip(mentor_ids, found, strict=True))

    def change(self, forced: forcing.Forced, names: dict[int, str]) -> ForcedChange:
        def mentor(position: int) -> tuple[int | None, str | None]:
            if position < 0:
                return None, None
            person = int(self.mentor_ids[position])
            return person, names.get(person, f"#{person}")

        moves = []
        for move in forced.moves:
            mentee = int(self.mentee_ids[move.mentee])
            from_id, from_name = mentor(move.from_mentor)
            to_id, to_name = mentor(move.to_mentor)
            moves.append(
                ForcedMove(
                    mentee_id=mentee,
                    mentee_name=names.get(mentee, f"#{mentee}"),
                    from_mentor_id=from_id,
                    from_mentor_name=from_name,
                    to_mentor_id=to_id,
                    to_mentor_name=to_name,
                )
            )
        return ForcedChange(
            matched_change=forced.matched_change,
            score_change=forced.score_change,
            matched=forced.matched,
            total_score=forced.total_score,
            moves=moves,
        )

    def people_in(self, forced: forcing.Forced) -> set[int]:
        ids = {int(self.mentee_ids[m.mentee]) for m in forced.moves}
        ids |= {
            int(self.mentor_ids[k])
            for m in forced.moves
            for k in (m.from_mentor, m.to_mentor)
            if k >= 0
        }
        return ids


def explain(
    session: Session,
    *,
    run_id: int,
    mentee_id: int,
    mentor_id: int | None = None,
    forced_limit: int | None = None,
) -> list[ExplainRow]:
    """Every mentor in scope on the run's link (or one named mentor): the rule, or the score and why not.

    Everything comes from what the run stored (candidates with their scores, free slots,
    proposals, and a snapshot of what the rules saw: see :func:`_excluding_rule`), so a
    run explains itself the same way later, whatever changed since.

    Why not an eligible mentor is answered exactly: the run solved again with that pair
    forced (:mod:`talent.matching.forcing`), reported in ``forced`` and said in
    ``why_not`` (:func:`_why_not`). A named mentor always gets it; in the list, the best
    ``forced_limit`` alternatives by score do (None: as many as :data:`FORCED_LIST_PAIRS`
    allows, at least :data:`FORCED_LIST_MIN`), the others a reason that needs no solve.
    """
    run = get_run(session, run_id)
    link = Link(run.link)
    mentee = get_person(session, mentee_id)
    stored = load_candidates(session, run_id)
    mine = np.flatnonzero(stored.mentee_id == mentee_id)
    by_mentor = {int(stored.mentor_id[i]): i for i in mine}
    proposals = list(session.exec(select(Proposal).where(Proposal.run_id == run_id)).all())
    chosen = next((p for p in proposals if p.mentee_id == mentee_id), None)
    holders: dict[int, list[int]] = {}
    for p in proposals:
        holders.setdefault(p.mentor_id, []).append(p.mentee_id)
    capacities = {
        r.mentor_id: r.free_slots
        for r in session.exec(select(RunCapacity).where(RunCapacity.run_id == run_id)).all()
    }
    in_run = (
        bool(len(mine))
        or chosen is not None
        or session.get(RunUnmatched, (run_id, mentee_id)) is not None
    )

    if mentor_id is not None:
        mentors = [get_person(session, mentor_id)]
    else:
        mentors = list(
            session.exec(
                select(Person).where(Person.tier == link.mentor_tier).order_by(col(Person.id))
            ).all()
        )
    alternatives = sorted(
        (
            m.id
            for m in mentors
            if m.id in by_mentor and (chosen is None or chosen.mentor_id != m.id)
        ),
        key=lambda m: (-float(stored.score[by_mentor[m]]), m),
    )
    if mentor_id is None:
        limit = forced_limit
        if limit is None:
            limit = max(FORCED_LIST_MIN, FORCED_LIST_PAIRS // max(1, len(stored.score)))
        alternatives = alternatives[:limit]
    run_problem = _RunProblem.of(stored, proposals, capacities) if alternatives else None
    forced = run_problem.force(mentee_id, alternatives) if run_problem else {}
    named = {m for j in by_mentor for m in holders.get(j, [])}
    if run_problem is not None:
        named |= {p for f in forced.values() for p in run_problem.people_in(f)}
    names = _names(session, named)
    changes = {m: run_problem.change(f, names) for m, f in forced.items() if run_problem}

    units = units_by_id(session)
    scope = run.params.get("unit_ids")
    mentee_in_scope = not scope or mentee.unit_id in units_in_scope(
        session, scope, subordinate_courts=run.params.get("include_subordinate_courts", False)
    )
    rows = []
    for mentor in mentors:
        index = by_mentor.get(mentor.id)
        if index is None:
            rows.append(
                ExplainRow(
                    mentor_id=mentor.id,
                    eligible=False,
                    rule=_excluding_rule(
                        session,
                        run=run,
                        link=link,
                        mentee=mentee,
                        mentor=mentor,
                        units=units,
                        mentee_in_scope=mentee_in_scope,
                        in_run=in_run,
                        free_slots=capacities.get(mentor.id, 0),
                        rules=stored.rules,
                    ),
                )
            )
            continue
        score, breakdown = (
            float(stored.score[index]),
            _breakdown(stored.features[index], run.weights, float(stored.bonus[index]))[1],
        )
        is_chosen = chosen is not None and chosen.mentor_id == mentor.id
        free_slots = capacities.get(mentor.id, 0)
        row = ExplainRow(
            mentor_id=mentor.id,
            eligible=True,
            score=score,
            breakdown=breakdown,
            chosen=is_chosen,
            free_slots=free_slots,
        )
        if not is_chosen:
            held = sorted(holders.get(mentor.id, []))
            row.slots_went_to = held if len(held) >= free_slots else None
            row.forced = changes.get(mentor.id)
            row.why_not = _why_not(
                row,
                chosen_score=None if chosen is None else chosen.score,
                forced=forced.get(mentor.id),
                names=names,
            )
        rows.append(row)
    return rows


def _names(session: Session, ids: set[int]) -> dict[int, str]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    found = session.exec(select(Person.id, Person.name).where(col(Person.id).in_(wanted))).all()
    return {int(pid): name for pid, name in found}


def _why_not(
    row: ExplainRow,
    *,
    chosen_score: float | None,
    forced: forcing.Forced | None,
    names: dict[int, str],
) -> str:
    """``code: sentence`` for an eligible mentor not chosen, from the figures only.

    Codes: ``fewer_matched`` (forcing the pair leaves fewer mentees matched),
    ``tie`` (forcing it keeps both the matched count and the total score, in the
    solver's integer weights), ``slots_taken`` (every free slot is held by other
    mentees; the sentence names them and what moving one costs), ``lower_score`` (the
    mentor had room and the own score is lower), ``lower_total`` (any other loss).
    Without ``forced`` (a list past its budget) only what needs no solve is said.
    """
    held = row.slots_went_to
    holding = (
        f"all {row.free_slots} free slots are held by "
        + ", ".join(names.get(m, f"#{m}") for m in held)
        if held is not None
        else ""
    )
    score = row.score or 0.0
    comparison = (
        f"{score:.4f} < {chosen_score:.4f} of the proposed mentor"
        if chosen_score is not None and score < chosen_score - TIE
        else ""
    )
    if forced is None:
        if held is not None:
            return f"slots_taken: {holding} (cost of a change not computed)"
        if comparison:
            return f"lower_score: {comparison}"
        return "tie: equal score with the proposed mentor and a free slot"
    figures = _figures(row.forced)
    if forced.matched_change < 0:
        return f"fewer_matched: {figures}" + (f"; {holding}" if holding else "")
    if forced.weight_change == 0:
        return f"tie: {figures}"
    if held is not None:
        return f"slots_taken: {holding}; {figures}"
    if comparison:
        return f"lower_score: {comparison}; {figures}"
    return f"lower_total: {figures}"


def _figures(change: ForcedChange | None) -> str:
    if change is None:
        return ""
    moves = ", ".join(
        f"{m.mentee_name}: {m.from_mentor_name or 'none'} -> {m.to_mentor_name or 'none'}"
        for m in change.moves
    )
    return (
        f"forcing this pair changes the matched count by {change.matched_change:+d} "
        f"and the total score by {change.score_change:+.6f}; moves: {moves}"
    )


def _excluding_rule(
    session: Session,
    *,
    run: MatchingRun,
    link: Link,
    mentee: Person,
    mentor: Person,
    units: dict[int, Unit],
    mentee_in_scope: bool,
    in_run: bool,
    free_slots: int,
    rules: RuleSnapshot | None,
) -> str:
    """The rule that kept ``mentor`` from being a candidate for ``mentee`` in this run.

    Read from the run's snapshot of what the rules saw (courts, conflicts, who was
    considered) where the run kept one, so that a conflict declared or a transfer made
    after the run does not rewrite its explanation. A mentor the run did not consider was
    of another tier or inactive then: ``tier`` when their tier is not the link's mentor
    tier now, else ``inactive``. Runs stored before snapshots read today's data.
    """
    if mentor.id == mentee.id:
        return "same_person"
    if rules is not None and in_run:
        mentee_court = rules.court_of_mentee(mentee.id)
        mentor_court = rules.court_of_mentor(mentor.id)
        if mentor_court is None:
            return "tier" if mentor.tier != link.mentor_tier else "inactive"
        if rules.conflicted(mentee.id, mentor.id):
            return "conflict"
        if rules.mismatched(mentee.id, mentor.id):
            return "mismatch"
        if not run.params.get("cross_unit") and mentor_court != mentee_court:
            return "out_of_scope"
        return "capacity" if free_slots <= 0 else "not_considered"
    if mentor.tier != link.mentor_tier or mentee.tier != link.mentee_tier:
        return "tier"
    if not mentor.active or not mentee.active:
        return "inactive"
    if not mentee_in_scope:
        return "out_of_scope"
    if not in_run:
        return "already_paired"
    if conflict_between(session, mentor.id, mentee.id) is not None:
        return "conflict"
    if rematch.mismatch_between(session, mentor.id, mentee.id) is not None:
        return "mismatch"
    if not run.params.get("cross_unit") and court_of(units, mentor.unit_id) != court_of(
        units, mentee.unit_id
    ):
        return "out_of_scope"
    if free_slots <= 0:
        return "capacity"
    return "not_considered"
