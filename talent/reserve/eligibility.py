"""Eligibility for the reserve pool: the policy's rules over plain facts about a person.

Each rule is a function ``(facts, policy, on) -> (message, message_zh) | None``: what
fails, in English and Chinese, or None when the rule holds. :func:`evaluate` runs them
all, in :data:`RULES` order, and names every rule that fails by its key there.

Notes
-----
With ``on`` the review date:

- **active**: the person is on the active roster (when ``require_active``).
- **tier**: the person's tier is in ``tiers``.
- **age**: age in whole years on ``on`` (birthdays completed) is at most ``max_age``;
  an unknown birth date fails, since the limit cannot be checked.
- **service_years**: whole years from ``hire_date`` to ``on`` are at least
  ``min_service_years``; an unknown hire date fails.
- **assessment_grades**: over the window ``on.year - years .. on.year - 1`` (full years:
  this year's assessment is not done before its end), no grade is in ``disallowed``,
  at least ``min_excellent`` grades are 优秀 and, with ``require_all_years``, every year
  has a grade.
- **negative_list**: no negative-list item in effect on ``on`` dated within
  ``window_years`` before ``on``. An item is in effect from its date until ``closed_on``
  (exclusive); a dismissed item never was.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from models.reserve import GRADE_LABELS
from talent.reserve.policy import EligibilityPolicy

__all__ = [
    "RULES",
    "Eligibility",
    "NegativeItem",
    "PersonFacts",
    "RuleFailure",
    "age_on",
    "evaluate",
    "item_in_effect",
    "years_before",
]


@dataclass(frozen=True)
class NegativeItem:
    """A negative-list item as eligibility sees it."""

    item_date: date
    status: str = "open"
    closed_on: date | None = None


@dataclass(frozen=True)
class PersonFacts:
    """What the rules look at, for one person."""

    person_id: int
    tier: int
    active: bool = True
    birth_date: date | None = None
    hire_date: date | None = None
    grades: Mapping[int, str] = field(default_factory=dict)
    negative_items: Sequence[NegativeItem] = ()


@dataclass(frozen=True)
class RuleFailure:
    """A failed rule with what failed, in English (``message``) and Chinese (``message_zh``)."""

    rule: str
    message: str
    message_zh: str


@dataclass(frozen=True)
class Eligibility:
    """``eligible`` when no rule fails; ``reasons`` names the failed rules in order."""

    eligible: bool
    reasons: tuple[str, ...]
    details: tuple[RuleFailure, ...]


Said = tuple[str, str]
"""What a failed rule says: in English, then in Chinese."""


def years_before(on: date, years: int) -> date:
    """The same day ``years`` earlier (28 February for 29 February in a common year;
    ``date.min`` before the calendar starts)."""
    if on.year - years < date.min.year:
        return date.min
    try:
        return on.replace(year=on.year - years)
    except ValueError:
        return on.replace(year=on.year - years, day=28)


def age_on(born: date, on: date) -> int:
    """Whole years from ``born`` to ``on``: the birthday counts on the day itself.

    >>> age_on(date(1986, 11, 25), date(2026, 11, 25)), age_on(date(1986, 11, 26), date(2026, 11, 25))
    (40, 39)
    """
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def item_in_effect(item: NegativeItem, on: date) -> bool:
    """Whether a negative-list item is in effect on ``on`` (see the module Notes)."""
    if item.status == "dismissed" or item.item_date > on:
        return False
    return item.closed_on is None or on < item.closed_on


def _active(facts: PersonFacts, policy: EligibilityPolicy, on: date) -> Said | None:
    if policy.require_active and not facts.active:
        return "the person is not on the active roster", "不在在岗人员名册中"
    return None


def _tier(facts: PersonFacts, policy: EligibilityPolicy, on: date) -> Said | None:
    if facts.tier not in policy.tiers:
        allowed = ", ".join(str(t) for t in policy.tiers)
        return (
            f"tier {facts.tier} may not enter the pool (allowed: {allowed})",
            f"第 {facts.tier} 层级人员不能入库（可入库层级：{allowed}）",
        )
    return None


def _age(facts: PersonFacts, policy: EligibilityPolicy, on: date) -> Said | None:
    if facts.birth_date is None:
        return (
            "birth date unknown: the age limit cannot be checked",
            "出生日期不详，无法核对年龄",
        )
    age = age_on(facts.birth_date, on)
    if age > policy.max_age:
        return (
            f"aged {age} on {on}, over the limit of {policy.max_age}",
            f"{on} 时 {age} 岁，超过 {policy.max_age} 岁的年龄上限",
        )
    return None


def _service(facts: PersonFacts, policy: EligibilityPolicy, on: date) -> Said | None:
    if facts.hire_date is None:
        return (
            "hire date unknown: years of service cannot be checked",
            "参加工作日期不详，无法核对工作年限",
        )
    years = max(0, age_on(facts.hire_date, on))
    if years < policy.min_service_years:
        return (
            f"{years} years of service on {on}, fewer than {policy.min_service_years}",
            f"{on} 时工作 {years} 年，少于 {policy.min_service_years} 年",
        )
    return None


def _grades(facts: PersonFacts, policy: EligibilityPolicy, on: date) -> Said | None:
    rule = policy.assessments
    window = range(on.year - rule.years, on.year)
    problems: list[tuple[str, str]] = []
    bad = [
        (year, GRADE_LABELS.get(facts.grades[year], facts.grades[year]))
        for year in window
        if facts.grades.get(year) in rule.disallowed
    ]
    if bad:
        problems.append(
            (
                "graded " + ", ".join(f"{year} {grade}" for year, grade in bad),
                "考核等次为" + "、".join(f"{year} 年{grade}" for year, grade in bad),
            )
        )
    missing = [str(year) for year in window if year not in facts.grades]
    if rule.require_all_years and missing:
        problems.append(
            ("no assessment for " + ", ".join(missing), "缺少 " + "、".join(missing) + " 年度考核")
        )
    excellent = sum(1 for year in window if facts.grades.get(year) == "excellent")
    if excellent < rule.min_excellent:
        first, last = window.start, window.stop - 1
        problems.append(
            (
                f"{excellent} 优秀 in {first}-{last}, fewer than {rule.min_excellent}",
                f"{first}-{last} 年考核优秀 {excellent} 次，少于 {rule.min_excellent} 次",
            )
        )
    if problems:
        return (
            "; ".join(en for en, _ in problems),
            "；".join(zh for _, zh in problems),
        )
    return None


def _negative(facts: PersonFacts, policy: EligibilityPolicy, on: date) -> Said | None:
    since = years_before(on, policy.negative_list.window_years)
    open_items = sorted(
        item.item_date
        for item in facts.negative_items
        if item_in_effect(item, on) and item.item_date >= since
    )
    if open_items:
        dates = ", ".join(d.isoformat() for d in open_items)
        return (
            f"{len(open_items)} negative-list item(s) in effect since {since} (dated {dates})",
            f"{since} 以来有 {len(open_items)} 项负面清单事项在效（{dates.replace(', ', '、')}）",
        )
    return None


Rule = Callable[[PersonFacts, EligibilityPolicy, date], Said | None]

RULES: dict[str, Rule] = {
    "active": _active,
    "tier": _tier,
    "age": _age,
    "service_years": _service,
    "assessment_grades": _grades,
    "negative_list": _negative,
}
"""Every rule by name, in the order reasons are reported."""


def evaluate(facts: PersonFacts, policy: EligibilityPolicy, on: date) -> Eligibility:
    """Run every rule of the policy for one person on the review date ``on``.

        Parameters
        ----------
        facts : PersonFacts
        policy : EligibilityPolicy
        on : date
            The review date: ages, service and windows count back from it.

        Returns
        -------
        Eligibility
            ``reasons`` lists the failed rules by name in :data:`RULES` order; ``details``
            says why, one :class:`RuleFailure` per reason.

        Examples
        --------
        >>> from models.reserve import GRADE_LABELS
    from talent.reserve.policy import EligibilityPolicy
        >>> facts = PersonFacts(1, tier=3, birth_date=date(1990, 1, 1), hire_date=date(2012, 1, 1),
        ...                     grades={2023: "excellent", 2024: "competent", 2025: "competent"})
        >>> evaluate(facts, EligibilityPolicy(), date(2026, 11, 25)).reasons
        ('tier',)
    """
    failures = tuple(
        RuleFailure(name, *said)
        for name, rule in RULES.items()
        if (said := rule(facts, policy, on)) is not None
    )
    return Eligibility(
        eligible=not failures,
        reasons=tuple(f.rule for f in failures),
        details=failures,
    )
