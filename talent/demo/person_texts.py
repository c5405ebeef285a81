"""The two free texts of a demo person: ``expertise`` and ``goals``, in the roster's words.

Built from the person's department, post and planned skills (so they must run after
``talent.demo.skills``), with the phrases of ``talent.demo.texts``: a strength is claimed
only for a skill actually held high enough, and goals name the largest skill gaps.
"""

from __future__ import annotations

from collections.abc import Iterable

from talent.demo.draws import Draws
from talent.demo.staff import Staff
from talent.demo.texts import (
    AMBITIONS,
    CLERK_DUTIES,
    CLERK_STRENGTHS,
    GOALS,
    LEADER_FIELDS,
    MENTOR_PLEDGES,
    STRENGTHS,
    TOPICS,
    DepartmentProfile,
    DepartmentSpec,
)


def _ranked(person: Staff, codes: Iterable[str], min_level: int = 0) -> list[str]:
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


def expertise_text(
    draws: Draws, person: Staff, profile: DepartmentProfile, spec: DepartmentSpec
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


def goals_text(draws: Draws, person: Staff, profile: DepartmentProfile) -> str:
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
