"""The mentor's home page: greeted by name and post, with their reminders and the steps
a planner recorded on their quiet pairings (demo data, both databases)."""

from __future__ import annotations

import re

from sqlmodel import Session, select

from models import Person, User
from talent.demo.load import REFERENCE_DATE, load_demo
from talent.mentoring import escalation, reminders
from tests.web.conftest import log_in


def test_the_mentor_home_lists_what_the_reminders_service_lists(client, engine) -> None:
    with Session(engine) as session:
        load_demo(session, scale=1, reference_date=REFERENCE_DATE)
        session.commit()
        user = session.exec(select(User).where(User.username == "mentor_enforce")).one()
        person = session.get(Person, user.person_id)
        assert person is not None
        expected = [i for m in reminders.reminders(session, user=user) for i in m.items]
        stepped = sum(
            1
            for i in expected
            if i.kind == "overdue"
            and any(
                s.recorded and s.step != "dissolved"
                for s in escalation.escalation_ladder(session, pairing_id=i.pairing_id, user=user)
            )
        )
    log_in(client, "mentor_enforce", "demo-enforce-2026")
    html = client.get("/").text
    assert f"您好，{person.name} {person.position}" in html
    assert f">{person.name} {person.position}<" in html  # the header names the person too
    section = html.split('data-testid="reminders"', 1)[1].split("</ul>", 1)[0]
    overdue = [i for i in expected if i.kind == "overdue"]
    assert overdue, "the demo's quiet mentor has quiet pairings"
    for item in overdue:
        assert f"{item.mentee_name}：已 {item.days_quiet} 天没有带教记录" in section
    assert section.count("<li") == len(expected)
    assert stepped, "the demo records steps on the quiet mentor's pairings"
    # Each quiet pairing a planner acted on shows the step: the mentor reminded, or the
    # head of the mentor's department told.
    assert section.count("已提醒导师") + section.count("已告知导师所在部门负责人") == stepped
    # Longest quiet first.
    days = [int(d) for d in re.findall(r"已 (\d+) 天没有带教记录", section)]
    assert days == sorted(days, reverse=True)
