"""Eligibility rules, each on its own and combined, at their edges (no database)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from talent.reserve.eligibility import (
    RULES,
    NegativeItem,
    PersonFacts,
    age_on,
    evaluate,
    item_in_effect,
    years_before,
)
from talent.reserve.policy import AssessmentRule, EligibilityPolicy, NegativeListRule

ON = date(2026, 11, 25)
POLICY = EligibilityPolicy()  # tiers 1-2, age <= 40, 3 years' service, grades 2023-2025


def clean(**changes) -> PersonFacts:
    """A person who passes every default rule; ``changes`` break one thing at a time."""
    values = {
        "person_id": 1,
        "tier": 2,
        "active": True,
        "birth_date": date(1990, 5, 1),
        "hire_date": date(2015, 7, 1),
        "grades": {2023: "competent", 2024: "excellent", 2025: "competent"},
        "negative_items": (),
    }
    return PersonFacts(**(values | changes))


def reasons(facts: PersonFacts, policy: EligibilityPolicy = POLICY, on: date = ON) -> tuple:
    return evaluate(facts, policy, on).reasons


def test_the_clean_person_is_eligible() -> None:
    result = evaluate(clean(), POLICY, ON)
    assert result.eligible and result.reasons == () and result.details == ()


def test_active_rule() -> None:
    assert reasons(clean(active=False)) == ("active",)
    relaxed = POLICY.model_copy(update={"require_active": False})
    assert reasons(clean(active=False), relaxed) == ()


@pytest.mark.parametrize(("tier", "expected"), [(1, ()), (2, ()), (3, ("tier",))])
def test_tier_rule(tier: int, expected: tuple) -> None:
    assert reasons(clean(tier=tier)) == expected


@pytest.mark.parametrize(
    ("born", "expected"),
    [
        (date(1986, 11, 26), ()),  # 39 until tomorrow
        (date(1986, 11, 25), ()),  # 40 today: at the limit, allowed
        (date(1985, 11, 26), ()),  # 40, turns 41 tomorrow
        (date(1985, 11, 25), ("age",)),  # 41 today
        (None, ("age",)),  # unknown: cannot be checked
    ],
)
def test_age_rule_at_the_review_date(born: date | None, expected: tuple) -> None:
    assert reasons(clean(birth_date=born)) == expected


@pytest.mark.parametrize(
    ("hired", "expected"),
    [
        (date(2023, 11, 25), ()),  # exactly three years
        (date(2023, 11, 26), ("service_years",)),  # one day short
        (None, ("service_years",)),
        (date(2027, 1, 1), ("service_years",)),  # hired after the review date
    ],
)
def test_service_years_rule(hired: date | None, expected: tuple) -> None:
    assert reasons(clean(hire_date=hired)) == expected


@pytest.mark.parametrize(
    ("grades", "expected"),
    [
        ({2023: "excellent", 2024: "competent", 2025: "competent"}, ()),
        ({2023: "competent", 2024: "competent", 2025: "competent"}, ("assessment_grades",)),
        (
            {2023: "excellent", 2024: "basically_competent", 2025: "excellent"},
            ("assessment_grades",),
        ),
        ({2023: "excellent", 2024: "incompetent", 2025: "excellent"}, ("assessment_grades",)),
        ({2024: "excellent", 2025: "excellent"}, ("assessment_grades",)),  # 2023 missing
        # outside the window: 2022's grade and this year's do not count
        (
            {
                2022: "incompetent",
                2023: "excellent",
                2024: "competent",
                2025: "competent",
                2026: "incompetent",
            },
            (),
        ),
    ],
)
def test_assessment_grades_rule(grades: dict, expected: tuple) -> None:
    assert reasons(clean(grades=grades)) == expected


def test_assessment_message_names_each_problem() -> None:
    result = evaluate(clean(grades={2024: "basically_competent", 2025: "competent"}), POLICY, ON)
    (failure,) = result.details
    assert failure.rule == "assessment_grades"
    assert "2024 基本称职" in failure.message and "no assessment for 2023" in failure.message
    assert "0 优秀" in failure.message
    assert "2024 年基本称职" in failure.message_zh and "缺少 2023 年度考核" in failure.message_zh
    assert "考核优秀 0 次" in failure.message_zh


def test_every_failure_is_said_in_chinese_too() -> None:
    worst = clean(
        active=False,
        tier=3,
        birth_date=date(1970, 1, 1),
        hire_date=date(2025, 1, 1),
        grades={2025: "incompetent"},
        negative_items=(NegativeItem(date(2026, 5, 1)),),
    )
    result = evaluate(worst, POLICY, ON)
    assert [d.rule for d in result.details] == list(RULES)
    for failure in result.details:
        assert failure.message_zh and failure.message_zh != failure.message
        assert re.search(r"[\u4e00-\u9fff]", failure.message_zh), failure


def test_assessment_policy_knobs() -> None:
    facts = clean(grades={2024: "competent", 2025: "competent"})
    lenient = POLICY.model_copy(
        update={"assessments": AssessmentRule(years=2, require_all_years=True, min_excellent=0)}
    )
    assert reasons(facts, lenient) == ()
    gap = clean(grades={2023: "excellent", 2025: "competent"})
    no_gap_check = POLICY.model_copy(
        update={"assessments": AssessmentRule(require_all_years=False)}
    )
    assert reasons(gap) == ("assessment_grades",) and reasons(gap, no_gap_check) == ()


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (NegativeItem(date(2026, 1, 10)), ("negative_list",)),  # open, recent
        (NegativeItem(date(2023, 11, 25)), ("negative_list",)),  # exactly three years ago
        (NegativeItem(date(2023, 11, 24)), ()),  # just outside the window
        (NegativeItem(date(2026, 1, 10), "closed", date(2026, 6, 1)), ()),  # closed before
        (NegativeItem(date(2026, 1, 10), "closed", date(2026, 11, 26)), ("negative_list",)),
        (NegativeItem(date(2026, 1, 10), "dismissed", date(2026, 2, 1)), ()),  # unfounded
        (NegativeItem(date(2026, 12, 1)), ()),  # after the review date
    ],
)
def test_negative_list_rule(item: NegativeItem, expected: tuple) -> None:
    assert reasons(clean(negative_items=(item,))) == expected


def test_negative_window_is_configurable() -> None:
    old = clean(negative_items=(NegativeItem(date(2021, 3, 1)),))
    assert reasons(old) == ()
    longer = POLICY.model_copy(update={"negative_list": NegativeListRule(window_years=6)})
    assert reasons(old, longer) == ("negative_list",)


def test_every_failing_rule_is_named_in_order() -> None:
    worst = clean(
        active=False,
        tier=3,
        birth_date=date(1970, 1, 1),
        hire_date=date(2025, 1, 1),
        grades={2025: "incompetent"},
        negative_items=(NegativeItem(date(2026, 5, 1)),),
    )
    result = evaluate(worst, POLICY, ON)
    assert result.reasons == tuple(RULES)
    assert [d.rule for d in result.details] == list(RULES)
    assert not result.eligible


@given(
    broken=st.sets(
        st.sampled_from(
            ["active", "tier", "age", "service_years", "assessment_grades", "negative_list"]
        )
    )
)
def test_combined_rules_fail_exactly_the_broken_ones(broken: set[str]) -> None:
    breaks = {
        "active": {"active": False},
        "tier": {"tier": 3},
        "age": {"birth_date": date(1980, 1, 1)},
        "service_years": {"hire_date": date(2025, 1, 1)},
        "assessment_grades": {"grades": {2023: "competent", 2024: "competent", 2025: "competent"}},
        "negative_list": {"negative_items": (NegativeItem(date(2026, 2, 2)),)},
    }
    changes: dict = {}
    for rule in broken:
        changes |= breaks[rule]
    result = evaluate(clean(**changes), POLICY, ON)
    assert set(result.reasons) == broken
    assert result.eligible == (not broken)


@given(born=st.dates(min_value=date(1950, 1, 1), max_value=date(2010, 12, 31)))
def test_age_counts_completed_birthdays(born: date) -> None:
    age = age_on(born, ON)
    assert years_before(ON, age + 1) < born <= years_before(ON, age)


def test_item_in_effect_and_leap_day() -> None:
    assert years_before(date(2028, 2, 29), 1) == date(2027, 2, 28)
    assert item_in_effect(
        NegativeItem(date(2026, 1, 1), "closed", date(2026, 2, 1)), date(2026, 1, 31)
    )
    assert not item_in_effect(
        NegativeItem(date(2026, 1, 1), "closed", date(2026, 2, 1)), date(2026, 2, 1)
    )
