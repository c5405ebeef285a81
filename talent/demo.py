"""``talent demo``: load a deterministic, realistic Wuhai-like court system.

At scale 1 the data set is the Wuhai court system of the reference article: the
intermediate court and the three district courts with their departments and 443 staff in
the three tiers, a skills graph, skill levels with targets, a few conflicts of interest,
mentoring history (active chains and ended pairings) and one demo account per role; on
top of it the reserve pool (``talent.demo_reserve``) and the last year's guidance logs,
goals, skill growth and cadence (``talent.demo_mentoring``).
``scale=N`` loads N copies of the whole system (copy k's courts carry the suffix ``(k)``),
which multiplies every count by N and keeps every proportion: that is the benchmark set.

Notes
-----
Every draw comes from ``numpy.random.Generator(PCG64([seed, k]))`` for copy ``k``, so a
seed gives the same database, and copy 1 is the same at any scale. Dates are computed from
``REFERENCE_DATE``, not from the clock. Rows are written with Core ``executemany`` inserts
(one statement per table and copy), which is what makes 50,000 people load in seconds.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

import numpy as np
from sqlalchemy import Table, insert
from sqlalchemy.engine import Connection
from sqlmodel import Session, select

from models import Conflict, Pairing, Person, PersonSkill, Skill, SkillRelation, Unit, User, utcnow
from talent.audit import Actor, record
from talent.db import write_lock
from talent.demo_draws import Draws, Weighted
from talent.demo_mentoring import load_mentoring_demo
from talent.demo_names import (
    GIVEN_NAMES,
    MONGOLIAN_BARE_SHARE,
    MONGOLIAN_NAMES,
    MONGOLIAN_SHARE,
    MONGOLIAN_SURNAMES,
    SURNAMES,
    cohort,
)
from talent.demo_reserve import load_reserve_demo
from talent.demo_texts import (
    AMBITIONS,
    CASE_CONFLICT,
    CLERK_DUTIES,
    CLERK_STRENGTHS,
    COMPLETED_REASONS,
    COURTS,
    DISSOLVED_REASONS,
    GOALS,
    KIN_CONFLICT,
    LEADER_FIELDS,
    MENTEE_LEFT_REASON,
    MENTOR_LEFT_REASONS,
    MENTOR_PLEDGES,
    PARENT_RELATIONS,
    PROFILES,
    RELATIONS,
    SIBLING_RELATIONS,
    SKILLS,
    SPOUSE_CONFLICT,
    STRENGTHS,
    TOPICS,
    DepartmentProfile,
    DepartmentSpec,
)
from talent.errors import InvalidInput, RuleViolation
from talent.security import hash_password

REFERENCE_DATE = date(2026, 11, 25)
"""The "today" of the demo roster: ages, service years and pairing dates count back from it."""

DEMO_ACCOUNTS: list[tuple[str, str, str]] = [
    ("admin", "demo-admin-2026", "admin"),
    ("planner", "demo-planner-2026", "planner"),
    ("reviewer", "demo-reviewer-2026", "reviewer"),
    ("mentor_senior", "demo-senior-2026", "mentor"),
    ("mentor_young", "demo-young-2026", "mentor"),
    ("mentor_enforce", "demo-enforce-2026", "mentor"),
]
"""Demo-only accounts (username, password, role). Never use these passwords elsewhere."""

DEMO_ACCOUNT_PEOPLE: dict[str, str] = {
    "mentor_senior": "senior_mentor",
    "mentor_young": "young_mentor",
    "mentor_enforce": "enforcement_head",
}
"""Which demo person (see ``_demo_people``) each mentor account is linked to."""

BUSINESS_LEADERS = 20
"""Municipal trial business leaders per court system (the article's figure)."""

ACTIVE_SHARE = {"1-2": 0.35, "2-3": 0.30}
"""Share of tier-2 (tier-3) staff who already have an active mentor on the link."""

ENDED_PAIRINGS = {"1-2": 35, "2-3": 25}
"""Completed or dissolved pairings per court system."""


@dataclass(frozen=True)
class DemoSummary:
    """What ``load_demo`` wrote: row counts and the wall-clock time it took."""

    units: int
    people: int
    skills: int
    relations: int
    person_skills: int
    conflicts: int
    pairings: int
    users: int
    guidance_logs: int
    seconds: float


_SURNAME_TABLE = Weighted.of(SURNAMES)
_HIRE_MONTHS = Weighted.of(
    [(7, 4.0), (8, 3.0), (9, 3.0), (10, 1.0), (12, 1.0), (3, 1.0), (4, 1.0), (6, 1.0)]
)
_COMPLETED_RATINGS = Weighted.of([(3, 0.15), (4, 0.45), (5, 0.40)])
_DISSOLVED_RATINGS = Weighted.of([(1, 0.2), (2, 0.4), (3, 0.4)])
_SCOPE_WEIGHTS = {
    # number of scopes -> weights of (department, court, intermediate court for district staff)
    2: Weighted.of([(0, 0.8), (1, 0.2)]),
    3: Weighted.of([(0, 0.7), (1, 0.25), (2, 0.05)]),
}


# --- staffing ------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Staffing:
    """A department family's posts: fixed ones ``(role, count, from headcount)``, then shares."""

    fixed: tuple[tuple[str, int, int], ...]
    shares: tuple[tuple[str, float], ...]


STAFFING: dict[str, _Staffing] = {
    "leadership": _Staffing((("president", 1, 0), ("committee", 1, 6)), (("vice_president", 1.0),)),
    "trial": _Staffing(
        (("head", 1, 0), ("deputy", 1, 16)),
        (("senior", 0.04), ("judge", 0.18), ("assistant", 0.26), ("clerk", 0.52)),
    ),
    "enforcement": _Staffing(
        (("head", 1, 0), ("deputy", 1, 0), ("deputy", 1, 20)),
        (
            ("senior", 0.04),
            ("judge", 0.12),
            ("officer", 0.26),
            ("assistant", 0.10),
            ("clerk", 0.48),
        ),
    ),
    "admin": _Staffing((("head", 1, 0), ("deputy", 1, 12)), (("staff", 0.70), ("clerk", 0.30))),
}

ROLE_TIER = {
    "president": 1,
    "vice_president": 1,
    "committee": 1,
    "head": 1,
    "deputy": 1,
    "senior": 1,
    "judge": 2,
    "assistant": 2,
    "officer": 2,
    "staff": 2,
    "clerk": 3,
}

AGE_SERVICE: dict[str, tuple[tuple[int, int], tuple[int, int]]] = {
    # role -> ((age from, to), (years of service from, to))
    "president": ((50, 58), (25, 36)),
    "vice_president": ((45, 58), (20, 36)),
    "committee": ((47, 58), (22, 36)),
    "head": ((42, 57), (18, 34)),
    "deputy": ((38, 55), (15, 32)),
    "senior": ((40, 59), (15, 36)),
    "judge": ((29, 42), (5, 16)),
    "assistant": ((24, 36), (1, 10)),
    "officer": ((24, 40), (1, 14)),
    "staff": ((23, 38), (1, 14)),
    "clerk": ((21, 32), (0, 9)),
}

FEMALE_SHARE = {
    "president": 0.15,
    "vice_president": 0.25,
    "committee": 0.25,
    "head": 0.3,
    "deputy": 0.35,
    "senior": 0.4,
    "judge": 0.5,
    "assistant": 0.55,
    "officer": 0.3,
    "staff": 0.55,
    "clerk": 0.65,
}

JUDGE_ROLES = frozenset(
    {"president", "vice_president", "committee", "head", "deputy", "senior", "judge"}
)

LEVELS: dict[tuple[int, str], tuple[int, int]] = {
    # (tier, kind of skill) -> level range; kind: core / extra (department), general, basic
    (1, "core"): (3, 5),
    (1, "extra"): (2, 4),
    (1, "general"): (3, 5),
    (1, "basic"): (2, 4),
    (2, "core"): (1, 3),
    (2, "extra"): (1, 2),
    (2, "general"): (1, 3),
    (2, "basic"): (1, 4),
    (3, "core"): (0, 2),
    (3, "extra"): (0, 1),
    (3, "general"): (0, 1),
    (3, "basic"): (1, 3),
}
LEVEL_CAP = {1: 5, 2: 4, 3: 3}
"""Highest level by tier, so that young staff and clerks always have room to grow."""


def _roles(family: str, headcount: int) -> list[str]:
    """The posts of a department of ``headcount`` people, by largest remainder on the shares."""
    staffing = STAFFING[family]
    roles = [
        role for role, count, start in staffing.fixed if headcount >= start for _ in range(count)
    ]
    rest = headcount - len(roles)
    quotas = [rest * share for _, share in staffing.shares]
    counts = [int(q) for q in quotas]
    by_remainder = sorted(range(len(quotas)), key=lambda i: (counts[i] - quotas[i], i))
    for i in by_remainder[: rest - sum(counts)]:
        counts[i] += 1
    for (role, _), count in zip(staffing.shares, counts, strict=True):
        roles.extend([role] * count)
    return roles


def _title(role: str, profile: DepartmentProfile, service: int, draws: Draws) -> str:
    """The position as a roster shows it: post for leaders, rank for judges, post for the rest."""
    family = profile.family
    judicial = family in ("trial", "enforcement") or profile.area in ("审判管理", "审判调研")
    if role == "president":
        return "院长"
    if role == "vice_president":
        return "副院长"
    if role == "committee":
        return "审判委员会专职委员"
    if role in ("head", "deputy"):
        post = {"trial": "庭长", "enforcement": "局长", "admin": "主任"}[family]
        return post if role == "head" else "副" + post
    if role == "senior":
        if not judicial:
            return "三级调研员" if service >= 24 else "四级调研员"
        return "三级高级法官" if service >= 26 else "四级高级法官" if service >= 18 else "一级法官"
    if role == "judge":
        return "二级法官" if service >= 10 else "三级法官" if service >= 7 else "四级法官"
    if role == "assistant":
        return "法官助理"
    if role == "officer":
        return "执行员"
    if role == "staff":
        if judicial:
            return "法官助理"
        return "四级主任科员" if service >= 8 else "一级科员"
    return "聘用制书记员" if draws.chance(0.45) else "书记员"


# --- one court system ----------------------------------------------------------------------
@dataclass(slots=True)
class _Staff:
    """A person being planned, before ids exist: indices point into the copy's lists."""

    court: int
    dept: int
    role: str
    tier: int
    gender: str
    age: int
    service: int
    birth: date
    hire: date
    surname: str | None
    given: str
    position: str
    capacity: int = 0
    active: bool = True
    business_leader: bool = False
    expert: bool = False
    skills: dict[str, tuple[int, int | None]] = field(default_factory=dict)
    expertise: str = ""
    goals: str = ""

    @property
    def name(self) -> str:
        return (self.surname or "") + self.given


@dataclass(frozen=True, slots=True)
class _PairingPlan:
    mentor: int
    mentee: int
    link: str
    status: str
    start: date
    end: date | None = None
    rating: int | None = None
    reason: str | None = None


@dataclass
class _CopyPlan:
    """One court system, planned in memory; ``_write_copy`` gives it ids."""

    copy: int
    departments: list[tuple[int, DepartmentSpec]]
    staff: list[_Staff]
    conflicts: list[tuple[int, int, str]]
    pairings: list[_PairingPlan]
    demo_people: dict[str, int]


def _plan_copy(copy: int, seed: int) -> _CopyPlan:
    """Plan court system ``copy`` (1-based) from its own generator."""
    draws = Draws(np.random.Generator(np.random.PCG64([seed, copy])))
    departments: list[tuple[int, DepartmentSpec]] = []
    staff: list[_Staff] = []
    seen: set[str] = set()
    for court_index, court in enumerate(COURTS):
        for spec in court.departments:
            profile = PROFILES[spec.key]
            for role in _roles(profile.family, spec.headcount):
                staff.append(_new_staff(draws, court_index, len(departments), role, profile, seen))
            departments.append((court_index, spec))
    demo = _demo_people(staff, departments)
    _assign_status(draws, staff, departments, demo)
    for person in staff:
        spec = departments[person.dept][1]
        profile = PROFILES[spec.key]
        _assign_skills(draws, person, profile)
        person.expertise = _expertise(draws, person, profile, spec)
        person.goals = _goals(draws, person, profile)
    conflicts = _plan_conflicts(draws, staff, departments, set(demo.values()))
    pairings = _plan_pairings(draws, staff, conflicts, demo)
    return _CopyPlan(copy, departments, staff, conflicts, pairings, demo)


def _new_staff(
    draws: Draws, court: int, dept: int, role: str, profile: DepartmentProfile, seen: set[str]
) -> _Staff:
    """A person for a post: age and service consistent with the post, a name of their cohort."""
    (age_lo, age_hi), (service_lo, service_hi) = AGE_SERVICE[role]
    first_job_age = 20 if role == "clerk" else 22
    age = draws.between(age_lo, age_hi)
    service = draws.between(service_lo, max(service_lo, min(service_hi, age - first_job_age)))
    age = max(age, service + first_job_age)
    birth = date(REFERENCE_DATE.year - age, draws.between(1, 12), draws.between(1, 28))
    if birth > REFERENCE_DATE.replace(year=REFERENCE_DATE.year - age):
        birth = birth.replace(year=birth.year - 1)
    hire = date(REFERENCE_DATE.year - service, draws.weighted(_HIRE_MONTHS), draws.between(1, 28))
    if hire > REFERENCE_DATE - timedelta(days=30):
        hire = hire.replace(year=hire.year - 1)
    gender = "female" if draws.chance(FEMALE_SHARE[role]) else "male"
    surname, given = _draw_name(draws, gender, birth.year, seen)
    return _Staff(
        court=court,
        dept=dept,
        role=role,
        tier=ROLE_TIER[role],
        gender=gender,
        age=age,
        service=service,
        birth=birth,
        hire=hire,
        surname=surname,
        given=given,
        position=_title(role, profile, service, draws),
    )


def _draw_name(
    draws: Draws, gender: str, birth_year: int, seen: set[str]
) -> tuple[str | None, str]:
    """A Han or Mongolian name, redrawn a few times to avoid duplicates within a court system."""
    surname: str | None = None
    given = ""
    for _ in range(6):
        u = draws.uniform()
        if u < MONGOLIAN_SHARE * MONGOLIAN_BARE_SHARE:
            surname, given = None, draws.pick(MONGOLIAN_NAMES[gender])
        else:
            mongol = u < MONGOLIAN_SHARE
            surname = draws.pick(MONGOLIAN_SURNAMES) if mongol else draws.weighted(_SURNAME_TABLE)
            given = draws.pick(GIVEN_NAMES[gender, cohort(birth_year)])
        if (surname or "") + given not in seen:
            break
    seen.add((surname or "") + given)
    return surname, given


def _find(
    staff: list[_Staff],
    departments: list[tuple[int, DepartmentSpec]],
    court: int,
    key: str,
    role: str,
) -> int:
    for index, person in enumerate(staff):
        if person.court == court and departments[person.dept][1].key == key and person.role == role:
            return index
    raise LookupError(f"no {role} in {key} of court {court}")


def _demo_people(
    staff: list[_Staff], departments: list[tuple[int, DepartmentSpec]]
) -> dict[str, int]:
    """The people the demo accounts and the showcase chain hang on, found by post.

    ``senior_mentor``: deputy head of the intermediate court's first civil division (tier 1);
    ``young_mentor``: a young judge of Haibowan's first civil division (tier 2);
    ``expert_judge``: head of the intermediate court's commercial division;
    ``enforcement_head``: head of Haibowan's enforcement bureau.
    """
    return {
        "senior_mentor": _find(staff, departments, 0, "civil1", "deputy"),
        "young_mentor": _find(staff, departments, 1, "civil1", "judge"),
        "expert_judge": _find(staff, departments, 0, "civil2", "head"),
        "enforcement_head": _find(staff, departments, 1, "enforcement", "head"),
    }


def _assign_status(
    draws: Draws,
    staff: list[_Staff],
    departments: list[tuple[int, DepartmentSpec]],
    demo: dict[str, int],
) -> None:
    """Who has left, who are business leaders and the expert judge, and mentoring capacities."""
    protected = set(demo.values())
    for index, person in enumerate(staff):
        if index in protected or person.role in ("president", "vice_president", "committee"):
            continue
        retiring = person.tier == 1 and person.age >= 58
        person.active = not draws.chance(0.3 if retiring else 0.015)
    forced = [demo["senior_mentor"], demo["expert_judge"], demo["enforcement_head"]]
    eligible = [
        i
        for i, p in enumerate(staff)
        if p.tier == 1
        and p.active
        and i not in forced
        and PROFILES[departments[p.dept][1].key].family in ("trial", "enforcement")
    ]
    # Weighted sampling without replacement (Efraimidis-Spirakis): longer service, likelier.
    keys = {i: draws.uniform() ** (1.0 / staff[i].service) for i in eligible}
    chosen = (
        forced + sorted(eligible, key=lambda i: (-keys[i], i))[: BUSINESS_LEADERS - len(forced)]
    )
    for index in chosen:
        staff[index].business_leader = True
    staff[demo["expert_judge"]].expert = True
    for person in staff:
        person.capacity = _capacity(draws, person)
    staff[demo["young_mentor"]].capacity = 2


def _capacity(draws: Draws, person: _Staff) -> int:
    """Mentees a person can take: leaders few, business leaders more, new staff none yet."""
    if person.tier == 3:
        return 0
    if person.tier == 1:
        if person.role == "president":
            return 1
        if person.role in ("vice_president", "committee"):
            return 2
        if person.business_leader:
            return 4
        return 2 if draws.chance(0.2) else 3
    if person.service < 2:
        return 0
    u = draws.uniform()
    return 1 if u < 0.2 else 3 if u > 0.9 else 2


def _assign_skills(draws: Draws, person: _Staff, profile: DepartmentProfile) -> None:
    """Levels by tier and department; targets above levels for tiers 2 and 3 (the gaps)."""
    kinds: dict[str, str] = {code: "core" for code in profile.core}
    if profile.family == "leadership":
        kinds[draws.pick(tuple(LEADER_FIELDS))] = "core"
    for code in profile.extra:
        if code not in kinds and draws.chance(0.45 if person.tier < 3 else 0.25):
            kinds[code] = "extra"
    trial_like = profile.family != "admin"
    if person.role in JUDGE_ROLES and trial_like:
        kinds.setdefault("judgment_writing", "general")
        kinds.setdefault("courtroom_control", "general")
    elif person.role == "assistant":
        kinds.setdefault("judgment_writing", "general")
        if draws.chance(0.3):
            kinds.setdefault("courtroom_control", "general")
    elif person.role == "clerk":
        kinds.setdefault("court_records", "general")
        if trial_like and draws.chance(0.3):
            kinds.setdefault("judgment_writing", "general")
    for code, p in (
        ("ethics", 0.6 if person.tier < 3 else 0.3),
        ("smart_court", 0.4 if person.tier > 1 else 0.2),
        ("research_writing", 0.2 if person.tier < 3 else 0.0),
        ("legal_publicity", 0.15),
    ):
        if draws.chance(p):
            kinds.setdefault(code, "basic")
    cap = LEVEL_CAP[person.tier]
    seasoned = person.service >= {1: 20, 2: 8, 3: 5}[person.tier]
    for code, kind in kinds.items():
        lo, hi = LEVELS[person.tier, kind]
        if code == "court_records" and person.tier == 3:
            lo, hi = 1, 3
        level = draws.between(lo, hi) + (1 if seasoned and draws.chance(0.5) else 0)
        if kind == "core" and person.business_leader:
            level = max(level, 5 if person.expert else 4)
        level = min(level, cap)
        target: int | None = None
        if person.tier > 1 and (kind != "basic" or draws.chance(0.3)):
            target = min(5, level + 1 + (1 if draws.chance(0.4) else 0))
        person.skills[code] = (level, target)
    if person.tier == 1 and draws.chance(0.25):
        code = draws.pick(("research_writing", "smart_court", "legal_publicity"))
        level = person.skills.get(code, (draws.between(2, 3), None))[0]
        person.skills[code] = (level, min(5, level + 1))


# --- texts ---------------------------------------------------------------------------------
def _ranked(person: _Staff, codes: Iterable[str], min_level: int = 0) -> list[str]:
    """Those of ``codes`` the person holds at ``min_level`` or more, strongest first.

    Ties keep the order in which the person holds them (department skills first).
    """
    order = {code: i for i, code in enumerate(person.skills)}
    held = [c for c in codes if c in person.skills and person.skills[c][0] >= min_level]
    return sorted(held, key=lambda c: (-person.skills[c][0], order[c]))


def _topic(draws: Draws, code: str, k: int, *, with_work: bool = True) -> str:
    topics = TOPICS[code]
    text = "、".join(draws.sample(topics.items, k)) + topics.suffix
    return text + topics.work if with_work else text


def _expertise(
    draws: Draws, person: _Staff, profile: DepartmentProfile, spec: DepartmentSpec
) -> str:
    """What the person is good at, in the words of their department and strongest skills.

    The case types come from the department's skills only, and a strength is claimed only
    for a skill held at level 3 or more (2 for clerks, from the clerks' own skills).
    """
    if person.tier == 3:
        own = _ranked(person, CLERK_STRENGTHS, min_level=2)[:2]
    else:
        own = _ranked(person, STRENGTHS, min_level=3)[:2]
    tail = "".join("，" + draws.pick(STRENGTHS[c]) for c in own) + "。"
    if person.tier == 3:
        duty = CLERK_DUTIES.get(spec.key, CLERK_DUTIES[profile.family])
        return duty.format(area=profile.area, dept=spec.name) + tail
    core = [c for c in dict.fromkeys((*profile.core, *LEADER_FIELDS)) if c in TOPICS]
    topics = _ranked(person, core) + _ranked(person, [c for c in profile.extra if c in TOPICS])
    main = _topic(draws, topics[0], 2) if topics else profile.area + "工作"
    cases = bool(topics) and TOPICS[topics[0]].suffix != ""
    if person.role in ("president", "vice_president", "committee"):
        field_code = next((c for c in topics if c in LEADER_FIELDS), None)
        area = LEADER_FIELDS[field_code] if field_code else "审判"
        main = _topic(draws, field_code, 2) if field_code else main
        text = f"分管{area}和审判管理工作，从事审判工作{person.service}年，擅长{main}"
    elif person.tier == 1:
        text = f"从事{profile.area}工作{person.service}年，擅长{main}"
        if len(topics) > 1 and draws.chance(0.6):
            text += f"，对{_topic(draws, topics[1], 1)}亦有深入研究"
    elif person.role == "judge" and cases:
        text = f"独立承办{profile.area}案件，熟悉{main}"
    elif person.role == "assistant" and cases:
        handled = _topic(draws, topics[0], 2, with_work=False)
        text = f"协助法官办理{handled}，能够独立起草审理报告和裁判文书初稿"
    else:
        text = f"从事{profile.area}工作{max(person.service, 1)}年，熟悉{main}"
    return text + tail


def _goals(draws: Draws, person: _Staff, profile: DepartmentProfile) -> str:
    """What the person wants to learn: their largest skill gaps, then an ambition of their post."""
    order = {code: i for i, code in enumerate(person.skills)}
    gaps = sorted(
        (
            c
            for c, (level, target) in person.skills.items()
            if target and target > level and c in GOALS
        ),
        key=lambda c: (-((person.skills[c][1] or 0) - person.skills[c][0]), order[c]),
    )[:2]
    phrase = "，".join("".join(GOALS[c]) for c in gaps)
    if len(gaps) == 2:
        (verb, first), (other_verb, second) = GOALS[gaps[0]], GOALS[gaps[1]]
        if verb == other_verb and "和" not in first + second:
            phrase = f"{verb}{first}和{second}"
    judicial = profile.family != "admin"
    if person.tier == 1:
        pledge = draws.pick(MENTOR_PLEDGES["judicial" if judicial else "admin"])
        own = phrase or draws.pick(AMBITIONS["senior" if judicial else "senior_admin"])
        return f"{pledge}，{own}。"
    ambition = draws.pick(AMBITIONS[person.role])
    return f"{phrase}，{ambition}。" if phrase else f"{ambition}。"


# --- conflicts of interest -----------------------------------------------------------------
Fits = Callable[[_Staff, _Staff], bool]


def _plan_conflicts(
    draws: Draws,
    staff: list[_Staff],
    departments: list[tuple[int, DepartmentSpec]],
    protected: set[int],
) -> list[tuple[int, int, str]]:
    """About ten declared conflicts: spouses, parents and children, siblings, a shared case.

    Most join adjacent tiers of one court, where they would otherwise be candidate pairs.
    Fathers' children and younger siblings take the family surname (Han names only).
    """
    people = [i for i, p in enumerate(staff) if p.active and i not in protected]
    by_court: dict[int, list[int]] = {}
    for i in people:
        by_court.setdefault(staff[i].court, []).append(i)
    conflicts: list[tuple[int, int, str]] = []
    involved: set[int] = set()

    def find(count: int, first: list[int], same_court: bool, fits: Fits) -> list[tuple[int, int]]:
        """Up to ``count`` pairs (i from ``first``) that ``fits``, each person in one conflict."""
        found: list[tuple[int, int]] = []
        for _ in range(count * 300):
            if len(found) == count or not first:
                break
            i = draws.pick(first)
            j = draws.pick(by_court[staff[i].court] if same_court else people)
            if i != j and not {i, j} & involved and fits(staff[i], staff[j]):
                involved.update((i, j))
                found.append((i, j))
        return found

    def spouses(a: _Staff, b: _Staff) -> bool:
        return a.gender != b.gender and abs(a.age - b.age) <= 6 and abs(a.tier - b.tier) == 1

    def parent_child(a: _Staff, b: _Staff) -> bool:
        return b.tier > 1 and 22 <= a.age - b.age <= 36

    def siblings(a: _Staff, b: _Staff) -> bool:
        return 1 <= abs(a.age - b.age) <= 8 and abs(a.tier - b.tier) <= 1

    for i, j in find(4, [i for i in people if staff[i].tier < 3], True, spouses):
        conflicts.append((i, j, SPOUSE_CONFLICT))
    parents = [i for i in people if staff[i].tier == 1 and staff[i].age >= 48]
    for i, j in find(2, parents, False, parent_child):
        parent, child = staff[i], staff[j]
        if parent.gender == "male" and parent.surname and child.surname:
            child.surname = parent.surname
        relation = PARENT_RELATIONS[parent.gender, child.gender]
        conflicts.append((i, j, KIN_CONFLICT.format(relation=relation)))
    for i, j in find(1, people, False, siblings):
        older, younger = sorted((staff[i], staff[j]), key=lambda p: -p.age)
        if older.surname and younger.surname:
            younger.surname = older.surname
        relation = SIBLING_RELATIONS[older.gender, younger.gender]
        conflicts.append((i, j, KIN_CONFLICT.format(relation=relation)))
    handlers = [
        i for i in people if staff[i].tier < 3 and staff[i].role in JUDGE_ROLES | {"officer"}
    ]
    for i, j in find(3, handlers, True, lambda a, b: abs(a.tier - b.tier) == 1):
        court, spec = departments[staff[i].dept]
        kind = PROFILES[spec.key].case_kind
        if court == 0 and kind == "民初":
            kind = "民终"
        reason = CASE_CONFLICT.format(
            year=draws.between(2021, REFERENCE_DATE.year),
            code=COURTS[court].case_code,
            kind=kind,
            no=draws.between(100, 4999),
        )
        conflicts.append((i, j, reason))
    return conflicts


# --- mentoring history ---------------------------------------------------------------------
_SETTLING_IN = timedelta(days=30)
"""Nobody mentors or is mentored in their first month at the court."""
_ACTIVE_SINCE = timedelta(days=730)
_HISTORY = timedelta(days=6 * 365)
"""Active pairings started in the last two years; ended ones in the last six."""
_LINK_TIERS = {"1-2": (1, 2), "2-3": (2, 3)}


class _PairingBook:
    """The pairings of one court system as they are planned, with the rules they must keep.

    An active pairing needs both people active, the link's tiers, a free slot of the
    mentor's capacity, no active pairing of the mentee on the link and no conflict. Ended
    pairings keep the tiers and the conflicts, and end before the mentee's next pairing on
    the same link starts.
    """

    def __init__(
        self, draws: Draws, staff: list[_Staff], conflicts: list[tuple[int, int, str]]
    ) -> None:
        self.draws = draws
        self.staff = staff
        self.conflicted = {(min(i, j), max(i, j)) for i, j, _ in conflicts}
        self.load = [0] * len(staff)
        self.first_start: dict[tuple[int, str], date] = {}  # ended pairings end before it
        self.last_end: dict[tuple[int, str], date] = {}  # an active pairing starts after it
        self.active: dict[tuple[int, str], int] = {}
        self.rows: list[_PairingPlan] = []

    def allowed(self, mentor: int, mentee: int, link: str) -> bool:
        """The link's tiers and no declared conflict: what any pairing, even ended, keeps."""
        tiers = (self.staff[mentor].tier, self.staff[mentee].tier)
        pair = (min(mentor, mentee), max(mentor, mentee))
        return tiers == _LINK_TIERS[link] and pair not in self.conflicted

    def activate(self, mentor: int, mentee: int, link: str) -> bool:
        """Add an active pairing if every rule allows it; False (nothing added) otherwise."""
        m, e = self.staff[mentor], self.staff[mentee]
        if not (m.active and e.active and self.allowed(mentor, mentee, link)):
            return False
        if self.load[mentor] >= m.capacity or (mentee, link) in self.active:
            return False
        earliest = max(m.hire, e.hire, REFERENCE_DATE - _ACTIVE_SINCE) + _SETTLING_IN
        earliest = max(earliest, self.last_end.get((mentee, link), earliest) + timedelta(days=1))
        latest = REFERENCE_DATE - timedelta(days=7)
        if earliest > latest:
            return False
        start = earliest + timedelta(days=self.draws.between(0, (latest - earliest).days))
        self.rows.append(_PairingPlan(mentor, mentee, link, "active", start))
        self.load[mentor] += 1
        self.active[mentee, link] = mentor
        self.first_start[mentee, link] = min(start, self.first_start.get((mentee, link), start))
        return True

    def end(self, mentor: int, mentee: int, link: str, status: str | None = None) -> bool:
        """Add a completed or dissolved pairing, before anything the mentee has on the link."""
        m, e = self.staff[mentor], self.staff[mentee]
        if not self.allowed(mentor, mentee, link) or self.active.get((mentee, link)) == mentor:
            return False
        draws = self.draws
        days = draws.between(120, 720)
        end_by = REFERENCE_DATE - timedelta(days=14)
        end_by = min(end_by, self.first_start.get((mentee, link), end_by))
        earliest = max(m.hire, e.hire, REFERENCE_DATE - _HISTORY) + _SETTLING_IN
        latest = end_by - timedelta(days=days + 1)
        if earliest > latest:
            return False
        start = earliest + timedelta(days=draws.between(0, (latest - earliest).days))
        end = start + timedelta(days=days)
        if not m.active:
            status, reason = "dissolved", draws.pick(MENTOR_LEFT_REASONS)
        elif not e.active:
            status, reason = "dissolved", MENTEE_LEFT_REASON
        else:
            status = status or ("completed" if draws.chance(0.72) else "dissolved")
            reason = draws.pick(
                COMPLETED_REASONS[link] if status == "completed" else DISSOLVED_REASONS
            )
        rating = draws.weighted(_COMPLETED_RATINGS if status == "completed" else _DISSOLVED_RATINGS)
        self.rows.append(_PairingPlan(mentor, mentee, link, status, start, end, rating, reason))
        self.first_start[mentee, link] = start
        self.last_end[mentee, link] = max(end, self.last_end.get((mentee, link), end))
        return True


def _plan_pairings(
    draws: Draws, staff: list[_Staff], conflicts: list[tuple[int, int, str]], demo: dict[str, int]
) -> list[_PairingPlan]:
    """Active chains and ended pairings, mostly within a department, some across courts.

    Tier-1 mentors of the intermediate court also guide district staff (对口支援). The demo
    chain comes first: senior mentor -> young judge -> clerk, each with some history.
    """
    book = _PairingBook(draws, staff, conflicts)
    pools: dict[tuple[str, int, int], list[int]] = {}  # (scope, key, tier) -> people
    for i, p in enumerate(staff):
        pools.setdefault(("dept", p.dept, p.tier), []).append(i)
        pools.setdefault(("court", p.court, p.tier), []).append(i)

    def mentors_for(mentee: int, tier: int) -> list[list[int]]:
        e = staff[mentee]
        scopes = [pools.get(("dept", e.dept, tier), []), pools.get(("court", e.court, tier), [])]
        if tier == 1 and e.court != 0:
            scopes.append(pools.get(("court", 0, tier), []))
        return scopes

    def candidates(mentee: int, tier: int) -> Iterator[int]:
        """A few mentors to try, by scope: the department mostly, the court, then 对口支援.

        Callers stop at the first one the book accepts (``any`` short-circuits).
        """
        scopes = mentors_for(mentee, tier)
        for _ in range(12):
            scope = scopes[draws.weighted(_SCOPE_WEIGHTS[len(scopes)])]
            if scope:
                yield draws.pick(scope)

    senior, young = demo["senior_mentor"], demo["young_mentor"]
    senior_dept = staff[senior].dept
    young_dept = staff[young].dept
    book.activate(senior, young, "1-2")
    colleagues = [i for i in pools[("dept", senior_dept, 2)] if i != young and staff[i].active]
    book.activate(senior, colleagues[0], "1-2")
    book.end(senior, colleagues[-1], "1-2", "completed")
    clerks = [i for i in pools[("dept", young_dept, 3)] if staff[i].active]
    clerks.sort(key=lambda i: (staff[i].hire, i))
    book.activate(young, clerks[0], "2-3")
    book.end(young, clerks[-1], "2-3", "completed")

    for link, mentor_tier in (("1-2", 1), ("2-3", 2)):
        pool = [i for i, p in enumerate(staff) if p.tier == mentor_tier + 1 and p.active]
        wanted = round(ACTIVE_SHARE[link] * len(pool))
        paired = sum(1 for i in pool if (i, link) in book.active)
        for mentee in draws.sample(pool, len(pool)):
            if paired == wanted:
                break
            if (mentee, link) not in book.active:
                paired += any(
                    book.activate(m, mentee, link) for m in candidates(mentee, mentor_tier)
                )
    for link, mentor_tier in (("1-2", 1), ("2-3", 2)):
        mentees = [i for i, p in enumerate(staff) if p.tier == mentor_tier + 1]
        made = 0
        for _ in range(ENDED_PAIRINGS[link] * 10):
            if made == ENDED_PAIRINGS[link]:
                break
            mentee = draws.pick(mentees)
            made += any(book.end(m, mentee, link) for m in candidates(mentee, mentor_tier))
    return book.rows


# --- writing -------------------------------------------------------------------------------
@cache
def _account_hashes() -> tuple[str, ...]:
    """The demo passwords hashed once per process (argon2 is slow on purpose)."""
    return tuple(hash_password(password) for _, password, _ in DEMO_ACCOUNTS)


def _insert_returning_ids(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` in one executemany and return their ids in the order of ``rows``."""
    if not rows:
        return []
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return [row[0] for row in conn.execute(statement, rows)]


def _write_skills(conn: Connection) -> tuple[dict[str, int], int]:
    """The taxonomy (parents first) and its relations; returns code -> id and the relation count."""
    ids: dict[str, int] = {}
    remaining = list(SKILLS)
    while remaining:
        ready = [s for s in remaining if s[4] is None or s[4] in ids]
        rows = [
            dict(
                code=code,
                name=name,
                name_en=name_en,
                category=category,
                parent_id=ids.get(parent or ""),
            )
            for code, name, name_en, category, parent in ready
        ]
        new_ids = _insert_returning_ids(conn, Skill.__table__, rows)
        ids.update(zip((s[0] for s in ready), new_ids, strict=True))
        remaining = [s for s in remaining if s not in ready]
    relations = [
        dict(skill_a_id=min(ids[a], ids[b]), skill_b_id=max(ids[a], ids[b]), weight=weight)
        for a, b, weight in RELATIONS
    ]
    conn.execute(insert(SkillRelation.__table__), relations)
    return ids, len(relations)


@dataclass
class _Counts:
    units: int = 0
    people: int = 0
    person_skills: int = 0
    conflicts: int = 0
    pairings: int = 0


def _write_units(conn: Connection, plan: _CopyPlan, now: datetime) -> tuple[list[int], list[int]]:
    """The courts (the intermediate court first, as the others' parent) and departments."""
    suffix = "" if plan.copy == 1 else f"({plan.copy})"
    court_ids: list[int] = []
    for court in COURTS:
        row = dict(
            name=court.name + suffix,
            name_en=court.name_en + suffix,
            kind=court.kind,
            parent_id=court_ids[0] if court_ids else None,
            created_at=now,
        )
        court_ids += _insert_returning_ids(conn, Unit.__table__, [row])
    rows = [
        dict(
            name=spec.name,
            name_en=spec.name_en,
            kind="department",
            parent_id=court_ids[court],
            created_at=now,
        )
        for court, spec in plan.departments
    ]
    return court_ids, _insert_returning_ids(conn, Unit.__table__, rows)


def _person_row(person: _Staff, staff_no: str, unit_id: int, now: datetime) -> dict[str, Any]:
    return dict(
        staff_no=staff_no,
        name=person.name,
        gender=person.gender,
        birth_date=person.birth,
        hire_date=person.hire,
        unit_id=unit_id,
        position=person.position,
        tier=person.tier,
        mentor_capacity=person.capacity,
        expertise=person.expertise,
        goals=person.goals,
        is_business_leader=person.business_leader,
        is_expert_judge=person.expert,
        active=person.active,
        created_at=now,
        updated_at=now,
    )


def _write_copy(
    conn: Connection, plan: _CopyPlan, skill_ids: dict[str, int], now: datetime, counts: _Counts
) -> list[int]:
    """Write one planned court system; returns the person ids in plan order."""
    court_ids, dept_ids = _write_units(conn, plan, now)
    serial = [0] * len(COURTS)
    people_rows = []
    for person in plan.staff:
        serial[person.court] += 1
        prefix = COURTS[person.court].staff_prefix + ("" if plan.copy == 1 else str(plan.copy))
        staff_no = f"{prefix}-{serial[person.court]:04d}"
        people_rows.append(_person_row(person, staff_no, dept_ids[person.dept], now))
    ids = _insert_returning_ids(conn, Person.__table__, people_rows)
    skill_rows = [
        dict(
            person_id=ids[i],
            skill_id=skill_ids[code],
            level=level,
            target_level=target,
            updated_at=now,
        )
        for i, person in enumerate(plan.staff)
        for code, (level, target) in person.skills.items()
    ]
    conflict_rows = [
        dict(
            person_a_id=min(ids[i], ids[j]),
            person_b_id=max(ids[i], ids[j]),
            reason=reason,
            created_at=now,
        )
        for i, j, reason in plan.conflicts
    ]
    pairing_rows = [
        dict(
            mentor_id=ids[p.mentor],
            mentee_id=ids[p.mentee],
            link=p.link,
            status=p.status,
            start_date=p.start,
            end_date=p.end,
            outcome_rating=p.rating,
            end_reason=p.reason,
            created_at=now,
        )
        for p in plan.pairings
    ]
    for model, rows in (
        (PersonSkill, skill_rows),
        (Conflict, conflict_rows),
        (Pairing, pairing_rows),
    ):
        if rows:
            conn.execute(insert(model.__table__), rows)
    counts.units += len(court_ids) + len(dept_ids)
    counts.people += len(ids)
    counts.person_skills += len(skill_rows)
    counts.conflicts += len(conflict_rows)
    counts.pairings += len(pairing_rows)
    return ids


def _write_accounts(conn: Connection, linked: dict[str, int], now: datetime) -> int:
    """The demo accounts that do not exist yet (a first-start admin may already be there)."""
    taken = set(conn.execute(select(User.__table__.c.username)).scalars())
    rows = []
    for (username, _, role), password_hash in zip(DEMO_ACCOUNTS, _account_hashes(), strict=True):
        if username in taken:
            continue
        person = DEMO_ACCOUNT_PEOPLE.get(username)
        rows.append(
            dict(
                username=username,
                password_hash=password_hash,
                role=role,
                active=True,
                person_id=linked[person] if person else None,
                created_at=now,
            )
        )
    if rows:
        conn.execute(insert(User.__table__), rows)
    return len(rows)


# --- public --------------------------------------------------------------------------------
def has_data(session: Session) -> bool:
    """Whether the roster has anyone in it (the demo loads only into an empty roster)."""
    return session.exec(select(Person.id).limit(1)).first() is not None


def load_demo(session: Session, *, scale: int = 1, seed: int = 2024) -> DemoSummary:
    """Load the demo court system ``scale`` times over into an empty roster.

    Writes units, people, skills and relations, skill levels, conflicts, pairings and the
    demo accounts, the reserve pool (``talent.demo_reserve``) and a year of mentoring
    history (``talent.demo_mentoring``), then one ``demo.load`` audit event with the counts
    of all three. Does not commit: the caller commits (or rolls back) the whole load.

    Raises RuleViolation ``demo_exists`` if people exist already, InvalidInput for a scale
    below 1.
    """
    if scale < 1:
        raise InvalidInput("scale", "scale must be at least 1", scale=scale)
    started = time.perf_counter()
    write_lock(session, "demo")
    if has_data(session):
        raise RuleViolation(
            "demo_exists", "the roster already has people; the demo loads only into an empty one"
        )
    now = utcnow()
    conn = session.connection()
    skill_ids, relations = _write_skills(conn)
    counts = _Counts()
    linked: dict[str, int] = {}
    for copy in range(1, scale + 1):
        plan = _plan_copy(copy, seed)
        ids = _write_copy(conn, plan, skill_ids, now, counts)
        if copy == 1:
            linked = {key: ids[index] for key, index in plan.demo_people.items()}
    users = _write_accounts(conn, linked, now)
    reserve_counts = load_reserve_demo(
        session, seed=seed, reference_date=REFERENCE_DATE, audit_event=False
    )
    mentoring_counts = load_mentoring_demo(
        session,
        seed=seed,
        reference_date=REFERENCE_DATE,
        quiet_mentor=linked.get("enforcement_head"),
        audit_event=False,
    )
    summary = DemoSummary(
        units=counts.units,
        people=counts.people,
        skills=len(skill_ids),
        relations=relations,
        person_skills=counts.person_skills,
        conflicts=counts.conflicts,
        pairings=counts.pairings,
        users=users,
        guidance_logs=mentoring_counts["logs"],
        seconds=0.0,
    )
    after = {k: v for k, v in asdict(summary).items() if k != "seconds"} | {
        "scale": scale,
        "seed": seed,
        "reserve": reserve_counts,
        "mentoring": mentoring_counts,
    }
    record(session, actor=Actor(None, "demo"), action="demo.load", entity="demo", after=after)
    return replace(summary, seconds=round(time.perf_counter() - started, 3))
