"""The staff of one demo court system, planned in memory before any id exists.

Who holds which post in a department (by largest remainder on the family's shares), with
an age, years of service, birth and hire dates consistent with the post, a name of their
cohort and a title as a roster shows it; then who has left, who are the business leaders
and the expert judge, and how many mentees each can take. The people the demo accounts
and the showcase chain hang on are found here by post (``demo_people``).

Kept apart from skills, texts, conflicts and pairings because everything else is planned
on top of these people. Everything is planned as of ``REFERENCE_DATE`` and then moved, day
for day, to the day the demo is loaded (``talent.demo.plan.plan_copy``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from talent.demo.draws import Draws, Weighted
from talent.demo.names import (
    GIVEN_NAMES,
    MONGOLIAN_BARE_SHARE,
    MONGOLIAN_NAMES,
    MONGOLIAN_SHARE,
    MONGOLIAN_SURNAMES,
    SURNAMES,
    cohort,
)
from talent.demo.texts import PROFILES, DepartmentProfile, DepartmentSpec

REFERENCE_DATE = date(2026, 11, 25)
"""The "today" of the demo roster: ages, service years and pairing dates count back from it."""

BUSINESS_LEADERS = 20
"""Municipal trial business leaders per court system (the article's figure)."""

_SURNAME_TABLE = Weighted.of(SURNAMES)
_HIRE_MONTHS = Weighted.of(
    [(7, 4.0), (8, 3.0), (9, 3.0), (10, 1.0), (12, 1.0), (3, 1.0), (4, 1.0), (6, 1.0)]
)


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


def department_roles(family: str, headcount: int) -> list[str]:
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


@dataclass(slots=True)
class Staff:
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


def years_before(day: date, years: int) -> date:
    """The same day ``years`` earlier (29 February becomes the 28th in a common year)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def new_staff(
    draws: Draws, court: int, dept: int, role: str, profile: DepartmentProfile, seen: set[str]
) -> Staff:
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
    return Staff(
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
    staff: list[Staff],
    departments: list[tuple[int, DepartmentSpec]],
    court: int,
    key: str,
    role: str,
) -> int:
    for index, person in enumerate(staff):
        if person.court == court and departments[person.dept][1].key == key and person.role == role:
            return index
    raise LookupError(f"no {role} in {key} of court {court}")


def demo_people(
    staff: list[Staff], departments: list[tuple[int, DepartmentSpec]]
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


def assign_status(
    draws: Draws,
    staff: list[Staff],
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


def _capacity(draws: Draws, person: Staff) -> int:
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
