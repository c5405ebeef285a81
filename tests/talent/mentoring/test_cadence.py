"""Invariants of the pure cadence and progress arithmetic (no database)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from models.mentoring import EscalationRung, SkillLevelChange
from talent.mentoring.goals import goal_progress
from talent.mentoring.overdue import ladder_state
from talent.roster.skill_levels import level_on

DAY0 = date(2025, 1, 1)
offsets = st.integers(min_value=0, max_value=400)
levels = st.integers(min_value=0, max_value=5)


@given(
    start=offsets,
    log=st.none() | offsets,
    later=offsets,
    days=st.integers(min_value=1, max_value=120),
    steps=st.lists(st.tuples(st.sampled_from(["reminded", "escalated"]), offsets), max_size=4),
)
def test_ladder_state_invariants(start, log, later, days, steps) -> None:
    start_date = DAY0 + timedelta(days=start)
    last_log = None if log is None else start_date + timedelta(days=log)
    anchor = last_log or start_date
    as_of = anchor + timedelta(days=later)
    dated = [(s, DAY0 + timedelta(days=d)) for s, d in steps]
    state = ladder_state(
        start_date=start_date, last_log=last_log, as_of=as_of, days=days, steps=dated
    )
    assert state.days_quiet == later
    assert state.overdue == (later > days)
    assert state.overdue_since == anchor + timedelta(days=days + 1)
    if not state.overdue:
        assert state.rung is None and state.rung_date is None
        return
    assert as_of >= state.overdue_since
    current = [(s, d) for s, d in dated if d > anchor]
    if not current:
        assert (state.rung, state.rung_date) == (EscalationRung.overdue, state.overdue_since)
    else:
        assert state.rung_date == max(d for _, d in current)
        assert state.rung in (EscalationRung.reminded, EscalationRung.escalated)


def test_ladder_state_of_ended_pairings() -> None:
    ended = ladder_state(
        start_date=DAY0,
        last_log=None,
        as_of=DAY0 + timedelta(days=90),
        days=30,
        ended=("dissolved", DAY0 + timedelta(days=80)),
    )
    assert (ended.overdue, ended.rung, ended.rung_date) == (
        False,
        EscalationRung.dissolved,
        DAY0 + timedelta(days=80),
    )
    completed = ladder_state(
        start_date=DAY0,
        last_log=None,
        as_of=DAY0 + timedelta(days=90),
        days=30,
        ended=("completed", DAY0 + timedelta(days=80)),
    )
    assert (completed.overdue, completed.rung) == (False, None)


@given(
    baseline=st.none() | levels, target=st.integers(min_value=1, max_value=5), a=levels, b=levels
)
def test_goal_progress_is_a_monotone_share(baseline, target, a, b) -> None:
    low, high = sorted((a, b))
    p_low, p_high = goal_progress(baseline, target, low), goal_progress(baseline, target, high)
    assert 0.0 <= p_low <= p_high <= 1.0
    assert (p_high == 1.0) == (high >= target)


@given(
    current=st.none() | levels,
    changes=st.lists(st.tuples(offsets, st.none() | levels, st.none() | levels), max_size=6),
    day=offsets,
)
def test_level_on_replays_the_history(current, changes, day) -> None:
    rows = sorted(
        (
            SkillLevelChange(
                id=i,
                person_id=1,
                skill_id=1,
                from_level=f,
                to_level=t,
                source="test",
                effective_date=DAY0 + timedelta(days=d),
                actor_name="t",
            )
            for i, (d, f, t) in enumerate(changes)
        ),
        key=lambda c: (c.effective_date, c.id),
    )
    on = DAY0 + timedelta(days=day)
    in_effect = [c for c in rows if c.effective_date <= on]
    if in_effect:
        expected = in_effect[-1].to_level
    elif rows:
        expected = rows[0].from_level
    else:
        expected = current
    assert level_on(rows, current, on) == expected
