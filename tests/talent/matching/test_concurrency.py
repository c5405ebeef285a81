"""Twenty parallel accepts against a mentor with two free slots create exactly two pairings
and leave the other eighteen proposals stale."""

from __future__ import annotations

import threading
from datetime import date

from sqlmodel import Session, func, select

from models import MatchingRun, Pairing, Person, Proposal
from talent.audit import Actor, verify
from talent.errors import RuleViolation
from talent.matching.proposals import accept_proposal


def test_parallel_accepts_respect_capacity(engine, org, users) -> None:
    planner = Actor(users["planner"].id, "planner")
    with Session(engine) as session:
        mentor = session.get(Person, org["senior"])
        mentor.mentor_capacity = 2
        run = MatchingRun(link="1-2", scope_key="1-2|*|cross")
        session.add(run)
        session.flush()
        proposal_ids = []
        for n in range(20):
            mentee = Person(
                staff_no=f"P{n:03d}",
                name=f"青年{n}",
                unit_id=org["civil"],
                tier=2,
                hire_date=date(2020, 1, 1),
            )
            session.add(mentee)
            session.flush()
            proposal = Proposal(
                run_id=run.id, mentee_id=mentee.id, mentor_id=mentor.id, score=0.5, breakdown={}
            )
            session.add(proposal)
            session.flush()
            proposal_ids.append(proposal.id)
        session.commit()
        run_id = run.id

    outcomes: list[str] = []
    barrier = threading.Barrier(len(proposal_ids))

    def accept(proposal_id: int) -> None:
        with Session(engine) as session:
            barrier.wait()
            try:
                accept_proposal(session, proposal_id=proposal_id, actor=planner)
                outcomes.append("ok")
            except RuleViolation as error:
                outcomes.append(error.rule)

    threads = [threading.Thread(target=accept, args=(pid,)) for pid in proposal_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count("ok") == 2
    # The second accept leaves the mentor full and stales the other eighteen proposals; an
    # accept that got the mentor's lock before that would be refused by the capacity rule.
    assert len(outcomes) == 20 and set(outcomes) - {"ok"} <= {"proposal_stale", "capacity"}
    with Session(engine) as session:
        count = session.exec(
            select(func.count()).select_from(Pairing).where(Pairing.mentor_id == org["senior"])
        ).one()
        assert count == 2
        statuses = session.exec(
            select(Proposal.status, func.count())
            .where(Proposal.run_id == run_id)
            .group_by(Proposal.status)
        ).all()
        assert dict(statuses) == {"accepted": 2, "stale": 18}
        assert verify(session).ok  # the audit chain stayed linear under contention
