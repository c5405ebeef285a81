"""The demo data set: its shape, its realism, the mentoring rules, determinism and scale.

One scale-1 load on SQLite is shared by the read-only checks; the rules are checked again
on every backend, and determinism and scale each load into fresh SQLite files.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, col, select

from models import (
    AuditEvent,
    Conflict,
    Pairing,
    Person,
    PersonSkill,
    Skill,
    SkillRelation,
    Unit,
    User,
)
from models.mentoring import GuidanceLog
from talent.audit import verify
from talent.db import make_engine
from talent.demo.accounts import DEMO_ACCOUNTS
from talent.demo.load import REFERENCE_DATE, DemoSummary, has_data, load_demo
from talent.demo.names import MONGOLIAN_NAMES
from talent.demo.texts import GOALS
from talent.errors import InvalidInput, RuleViolation
from talent.security import verify_password

COURTS = {"乌海市中级人民法院", "海勃湾区人民法院", "乌达区人民法院", "海南区人民法院"}
DEMO_TABLES: list[type[SQLModel]] = [
    Unit,
    Person,
    Skill,
    SkillRelation,
    PersonSkill,
    Conflict,
    Pairing,
    User,
]
HAN = re.compile(r"^[\u4e00-\u9fff]{2,6}$")


def _fresh_engine(template: Path, path: Path) -> Engine:
    shutil.copyfile(template, path)
    return make_engine(f"sqlite:///{path}")


def _load(engine: Engine, **kwargs: Any) -> DemoSummary:
    with Session(engine) as session:
        summary = load_demo(session, **{"reference_date": REFERENCE_DATE, **kwargs})
        session.commit()
    return summary


def _years(start: date, end: date) -> float:
    return (end - start).days / 365.25


@pytest.fixture(scope="module")
def loaded(
    sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Engine, DemoSummary]]:
    engine = _fresh_engine(sqlite_template, tmp_path_factory.mktemp("demo") / "demo.db")
    summary = _load(engine)
    yield engine, summary
    engine.dispose()


@pytest.fixture
def db(loaded: tuple[Engine, DemoSummary]) -> Iterator[Session]:
    with Session(loaded[0]) as session:
        yield session


@pytest.fixture
def summary(loaded: tuple[Engine, DemoSummary]) -> DemoSummary:
    return loaded[1]


def check_mentoring_rules(session: Session) -> None:
    """The rules every pairing in the demo keeps, active or ended."""
    people = {p.id: p for p in session.exec(select(Person))}
    conflicts = {(c.person_a_id, c.person_b_id) for c in session.exec(select(Conflict))}
    pairings = list(session.exec(select(Pairing).order_by(Pairing.id)))
    load: Counter[int] = Counter()
    active_links: Counter[tuple[int, str]] = Counter()
    for pairing in pairings:
        mentor, mentee = people[pairing.mentor_id], people[pairing.mentee_id]
        assert (mentor.tier, mentee.tier) == {"1-2": (1, 2), "2-3": (2, 3)}[pairing.link]
        assert (min(mentor.id, mentee.id), max(mentor.id, mentee.id)) not in conflicts
        assert max(mentor.hire_date, mentee.hire_date) < pairing.start_date <= REFERENCE_DATE
        if pairing.status == "active":
            assert mentor.active and mentee.active
            assert pairing.end_date is None and pairing.outcome_rating is None
            load[mentor.id] += 1
            active_links[mentee.id, pairing.link] += 1
        else:
            assert pairing.status in ("completed", "dissolved")
            assert pairing.start_date < pairing.end_date <= REFERENCE_DATE
            assert 1 <= pairing.outcome_rating <= 5 and pairing.end_reason
    for mentor_id, count in load.items():
        assert count <= people[mentor_id].mentor_capacity, people[mentor_id].staff_no
    assert max(active_links.values()) == 1
    by_mentee_link: dict[tuple[int, str], list[Pairing]] = {}
    for pairing in pairings:
        by_mentee_link.setdefault((pairing.mentee_id, pairing.link), []).append(pairing)
    for history in by_mentee_link.values():
        history.sort(key=lambda p: p.start_date)
        for before, after in pairwise(history):
            assert before.end_date is not None and before.end_date < after.start_date


# --- shape and realism ---------------------------------------------------------------------
def test_counts_at_scale_one(db: Session, summary: DemoSummary) -> None:
    assert 40 <= summary.units <= 60 and 420 <= summary.people <= 480
    assert 28 <= summary.skills <= 40 and 20 <= summary.relations <= 40
    assert 4 * summary.people <= summary.person_skills <= 8 * summary.people
    assert 8 <= summary.conflicts <= 12 and summary.users == len(DEMO_ACCOUNTS)
    assert 5 * summary.pairings <= summary.guidance_logs <= 12 * summary.pairings
    assert summary.seconds > 0
    for table, expected in [
        (Unit, summary.units),
        (Person, summary.people),
        (Skill, summary.skills),
        (SkillRelation, summary.relations),
        (PersonSkill, summary.person_skills),
        (Conflict, summary.conflicts),
        (Pairing, summary.pairings),
        (GuidanceLog, summary.guidance_logs),
    ]:
        assert db.exec(select(func.count()).select_from(table)).one() == expected
    assert has_data(db)


def test_four_courts_with_their_departments(db: Session) -> None:
    units = list(db.exec(select(Unit)))
    by_id = {u.id: u for u in units}
    courts = {u.name: u for u in units if u.kind != "department"}
    assert set(courts) == COURTS
    intermediate = courts["乌海市中级人民法院"]
    assert intermediate.kind == "intermediate_court" and intermediate.parent_id is None
    for name in COURTS - {intermediate.name}:
        assert courts[name].kind == "basic_court" and courts[name].parent_id == intermediate.id
    departments: dict[str, set[str]] = {name: set() for name in COURTS}
    for unit in units:
        assert unit.name_en
        if unit.kind == "department":
            departments[by_id[unit.parent_id].name].add(unit.name)
    for names in departments.values():
        assert {"立案庭", "刑事审判庭", "执行局", "政治部", "办公室"} <= names
        assert names & {"民事审判庭", "民事审判第一庭"}
    assert {
        "民事审判第一庭",
        "民事审判第二庭",
        "行政审判庭",
        "审判管理办公室",
        "研究室",
    } <= departments[intermediate.name]
    assert any(name.endswith("人民法庭") for name in departments["海南区人民法院"])
    unit_kinds = {u.id: u.kind for u in units}
    assert {unit_kinds[p.unit_id] for p in db.exec(select(Person))} == {"department"}


def test_tiers_positions_and_names(db: Session) -> None:
    people = list(db.exec(select(Person)))
    tiers = Counter(p.tier for p in people)
    assert 0.15 <= tiers[1] / len(people) <= 0.22
    assert 0.35 <= tiers[2] / len(people) <= 0.46
    assert 0.35 <= tiers[3] / len(people) <= 0.46
    assert sum(p.is_business_leader for p in people) == 20
    assert [p.tier for p in people if p.is_expert_judge] == [1]
    assert all(p.tier == 1 for p in people if p.is_business_leader)
    assert 1 <= sum(not p.active for p in people) <= 15
    assert all(HAN.match(p.name) for p in people)
    assert len({p.staff_no for p in people}) == len(people)
    mongolian = set(MONGOLIAN_NAMES["male"]) | set(MONGOLIAN_NAMES["female"])
    assert any(p.name in mongolian for p in people)
    surnames = Counter(p.name[0] for p in people)
    assert {s for s, _ in surnames.most_common(6)} & {"王", "李", "张", "刘"}
    positions = {tier: {p.position for p in people if p.tier == tier} for tier in (1, 2, 3)}
    assert {"院长", "庭长", "四级高级法官"} <= positions[1]
    assert {"法官助理", "执行员"} <= positions[2] and positions[3] <= {"书记员", "聘用制书记员"}
    assert {p.gender for p in people} == {"male", "female"}
    assert all(p.mentor_capacity == 0 for p in people if p.tier == 3)
    assert len({p.mentor_capacity for p in people if p.tier == 1}) >= 3


def test_dates_fit_the_tier(db: Session) -> None:
    for p in db.exec(select(Person)):
        assert p.birth_date < p.hire_date <= REFERENCE_DATE - timedelta(days=30)
        assert _years(p.birth_date, p.hire_date) >= 18.5
        age, service = _years(p.birth_date, REFERENCE_DATE), _years(p.hire_date, REFERENCE_DATE)
        if p.tier == 1:
            assert 36 <= age <= 60 and 14 <= service <= 37, p.staff_no
        elif p.tier == 2:
            assert 22 <= age <= 43, p.staff_no
        else:
            assert 20 <= age <= 34 and service <= 10, p.staff_no


def test_skills_graph_levels_and_gaps(db: Session) -> None:
    skills = {s.code: s for s in db.exec(select(Skill))}
    by_id = {s.id: s for s in skills.values()}
    assert by_id[skills["contract_disputes"].parent_id].code == "civil_trial"
    assert by_id[skills["civil_trial"].parent_id].code == "trial_business"
    assert all(s.name and s.category for s in skills.values())
    relations = {
        frozenset((by_id[r.skill_a_id].code, by_id[r.skill_b_id].code))
        for r in db.exec(select(SkillRelation))
    }
    assert frozenset(("civil_trial", "commercial_trial")) in relations
    assert frozenset(("mediation", "case_filing")) in relations
    tier = {p.id: p.tier for p in db.exec(select(Person))}
    levels: dict[int, list[int]] = {1: [], 2: [], 3: []}
    gaps: Counter[int] = Counter()
    for ps in db.exec(select(PersonSkill)):
        levels[tier[ps.person_id]].append(ps.level)
        if ps.target_level is not None and ps.target_level > ps.level:
            gaps[ps.person_id] += 1
    mean = {t: sum(v) / len(v) for t, v in levels.items()}
    assert mean[1] > mean[2] > mean[3] and mean[1] >= 3.3
    assert max(levels[3]) <= 3 and max(levels[1]) == 5
    assert all(gaps[pid] >= 1 for pid, t in tier.items() if t > 1)


def test_texts_follow_skills(db: Session) -> None:
    people = list(db.exec(select(Person)))
    assert all(p.expertise and p.goals and p.goals.endswith("。") for p in people)
    code = {s.id: s.code for s in db.exec(select(Skill))}
    gap_objects: dict[int, list[str]] = {}
    for ps in db.exec(select(PersonSkill)):
        if ps.target_level and ps.target_level > ps.level and code[ps.skill_id] in GOALS:
            gap_objects.setdefault(ps.person_id, []).append(GOALS[code[ps.skill_id]][1])
    juniors = [p for p in people if p.tier > 1]
    told = sum(any(o in p.goals for o in gap_objects.get(p.id, [])) for p in juniors)
    assert told == len(juniors)
    judges = [p for p in people if p.tier == 1 and p.position in ("庭长", "副庭长")]
    assert sum("擅长" in p.expertise for p in judges) == len(judges)


# --- mentoring -----------------------------------------------------------------------------
def test_mentoring_rules_and_history(db: Session) -> None:
    check_mentoring_rules(db)
    people = {p.id: p for p in db.exec(select(Person))}
    pairings = list(db.exec(select(Pairing)))
    for link, tier, low, high in (("1-2", 2, 0.30, 0.40), ("2-3", 3, 0.25, 0.35)):
        mentees = {p.mentee_id for p in pairings if p.link == link and p.status == "active"}
        pool = [p for p in people.values() if p.tier == tier and p.active]
        assert low <= len(mentees) / len(pool) <= high, link
    ended = [p for p in pairings if p.status != "active"]
    assert 50 <= len(ended) <= 70
    assert {p.status for p in ended} == {"completed", "dissolved"}
    assert {p.outcome_rating for p in ended} == {1, 2, 3, 4, 5}
    conflicts = list(db.exec(select(Conflict)))
    assert all(c.person_a_id < c.person_b_id and "二人" in c.reason for c in conflicts)
    pairs = [(c.person_a_id, c.person_b_id) for c in conflicts]
    assert sum(abs(people[a].tier - people[b].tier) == 1 for a, b in pairs) >= len(pairs) // 2
    assert len({i for pair in pairs for i in pair}) == 2 * len(pairs)  # one conflict per person


def test_demo_accounts(db: Session) -> None:
    users = {u.username: u for u in db.exec(select(User))}
    assert {role for _, _, role in DEMO_ACCOUNTS} == {"admin", "planner", "reviewer", "mentor"}
    for username, password, role in DEMO_ACCOUNTS:
        user = users[username]
        assert user.role == role and len(password) >= 8
        assert verify_password(password, user.password_hash)
        assert not verify_password(password + "x", user.password_hash)
    active = list(db.exec(select(Pairing).where(Pairing.status == "active")))
    senior = db.get(Person, users["mentor_senior"].person_id)
    young = db.get(Person, users["mentor_young"].person_id)
    assert senior and senior.tier == 1 and senior.active and senior.is_business_leader
    assert young and young.tier == 2 and young.active
    assert any(p.mentor_id == senior.id and p.mentee_id == young.id for p in active)
    assert any(p.mentor_id == young.id and p.link == "2-3" for p in active)
    assert db.get(Person, users["mentor_enforce"].person_id) is not None


def test_one_audit_event_with_the_counts(db: Session, summary: DemoSummary) -> None:
    events = list(db.exec(select(AuditEvent)))
    assert [e.action for e in events] == ["demo.load"]
    assert f'"people": {summary.people}' in (events[0].after or "")
    assert verify(db).ok


# --- every backend, determinism, refusal, scale --------------------------------------------
def test_loads_and_refuses_twice_on_every_backend(session: Session) -> None:
    assert not has_data(session)
    summary = load_demo(session, reference_date=REFERENCE_DATE)
    session.commit()
    check_mentoring_rules(session)
    assert summary.people == session.exec(select(func.count()).select_from(Person)).one()
    with pytest.raises(RuleViolation) as refused:
        load_demo(session, reference_date=REFERENCE_DATE)
    assert refused.value.rule == "demo_exists"
    session.rollback()
    with pytest.raises(InvalidInput):
        load_demo(session, scale=0)


def _dump(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every demo row, in primary-key order, without the load timestamps."""
    dump = {}
    with engine.connect() as connection:
        for model in DEMO_TABLES:
            table = model.__table__  # type: ignore[attr-defined]
            columns = [c for c in table.columns if c.name not in ("created_at", "updated_at")]
            query = select(*columns).order_by(*table.primary_key.columns)
            dump[table.name] = [tuple(row) for row in connection.execute(query)]
    return dump


def test_same_seed_same_database(
    loaded: tuple[Engine, DemoSummary], sqlite_template: Path, tmp_path: Path
) -> None:
    again = _fresh_engine(sqlite_template, tmp_path / "again.db")
    other = _fresh_engine(sqlite_template, tmp_path / "other.db")
    _load(again)
    _load(other, seed=7)
    first = _dump(loaded[0])
    assert _dump(again) == first
    assert _dump(other)["person"] != first["person"]


def test_scale_multiplies_the_court_system(
    loaded: tuple[Engine, DemoSummary], sqlite_template: Path, tmp_path: Path
) -> None:
    engine = _fresh_engine(sqlite_template, tmp_path / "scaled.db")
    scaled = _load(engine, scale=3)
    one = loaded[1]
    assert (scaled.people, scaled.units) == (3 * one.people, 3 * one.units)
    assert scaled.skills == one.skills and scaled.users == one.users
    assert 2.5 * one.pairings <= scaled.pairings <= 3.5 * one.pairings
    with Session(engine) as session:
        courts = set(session.exec(select(Unit.name).where(Unit.kind != "department")))
        assert {"海勃湾区人民法院", "海勃湾区人民法院(2)", "乌海市中级人民法院(3)"} <= courts
        assert len(courts) == 12
        leaders = session.exec(select(func.count()).where(Person.is_business_leader)).one()
        assert leaders == 60
        check_mentoring_rules(session)
    # Copy 1 is written first and drawn from its own generator: the scale-1 roster again.
    scale_one = _dump(loaded[0])["person"]
    assert _dump(engine)["person"][: len(scale_one)] == scale_one
    engine.dispose()


@pytest.mark.parametrize("day", [date(2024, 2, 29), date(2025, 6, 1)])
def test_the_demo_is_dated_back_from_the_day_it_is_loaded(
    loaded: tuple[Engine, DemoSummary], sqlite_template: Path, tmp_path: Path, day: date
) -> None:
    """Loaded on another day (a leap day, a Sunday), the demo shows the same "today"."""
    from talent.mentoring.overdue import overdue_pairing_ids
    from talent.roster.person_view import full_years

    engine = _fresh_engine(sqlite_template, tmp_path / "shifted.db")
    _load(engine, reference_date=day)
    base, _ = loaded
    with Session(engine) as shifted, Session(base) as reference:
        for session, today in ((shifted, day), (reference, REFERENCE_DATE)):
            active = session.exec(
                select(func.count()).select_from(Pairing).where(Pairing.status == "active")
            ).one()
            # What the README promises of a demo loaded today: 17 of the 116 are quiet.
            assert (active, len(overdue_pairing_ids(session, as_of=today))) == (116, 17)
            latest = session.exec(select(func.max(Pairing.start_date))).one()
            assert latest is not None and latest <= today - timedelta(days=7)
        # The same people, moved day for day: an age differs only where the move crosses
        # a leap day right at a birthday (a year's worth of days is not always 365).
        people = [
            s.exec(select(Person).order_by(col(Person.id))).all() for s in (shifted, reference)
        ]
        assert [p.name for p in people[0]] == [p.name for p in people[1]]
        ages = [
            (full_years(a.birth_date, day) or 0) - (full_years(b.birth_date, REFERENCE_DATE) or 0)
            for a, b in zip(*people, strict=True)
        ]
        assert set(ages) <= {-1, 0, 1} and sum(map(abs, ages)) <= 5
