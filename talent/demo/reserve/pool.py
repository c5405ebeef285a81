"""Play out the reserve pool over two review cycles, for every court system.

Last year's cycle admits about thirty nominees; during this year a few are listed for
inspection, two appointed, one removed; this year's cycle flags the members who no longer
meet the default policy (aged out, a 基本称职, an open negative-list item), exits them,
retains the rest and admits this year's nominees, so the pool lands near the article's 33.
The cycles are system-wide (one cycle per year for all court systems), so the story is
split into steps (:class:`PoolPlan`) that :func:`play_pool` runs for every system between
the cycles. Every move goes through the API's state machine (``apply_move``,
``decide``, ``start_cycle``); their audit entries land in the journal, which the load drops.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta

from sqlmodel import Session

from models import Person
from models.reserve import Band, Decision, ListItem, PoliticalEntry, ReserveCandidate, ReviewCycle
from talent.audit import Entry
from talent.demo.reserve.files import NEGATIVE, list_item, political_files
from talent.demo.reserve.nominations import nominate
from talent.demo.reserve.reviews import admit_or_exit, decide_candidate
from talent.demo.reserve.system import DEMO, POLICY, CourtSystem, insert_rows
from talent.demo.staff import years_before
from talent.reserve import evaluation
from talent.reserve.candidates import apply_move
from talent.reserve.eligibility import Eligibility, age_on
from talent.reserve.readiness import Readiness
from talent.reserve.reviews import start_cycle


class PoolPlan:
    """One court system's part of the pool, played out over two system-wide cycles."""

    def __init__(self, session: Session, system: CourtSystem, today: date, now: datetime) -> None:
        self.session, self.system, self.today, self.now = session, system, today, now
        self.last_review = years_before(today, 1)
        self.ranked = sorted(system.cadres, key=lambda p: (-system.merit[p.id], p.id))
        self.candidates: list[ReserveCandidate] = []
        self.fresh: list[ReserveCandidate] = []
        self.nominees: list[Person] = []
        self.then: dict[int, Eligibility] = {}
        self.now_eligible: dict[int, Eligibility] = {}
        self.items: list[dict] = []

    def _eligibility(self, on: date) -> dict[int, Eligibility]:
        ids = [p.id for p in self.ranked]
        return evaluation.eligibility_of(self.session, ids, on=on, policy=POLICY)

    def _misfits(
        self, result: dict[int, Eligibility], on: date, taken: set[int], n: int
    ) -> list[Person]:
        """Young staff who fail the policy, nominated anyway by their unit."""
        limit = POLICY.eligibility.max_age
        return [
            p
            for p in self.ranked
            if p.id not in taken
            and not result[p.id].eligible
            and p.tier == 2
            and p.birth_date is not None
            and age_on(p.birth_date, on) <= limit
        ][:n]

    def first_wave(self) -> None:
        """Last year's nominations: the 31 best eligible cadres and 3 who are not."""
        self.then = self._eligibility(self.last_review)
        eligible = [p for p in self.ranked if self.then[p.id].eligible][:31]
        self.nominees = eligible + self._misfits(self.then, self.last_review, set(), 3)
        self.candidates = nominate(
            self.session,
            self.system,
            self.nominees,
            self.last_review - timedelta(days=80),
            self.last_review - timedelta(days=20),
        )

    def first_review(self, cycle: ReviewCycle, ready: dict[int, Readiness]) -> None:
        """Admit the eligible, exit the rest; then this year's moves and list items."""
        admit_or_exit(self.session, self.candidates, cycle, ready, self.then, self.system.journal)
        admitted = sorted(
            (c for c in self.candidates if c.status == "in_pool"),
            key=lambda c: (-ready[c.person_id].readiness, c.id),
        )
        moves = [(c, "list_for_inspection", 120, "列为拟提拔考察对象") for c in admitted[:4]]
        moves += [(c, "appoint", 250, "经党组研究，任命为副庭长") for c in admitted[:2]]
        moves += [(admitted[-1], "remove", 200, "调离法院系统，撤销后备资格")]
        for candidate, action, days, reason in sorted(moves, key=lambda m: m[2]):
            apply_move(
                self.session,
                candidate,
                action=action,
                actor=DEMO,
                effective=self.last_review + timedelta(days=days),
                reason=reason,
                journal=self.system.journal,
            )
        today, now = self.today, self.now
        self.items = [
            list_item(
                admitted[len(admitted) // 2].person_id,
                "negative",
                today - timedelta(days=240),
                *NEGATIVE[0],
                now,
            ),
            list_item(
                self.ranked[-1].id,
                "negative",
                today - timedelta(days=400),
                *NEGATIVE[1],
                now,
                status="closed",
                closed_on=today - timedelta(days=300),
                closed_note="经核查已整改",
            ),
            list_item(
                self.ranked[len(self.ranked) // 3].id,
                "negative",
                today - timedelta(days=90),
                *NEGATIVE[2],
                now,
                status="dismissed",
                closed_on=today - timedelta(days=60),
                closed_note="经核查不属实",
            ),
        ]
        insert_rows(self.session, ListItem, self.items)
        self.session.flush()

    def second_wave(self) -> None:
        """This year's nominations: nine more eligible cadres and one who is not."""
        self.now_eligible = self._eligibility(self.today)
        taken = {c.person_id for c in self.candidates}
        eligible = [
            p for p in self.ranked if p.id not in taken and self.now_eligible[p.id].eligible
        ][:9]
        late = eligible + self._misfits(self.now_eligible, self.today, taken, 1)
        self.nominees += late
        self.fresh = nominate(
            self.session,
            self.system,
            late,
            self.today - timedelta(days=60),
            self.today - timedelta(days=10),
        )

    def second_review(self, cycle: ReviewCycle, ready: dict[int, Readiness]) -> None:
        """Exit the flagged, retain (and now and then recalibrate) the rest, admit the new."""
        members = [c for c in self.candidates if c.status in ("in_pool", "inspection")]
        journal = self.system.journal
        for k, c in enumerate(members):
            result = self.now_eligible[c.person_id]
            if not result.eligible:
                reasons = "、".join(result.reasons)
                decide_candidate(
                    self.session,
                    c,
                    cycle,
                    Decision.exit,
                    ready,
                    f"本轮复核不再符合条件：{reasons}",
                    journal,
                )
            elif k % 9 == 4:
                band = Band.ready_1_2 if ready[c.person_id].band != "ready_1_2" else Band.ready_now
                decide_candidate(
                    self.session,
                    c,
                    cycle,
                    Decision.retain,
                    ready,
                    "继续培养",
                    journal,
                    band=band,
                    band_comment="评审会校准：结合近期岗位历练情况调整",
                )
            else:
                decide_candidate(
                    self.session, c, cycle, Decision.retain, ready, "继续培养", journal
                )
        admit_or_exit(
            self.session, self.fresh, cycle, ready, self.now_eligible, self.system.journal
        )

    def write_files(self, counts: Counter[str]) -> None:
        """Write the political file and lists of this system's nominees; add the counts."""
        entries, items = political_files(self.system, self.nominees, self.today, self.now)
        counts["political_entries"] += insert_rows(self.session, PoliticalEntry, entries)
        counts["list_items"] += insert_rows(self.session, ListItem, items) + len(self.items)
        everyone = self.candidates + self.fresh
        counts["candidates"] += len(everyone)
        counts["documents"] += len(everyone)
        counts["pool"] += sum(1 for c in everyone if c.status in ("in_pool", "inspection"))


def play_pool(
    session: Session,
    plans: list[PoolPlan],
    today: date,
    counts: Counter[str],
    journal: list[Entry],
) -> None:
    """Last year's cycle, this year's moves, this year's cycle, for every court system."""
    last_review = years_before(today, 1)
    for plan in plans:
        plan.first_wave()
    cycle = start_cycle(
        session,
        code=str(last_review.year),
        review_date=last_review,
        actor=DEMO,
        policy=POLICY,
        journal=journal,
    )
    ready = evaluation.readiness_map(session, on=last_review, policy=POLICY)
    for plan in plans:
        plan.first_review(cycle, ready)
    for plan in plans:
        plan.second_wave()
    cycle = start_cycle(
        session, code=str(today.year), review_date=today, actor=DEMO, policy=POLICY, journal=journal
    )
    ready = evaluation.readiness_map(session, on=today, policy=POLICY)
    for plan in plans:
        plan.second_review(cycle, ready)
        plan.write_files(counts)
    counts["cycles"] += 2
