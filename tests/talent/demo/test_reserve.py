"""The reserve-pool demo: a pool of realistic size, cycles with exit flags, succession
gaps named, determinism; once on a shared SQLite load, once per backend."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session, select

from models import AuditEvent, Person
from models.reserve import ListItem, PostBackup, ReserveCandidate, ReserveReview
from talent.audit import verify
from talent.db import make_engine
from talent.demo.load import REFERENCE_DATE, load_demo
from talent.demo.reserve.load import load_reserve_demo
from talent.errors import RuleViolation
from talent.reserve import key_posts as reserve_succession
from talent.reserve import pool as reserve_pool
from talent.reserve import reviews as reserve_reviews
from talent.reserve.policy import ENV_VAR


def _load(template: Path, path: Path, seed: int = 2024) -> tuple[Session, dict[str, int]]:
    shutil.copyfile(template, path)
    session = Session(make_engine(f"sqlite:///{path}"))
    load_demo(session, seed=seed, reference_date=REFERENCE_DATE)
    session.commit()
    return session, _reserve_counts(session)


def _reserve_counts(session: Session) -> dict[str, int]:
    """What ``load_demo`` reports of the reserve part, in its single ``demo.load`` event."""
    after = session.exec(select(AuditEvent.after).where(AuditEvent.action == "demo.load")).one()
    return json.loads(after)["reserve"]


@pytest.fixture(scope="module")
def loaded(
    sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Session, dict[str, int]]]:
    session, counts = _load(sqlite_template, tmp_path_factory.mktemp("reserve") / "demo.db")
    yield session, counts
    session.close()


@pytest.fixture(autouse=True)
def default_policy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)


def test_the_pool_lands_near_the_articles_33(loaded) -> None:
    session, counts = loaded
    members = reserve_pool.pool_members(session, on=REFERENCE_DATE)
    assert 28 <= len(members) <= 36 and counts["pool"] == len(members)
    assert all(m.eligibility.eligible for m in members)
    statuses = Counter(c.status for c in session.exec(select(ReserveCandidate)).all())
    assert statuses["appointed"] == 2 and statuses["inspection"] >= 1 and statuses["removed"] >= 3
    composition = reserve_pool.composition(session, on=REFERENCE_DATE)
    assert composition.size == len(members)
    assert {row.key for row in composition.by_court} == {
        "乌海市中级人民法院",
        "海勃湾区人民法院",
        "乌达区人民法院",
        "海南区人民法院",
    }
    assert {row.key for row in composition.by_gender} == {"male", "female"}
    last_year = REFERENCE_DATE.replace(year=REFERENCE_DATE.year - 1)
    assert 25 <= len(reserve_pool.pool_members(session, on=last_year)) <= 36


def test_this_years_cycle_flagged_and_exited_who_no_longer_qualifies(loaded) -> None:
    session, _ = loaded
    cycle = reserve_reviews.get_cycle(session, code=str(REFERENCE_DATE.year))
    assert cycle.flags, "the demo should flag someone at the new cycle"
    reasons = {r for flag in cycle.flags for r in flag.reasons}
    assert "negative_list" in reasons and "assessment_grades" in reasons
    for flag in cycle.flags:
        (review,) = reserve_reviews.list_reviews(session, candidate_id=flag.candidate_id)[-1:]
        assert review.decision == "exit" and review.status == "removed"
    calibrated = session.exec(
        select(ReserveReview).where(ReserveReview.band != ReserveReview.band_suggested)
    ).all()
    assert calibrated and all(r.band_comment for r in calibrated)
    open_negative = session.exec(
        select(ListItem).where(ListItem.polarity == "negative", ListItem.status == "open")
    ).all()
    assert len(open_negative) == 1


def test_the_succession_report_names_the_uncovered_posts(loaded) -> None:
    session, counts = loaded
    report = reserve_succession.coverage(session, on=REFERENCE_DATE)
    assert report.summary.posts == counts["key_posts"] >= 20
    uncovered = report.uncovered
    assert 1 <= len(uncovered) < counts["key_posts"]
    for post in uncovered:
        assert post.title.endswith(("庭长", "局长", "主任", "负责人")) and post.unit_name
        row = next(r for r in report.posts if r.post_id == post.post_id)
        assert "no_b_backup" in row.issues
    assert report.overloaded and len(report.overloaded[0].post_ids) == 3
    assert session.exec(select(PostBackup)).first() is not None


def test_the_demo_is_deterministic_and_audited(
    loaded, sqlite_template: Path, tmp_path: Path
) -> None:
    session, counts = loaded
    again, counts_again = _load(sqlite_template, tmp_path / "again.db")
    try:
        assert counts_again == counts

        def pool(s: Session) -> list[tuple[str, str]]:
            rows = s.exec(
                select(Person.staff_no, ReserveCandidate.status)
                .join(ReserveCandidate, ReserveCandidate.person_id == Person.id)
                .order_by(Person.staff_no)
            ).all()
            return [tuple(r) for r in rows]

        assert pool(again) == pool(session)
        assert verify(again).ok
        actions = again.exec(select(AuditEvent.action).order_by(AuditEvent.seq)).all()
        assert actions == ["demo.load"]  # the whole load, reserve pool included, is one event
    finally:
        again.close()
    with pytest.raises(RuleViolation, match="candidates already"):
        load_reserve_demo(session, seed=1, reference_date=REFERENCE_DATE)
    session.rollback()


def test_the_demo_loads_on_every_backend(session: Session) -> None:
    # load_demo loads the reserve pool too and folds its counts into its one demo.load event
    load_demo(session, seed=7, reference_date=REFERENCE_DATE)
    session.commit()
    counts = _reserve_counts(session)
    assert 25 <= counts["pool"] <= 38
    assert len(reserve_pool.pool_members(session, on=REFERENCE_DATE)) == counts["pool"]
    assert session.exec(select(AuditEvent.action)).all() == ["demo.load"]
    assert verify(session).ok
