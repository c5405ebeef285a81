"""The explain page says why not each alternative mentor from the forced re-solve's figures, by name."""

from __future__ import annotations

from datetime import date

from fastapi.testclient import TestClient
from sqlmodel import Session

from models import Conflict, Person
from talent.matching import explanations
from tests.conftest import TEST_PASSWORD
from tests.web.conftest import log_in
from tests.web.matching.test_runs import _run


def _one_slot_for_two(session: Session, org: dict[str, int]) -> int:
    """王建国 (one slot) can teach 张伟 and 刘洋; only 张伟 has another mentor, 孙立军."""
    senior = session.get(Person, org["senior"])
    senior2 = session.get(Person, org["senior2"])
    assert senior is not None and senior2 is not None
    senior.mentor_capacity = 1
    senior2.active = False
    weak = Person(
        staff_no="S900",
        name="孙立军",
        unit_id=org["civil"],
        tier=1,
        mentor_capacity=3,
        birth_date=date(1990, 1, 1),
        hire_date=date(2023, 1, 1),
    )
    session.add_all([senior, senior2, weak])
    session.flush()
    assert weak.id is not None
    session.add(
        Conflict(
            person_a_id=min(weak.id, org["young2"]),
            person_b_id=max(weak.id, org["young2"]),
            reason="同一案件",
        )
    )
    session.commit()
    return weak.id


def test_the_sentence_gives_the_cost_and_the_moves_by_name(
    client: TestClient, session: Session, users, org
) -> None:
    weak = _one_slot_for_two(session, org)
    token = log_in(client, "planner", TEST_PASSWORD)
    run_id = _run(client, token, cross_unit="1")
    rows = explanations.explain(session, run_id=run_id, mentee_id=org["young"])
    chosen = next(r for r in rows if r.chosen)
    senior = next(r for r in rows if r.mentor_id == org["senior"])
    assert chosen.mentor_id == weak and senior.forced is not None
    assert senior.forced.matched_change == -1
    own, theirs = f"{senior.score:.3f}", f"{chosen.score:.3f}"
    higher = (senior.score or 0) > (chosen.score or 0)
    cost = f"{abs(senior.forced.score_change):.3f}"
    down = senior.forced.score_change < 0

    html = client.get(f"/matching/runs/{run_id}/mentees/{org['young']}").text
    compared = f"得分 {own} {'高于' if higher else '低于'}所建议导师的 {theirs}"
    total = f"总分{'减少' if down else '增加'} {cost}"
    assert (
        f"名额规则：导师名额已满，1 个名额由 刘洋 占用；{compared}；"
        f"若改派此导师：{total}，配对人数减少 1 人；刘洋 将没有导师"
    ) in html
    assert "更少" not in html and "王建国" in html

    english = client.get(f"/matching/runs/{run_id}/mentees/{org['young']}?lang=en").text
    compared = f"Score {own} is {'above' if higher else 'below'} the proposed mentor’s {theirs}"
    total = f"total score {'down' if down else 'up'} {cost}"
    assert (
        "Capacity rule: the mentor has no free slot (its 1 slot(s) held by 刘洋). "
        f"{compared}. If this mentor were assigned instead: {total}, 1 fewer mentee(s) matched. "
        "刘洋 is left without a mentor"
    ) in english
    assert "fewer alternatives" not in english

    # The board's fragment says the same.
    partial = client.get(f"/matching/runs/{run_id}/mentees/{org['young']}?partial=1&lang=zh").text
    assert "刘洋 将没有导师" in partial


def test_a_mentor_with_room_and_a_lower_score_costs_its_difference(
    client: TestClient, session: Session, users, org
) -> None:
    token = log_in(client, "planner", TEST_PASSWORD)
    run_id = _run(client, token, cross_unit="1")
    rows = explanations.explain(session, run_id=run_id, mentee_id=org["young"])
    chosen = next(r for r in rows if r.chosen)
    other = next(r for r in rows if r.eligible and not r.chosen)
    assert other.forced is not None and other.slots_went_to is None  # it had room
    assert (other.why_not or "").startswith("lower_score")
    html = client.get(f"/matching/runs/{run_id}/mentees/{org['young']}").text
    assert (
        f"得分 {other.score:.3f} 低于所建议导师的 {chosen.score:.3f}；"
        f"若改派此导师：总分减少 {abs(other.forced.score_change):.3f}，配对人数不变；其他人不受影响"
    ) in html
