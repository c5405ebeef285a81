"""The demo's year of mentoring history: the API's rules, realistic cadence, determinism.

One scale-1 load on SQLite is shared by the read-only checks (as in test_load.py); the
rules are checked again on every backend, and determinism loads into fresh SQLite files.
Every figure is recomputed here from the rows, not read from the loader's counts.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from pathlib import Path
from statistics import median
from typing import Any

import pytest
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

from models import AuditEvent, Pairing, Person, PersonSkill, Skill, User
from models.mentoring import (
    CATEGORY_LABELS,
    TOPIC_MAX,
    ActionItem,
    EscalationStep,
    GuidanceLog,
    GuidanceLogSkill,
    GuidanceLogVersion,
    LogCategory,
    LogConfirmation,
    PairingGoal,
    RematchEntry,
    SkillLevelChange,
)
from models.mentoring_schemas import ActionItemIn, LogCorrection, LogCreate
from talent.audit import verify
from talent.db import make_engine
from talent.demo.load import REFERENCE_DATE, load_demo
from talent.demo.mentoring import HOLIDAYS, SINCE_DAYS
from talent.demo.mentoring_texts import DISSOLVE_CODES, NOTES, TOPIC_WORDS
from talent.mentoring import overdue, rematch, reports
from talent.mentoring import reminders as mentor_reminders
from talent.mentoring.escalation import NEXT_STEP
from talent.mentoring.overdue import DEFAULT_OVERDUE_DAYS, ladder_state
from talent.roster import skill_levels

MENTORING_TABLES: list[type[SQLModel]] = [
    GuidanceLog,
    GuidanceLogVersion,
    GuidanceLogSkill,
    LogConfirmation,
    ActionItem,
    PairingGoal,
    SkillLevelChange,
    EscalationStep,
    RematchEntry,
]
SINCE = REFERENCE_DATE - timedelta(days=SINCE_DAYS)
HAN = re.compile(r"[\u4e00-\u9fff]")
CUTOFF = datetime.combine(REFERENCE_DATE, time(0), tzinfo=UTC)


def _fresh_engine(template: Path, path: Path) -> Engine:
    shutil.copyfile(template, path)
    return make_engine(f"sqlite:///{path}")


def _load(engine: Engine, **kwargs: Any) -> None:
    with Session(engine) as session:
        load_demo(session, **{"reference_date": REFERENCE_DATE, **kwargs})
        session.commit()


@pytest.fixture(scope="module")
def loaded(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = _fresh_engine(sqlite_template, tmp_path_factory.mktemp("mentoring") / "demo.db")
    _load(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def db(loaded: Engine) -> Iterator[Session]:
    with Session(loaded) as session:
        yield session


def _aware(moment: datetime) -> datetime:
    """SQLite hands timestamps back naive (they are stored as UTC)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _latest_dates(session: Session) -> dict[int, list[date]]:
    """Each pairing's session dates (latest versions), in order."""
    rows = session.exec(
        select(GuidanceLog.pairing_id, GuidanceLogVersion.session_date)
        .join(GuidanceLogVersion, GuidanceLogVersion.log_id == GuidanceLog.id)
        .where(GuidanceLogVersion.version == GuidanceLog.latest_version)
    ).all()
    found: dict[int, list[date]] = defaultdict(list)
    for pairing_id, day in rows:
        found[pairing_id].append(day)
    return {k: sorted(v) for k, v in found.items()}


# --- the API's rules -------------------------------------------------------------------------
def check_log_rules(session: Session) -> None:
    """Every log, version, confirmation and action item is one the API would have accepted."""
    pairings = {p.id: p for p in session.exec(select(Pairing))}
    code_of = dict(session.exec(select(Skill.id, Skill.code)).all())
    user_of = {u.id: u for u in session.exec(select(User))}
    logs = {log.id: log for log in session.exec(select(GuidanceLog))}
    versions: dict[int, list[GuidanceLogVersion]] = defaultdict(list)
    for v in session.exec(select(GuidanceLogVersion).order_by(GuidanceLogVersion.version)):
        versions[v.log_id].append(v)
    touched: dict[int, list[str]] = defaultdict(list)
    for version_id, skill_id in session.exec(
        select(GuidanceLogSkill.version_id, GuidanceLogSkill.skill_id)
    ):
        touched[version_id].append(code_of[skill_id])  # KeyError: an unknown skill
    items: dict[int, list[ActionItem]] = defaultdict(list)
    for item in session.exec(select(ActionItem)):
        items[item.log_id].append(item)
    assert logs and set(versions) == set(logs)
    for log in logs.values():
        pairing = pairings[log.pairing_id]
        last_day = pairing.end_date or REFERENCE_DATE
        history = versions[log.id]
        assert [v.version for v in history] == list(range(1, log.latest_version + 1))
        if log.created_by is not None:  # written by the mentor of the pairing, no one else
            assert user_of[log.created_by].person_id == pairing.mentor_id
        first = history[0]
        LogCreate(  # the API's own validation of the body (minutes 1-600, topic, dates)
            date=first.session_date,
            minutes=first.minutes,
            topic=first.topic,
            category=first.category,
            skill_codes=touched[first.id],
            notes=first.notes,
            action_items=[ActionItemIn(text=i.text, due_date=i.due_date) for i in items[log.id]],
        )
        for before, after in pairwise(history):
            assert (after.topic, after.category) == (before.topic, before.category)
            LogCorrection(
                minutes=after.minutes, skill_codes=touched[after.id], reason=after.correction_reason
            )
            changed = (before.minutes, sorted(touched[before.id]), before.notes) != (
                after.minutes,
                sorted(touched[after.id]),
                after.notes,
            )
            assert changed and after.created_at >= before.created_at
        for v in history:
            assert pairing.start_date <= v.session_date <= min(last_day, REFERENCE_DATE)
            assert v.session_date >= SINCE
            assert 1 <= v.minutes <= 600
            assert v.session_date <= _aware(v.created_at).date() and _aware(v.created_at) <= CUTOFF
        for item in items[log.id]:
            assert item.due_date is None or item.due_date >= first.session_date
            assert item.done == (item.done_at is not None)
    for confirmation in session.exec(select(LogConfirmation)):
        version = session.get(GuidanceLogVersion, confirmation.version_id)
        pairing = pairings[logs[version.log_id].pairing_id]  # type: ignore[union-attr]
        confirmer = user_of[confirmation.confirmed_by]
        assert confirmation.person_id == pairing.mentee_id == confirmer.person_id
        assert _aware(confirmation.confirmed_at) >= _aware(version.created_at)  # type: ignore[union-attr]


def check_goal_rules(session: Session) -> None:
    """Goals as the API sets them; level history that ends at the roster's level."""
    pairings = {p.id: p for p in session.exec(select(Pairing))}
    current = {(s.person_id, s.skill_id): s.level for s in session.exec(select(PersonSkill))}
    history: dict[tuple[int, int], list[SkillLevelChange]] = defaultdict(list)
    for change in session.exec(
        select(SkillLevelChange).order_by(SkillLevelChange.effective_date, SkillLevelChange.id)
    ):
        history[(change.person_id, change.skill_id)].append(change)
    open_goals: Counter[tuple[int, int]] = Counter()
    for goal in session.exec(select(PairingGoal)):
        pairing = pairings[goal.pairing_id]
        assert pairing.start_date <= goal.created_on <= (pairing.end_date or REFERENCE_DATE)
        assert goal.due_date is not None and goal.due_date >= pairing.start_date
        if goal.skill_id is None:
            assert goal.description and goal.target_level is None
            continue
        key = (pairing.mentee_id, goal.skill_id)
        open_goals[(goal.pairing_id, goal.skill_id)] += 1
        assert goal.target_level is not None and goal.target_level > (goal.baseline_level or 0)
        changes = history.get(key, [])
        assert (
            skill_levels.level_on(changes, current.get(key), goal.created_on) == goal.baseline_level
        )
        for change in changes:
            assert goal.created_on <= change.effective_date
            assert change.effective_date <= (pairing.end_date or REFERENCE_DATE)
    assert max(open_goals.values()) == 1  # one open goal per skill and pairing
    for key, changes in history.items():
        assert changes[-1].to_level == current[key]
        for before, after in pairwise(changes):
            assert before.to_level == after.from_level
            assert before.effective_date <= after.effective_date
        assert all(c.to_level == (c.from_level or 0) + 1 for c in changes)


def check_ladder_rules(session: Session) -> None:
    """Each recorded step is the one ``record_step`` would have accepted on its date."""
    pairings = {p.id: p for p in session.exec(select(Pairing))}
    dates = _latest_dates(session)
    recorded: dict[int, list[tuple[str, date]]] = defaultdict(list)
    steps = session.exec(
        select(EscalationStep).order_by(EscalationStep.step_date, EscalationStep.id)
    ).all()
    assert steps
    for step in steps:
        pairing = pairings[step.pairing_id]
        assert step.step_date <= (pairing.end_date or REFERENCE_DATE)
        before = [d for d in dates.get(pairing.id, []) if d <= step.step_date]
        state = ladder_state(
            start_date=pairing.start_date,
            last_log=before[-1] if before else None,
            as_of=step.step_date,
            days=DEFAULT_OVERDUE_DAYS,
            steps=recorded[pairing.id],
        )
        assert state.overdue and NEXT_STEP[state.rung] == step.step  # type: ignore[index]
        assert step.days_quiet == state.days_quiet
        recorded[pairing.id].append((step.step, step.step_date))


def check_endings(session: Session) -> None:
    """Dissolved this year: queued once for re-matching; withdrawn only when the mentee left."""
    people = {p.id: p for p in session.exec(select(Person))}
    entries = {e.pairing_id: e for e in session.exec(select(RematchEntry))}
    ended = [
        p
        for p in session.exec(select(Pairing).where(Pairing.status != "active"))
        if p.end_date is not None and p.end_date >= SINCE
    ]
    assert {p.id for p in ended if p.status == "dissolved"} == set(entries)
    for pairing in ended:
        assert pairing.ended_by is not None and pairing.outcome_rating and pairing.end_reason
        entry = entries.get(pairing.id)
        if entry is None:
            continue
        assert (entry.mentee_id, entry.link, entry.queued_on) == (
            pairing.mentee_id,
            pairing.link,
            pairing.end_date,
        )
        assert entry.reason_code == DISSOLVE_CODES[pairing.end_reason]  # type: ignore[index]
        assert (entry.withdrawn_on is not None) == (not people[pairing.mentee_id].active)


def overdue_share(session: Session) -> float:
    active = session.exec(
        select(func.count()).select_from(Pairing).where(Pairing.status == "active")
    ).one()
    return len(overdue.overdue_pairing_ids(session, as_of=REFERENCE_DATE)) / active


# --- the shared load -------------------------------------------------------------------------
def test_every_log_obeys_the_api_rules(db: Session) -> None:
    check_log_rules(db)


def test_topics_are_the_mentors_words_filed_under_a_category(db: Session) -> None:
    rows = db.exec(select(GuidanceLogVersion.topic, GuidanceLogVersion.category)).all()
    codes = {c.value for c in LogCategory}
    assert {category for _, category in rows} == codes  # every category in use, none missing
    topics = {topic for topic, _ in rows}
    assert not topics & codes and not topics & {v["zh"] for v in CATEGORY_LABELS.values()}
    assert all(
        4 <= len(t) <= TOPIC_MAX and t == t.strip() and "{" not in t and re.search(HAN, t)
        for t in topics
    )
    assert len(topics) >= 100  # phrased from the session's case and skill, not a short list
    assert any("纠纷" in t for t, c in rows if c == "case_review")
    assert any("执行" in t for t, c in rows if c == "enforcement")


def test_goals_and_skill_history_agree(db: Session) -> None:
    check_goal_rules(db)
    rows = reports.mentoring_report(db, date_from=SINCE, date_to=REFERENCE_DATE).goal_progress
    progress = [row.progress for row in rows]
    assert any(p == 1.0 for p in progress) and any(0 < p < 1 for p in progress)
    assert any(p == 0 for p in progress)


def test_escalation_steps_follow_the_ladder(db: Session) -> None:
    check_ladder_rules(db)


def test_ended_pairings_record_who_and_queue_the_dissolved(db: Session) -> None:
    check_endings(db)
    statuses = Counter(e.status for e in rematch.rematch_queue(db, status=None, limit=500))
    assert statuses["waiting"] >= 1


def test_overdue_is_a_minority_and_the_rest_log_every_few_weeks(db: Session) -> None:
    assert 0.10 <= overdue_share(db) <= 0.20
    planner = db.exec(select(User).where(User.username == "planner")).one()
    quiet = overdue.overdue_pairings(db, user=planner, as_of=REFERENCE_DATE, limit=500)
    assert {row.rung for row in quiet} == {"overdue", "reminded", "escalated"}
    dates = _latest_dates(db)
    gaps = [(b - a).days for days in dates.values() for a, b in pairwise(days)]
    assert 14 <= median(gaps) <= 35
    assert sum(10 <= g <= 40 for g in gaps) / len(gaps) >= 0.85
    closed = [
        d
        for days in dates.values()
        for d in days
        if d.weekday() >= 5 or any(a <= d <= b for a, b in HOLIDAYS)
    ]
    assert not closed  # sessions happen on working days
    active = db.exec(select(Pairing).where(Pairing.status == "active")).all()
    logged = sum(1 for p in active if p.id in dates)
    assert logged / len(active) >= 0.9


def test_report_and_reminders_have_figures(db: Session) -> None:
    report = reports.mentoring_report(db, date_to=REFERENCE_DATE)
    assert report.sessions > 500 and report.hours > 500
    assert all(month.sessions > 0 for month in report.by_month)
    assert len(report.overdue) == len(overdue.overdue_pairing_ids(db, as_of=REFERENCE_DATE))
    assert report.goals_total > 0 and 0 < report.goals_achieved < report.goals_total
    planner = db.exec(select(User).where(User.username == "planner")).one()
    found = mentor_reminders.reminders(db, user=planner, as_of=REFERENCE_DATE)
    kinds = Counter(item.kind for mentor in found for item in mentor.items)
    assert kinds["overdue"] == len(report.overdue) and kinds["action_item"] > 0


def test_the_demo_accounts_show_a_lively_and_a_quiet_mentor(db: Session) -> None:
    users = {u.username: u for u in db.exec(select(User))}
    quiet = overdue.overdue_pairing_ids(db, as_of=REFERENCE_DATE)
    mine = {
        name: {
            p.id
            for p in db.exec(
                select(Pairing).where(
                    Pairing.mentor_id == users[name].person_id, Pairing.status == "active"
                )
            )
        }
        for name in ("mentor_senior", "mentor_young", "mentor_enforce")
    }
    assert not (mine["mentor_senior"] | mine["mentor_young"]) & quiet
    assert len(mine["mentor_enforce"] & quiet) == 1
    young = users["mentor_young"]
    confirmed = db.exec(select(func.count()).where(LogConfirmation.confirmed_by == young.id)).one()
    assert confirmed >= 5  # the young judge confirms the senior judge's logs


def test_one_audit_event_with_the_counts_and_the_chain_verifies(db: Session) -> None:
    events = db.exec(select(AuditEvent)).all()
    assert [e.action for e in events] == ["demo.load"]
    counts = json.loads(events[0].after or "{}")["mentoring"]
    assert counts["logs"] == db.exec(select(func.count()).select_from(GuidanceLog)).one()
    assert counts["goals"] == db.exec(select(func.count()).select_from(PairingGoal)).one()
    assert verify(db).ok


# --- every backend, determinism ----------------------------------------------------------------
def test_the_history_keeps_the_rules_on_every_backend(session: Session) -> None:
    load_demo(session, seed=7, reference_date=REFERENCE_DATE)
    session.commit()
    check_log_rules(session)
    check_goal_rules(session)
    check_ladder_rules(session)
    check_endings(session)
    assert 0.10 <= overdue_share(session) <= 0.20


def _dump(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every mentoring row in primary-key order (timestamps included: they are planned)."""
    dump = {}
    with engine.connect() as connection:
        for model in MENTORING_TABLES:
            table = model.__table__  # type: ignore[attr-defined]
            query = select(*table.columns).order_by(*table.primary_key.columns)
            dump[table.name] = [tuple(row) for row in connection.execute(query)]
    return dump


def test_every_note_has_its_topics() -> None:
    """Each session's topic heads its notes: ``TOPIC_WORDS`` runs alongside ``NOTES``."""
    assert set(TOPIC_WORDS) == set(NOTES)
    for key, notes in NOTES.items():
        assert len(TOPIC_WORDS[key]) == len(notes), key
        for note, ways in zip(notes, TOPIC_WORDS[key], strict=True):
            assert ways and all(0 < len(w) <= TOPIC_MAX for w in ways)
            assert all(
                ("{case}" not in w or "{case}" in note)
                and ("{skill}" not in w or "{skill}" in note)
                for w in ways
            ), note


def test_same_seed_same_history(loaded: Engine, sqlite_template: Path, tmp_path: Path) -> None:
    again = _fresh_engine(sqlite_template, tmp_path / "again.db")
    other = _fresh_engine(sqlite_template, tmp_path / "other.db")
    _load(again)
    _load(other, seed=7)
    first = _dump(loaded)
    assert _dump(again) == first and first["guidancelog"]
    assert _dump(other)["guidancelogversion"] != first["guidancelogversion"]
    again.dispose()
    other.dispose()
