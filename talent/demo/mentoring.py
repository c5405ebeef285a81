"""A year of mentoring history on top of a loaded demo roster (``talent.demo.load.load_demo``).

The mentoring service went live ``SINCE_DAYS`` (a year) before the reference date; every
pairing alive since then gets what mentors and planners would have written through the
API in that year:

- guidance logs (date, minutes, a topic in the mentor's words and its category, skills
  touched, notes in Chinese), every two to five weeks, on weekdays outside the Spring
  Festival and National Day holidays; a few corrected as a second version (both kept),
  agreed action items (most done by the next session), and the mentee's confirmations
  where the mentee has an account (the only way a confirmation can be recorded: it
  names the confirming user);
- one to three skill goals per pairing (a target above the mentee's level when set, a
  due date), sometimes a goal described in words, and the assessed level changes that
  carry the mentee from the goal's baseline to their level on the roster, so the
  history ends exactly at ``PersonSkill.level`` and goal progress reads from it;
- cadence: about ``QUIET_SHARE`` of the active pairings have gone quiet (no log for
  31-150 days), whole mentors at a time as busy judges do, most of them reminded and
  some escalated by the planner; some lively pairings had a long gap earlier, with a
  reminder in it, and then resumed; dissolved pairings that were not ended by a
  departure went quiet and climbed the ladder before they were dissolved;
- pairings that ended in the year (the roster's completed and dissolved pairings, with
  their outcome ratings and reasons) record who ended them, and each dissolved one queued
  its mentee for re-matching (withdrawn when the mentee has left the court; the queue
  shows it ``rematched`` when the mentee has a newer pairing on the link).

Notes
-----
Per court system ``k`` (an intermediate court and its district courts, by id), draws
come from ``numpy.random.Generator(PCG64([seed, 11, k]))``, a stream of its own: the
roster's and the reserve pool's draws are untouched, a seed gives the same history, and
court system 1 gets the same history at any scale. The wording of the topics comes from
a second stream, ``PCG64([seed, 12, k])``, so that how a topic is phrased never moves
the rest of the history. Dates count back from
``reference_date``; timestamps fall on the days they describe and never after the start
of the reference day (UTC), so the history is the same whenever it is loaded.
Rows go in with one Core ``executemany`` insert per table (no per-row round trips), and
every row keeps the rules the API enforces (see ``tests/talent/demo/test_mentoring.py``).
Nothing is committed here. As for the roster and the reserve pool, the history is
audited as one event, ``demo.mentoring.load`` with the counts, or (``audit_event=False``)
folded into the caller's ``demo.load``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import numpy as np
from sqlalchemy import Table, bindparam, func, insert, update
from sqlalchemy.engine import Connection
from sqlmodel import Session, col, select

from models import Pairing, Person, PersonSkill, Skill, Unit, User
from models.mentoring import (
    ActionItem,
    EscalationStep,
    GuidanceLog,
    GuidanceLogSkill,
    GuidanceLogVersion,
    LogConfirmation,
    PairingGoal,
    RematchEntry,
    SkillLevelChange,
)
from talent.audit import Actor, record
from talent.db import table_of, write_lock
from talent.demo.draws import Draws, Weighted
from talent.demo.mentoring_texts import (
    ACTION_ITEMS,
    CASE_SKILLS,
    CATEGORY_OF_SKILL,
    CLOSINGS,
    CORRECTIONS,
    DESCRIPTION_GOALS,
    DISSOLVE_CODES,
    ENFORCEMENT_CASES,
    ESCALATION_NOTES,
    GENERIC_CASES,
    LEVEL_REASONS,
    NOTE_ADDENDUM,
    NOTES,
    REMINDER_NOTES,
    TOPIC_WORDS,
    WITHDRAWN_REASON,
)
from talent.demo.texts import TOPICS
from talent.errors import RuleViolation
from talent.mentoring.overdue import DEFAULT_OVERDUE_DAYS

DEMO = Actor(None, "demo")
SINCE_DAYS = 365
"""The service went live this many days before the reference date: history starts then."""
QUIET_SHARE = 0.15
"""Share of the active pairings that have gone quiet (overdue) on the reference date."""
GAP_DAYS = (14, 35)
"""Days between two sessions of a lively pairing: two to five weeks."""
HOLIDAYS: tuple[tuple[date, date], ...] = (
    (date(2025, 1, 28), date(2025, 2, 4)),
    (date(2026, 2, 15), date(2026, 2, 23)),
    *((date(year, 10, 1), date(year, 10, 7)) for year in range(2024, 2028)),
)
"""Spring Festival and National Day: nobody holds a mentoring session then."""

_GOALS_PER_PAIRING = Weighted.of([(1, 0.3), (2, 0.45), (3, 0.25)])
_ITEMS_PER_LOG = Weighted.of([(0, 0.45), (1, 0.4), (2, 0.15)])
_MINUTES = {
    "courtroom_practice": Weighted.of([(90, 2), (120, 3), (150, 2), (180, 2), (240, 1)]),
    "ethics": Weighted.of([(45, 2), (60, 3), (90, 1)]),
    "": Weighted.of([(30, 1), (45, 2), (60, 4), (90, 3), (120, 2), (150, 1)]),
}
_CASE_CATEGORIES = {
    "1-2": Weighted.of(
        [("case_review", 0.55), ("judgment_writing", 0.25), ("courtroom_practice", 0.2)]
    ),
    "2-3": Weighted.of(
        [("case_review", 0.45), ("courtroom_practice", 0.4), ("judgment_writing", 0.15)]
    ),
}
_CATEGORY_SKILL = {
    ("judgment_writing", "1-2"): "judgment_writing",
    ("judgment_writing", "2-3"): "court_records",
    ("courtroom_practice", "1-2"): "courtroom_control",
    ("courtroom_practice", "2-3"): "court_records",
}
"""The skill a category touches besides the focus skill (a judgment is written, a record kept)."""


# --- what the history is planned from --------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Pair:
    id: int
    mentor: int
    mentee: int
    link: str
    status: str
    start: date
    end: date | None
    reason: str | None


@dataclass
class _World:
    """The roster as the history needs it, read once for every court system."""

    skill_ids: dict[str, int]
    codes: dict[int, str]
    skill_names: dict[int, str]
    levels: dict[int, dict[int, tuple[int, int | None]]]  # person -> skill -> (level, target)
    names: dict[int, str]
    active: dict[int, bool]
    accounts: dict[int, tuple[int, str]]  # person -> (user id, username)
    planner: int | None


# --- what is planned -------------------------------------------------------------------------
@dataclass(slots=True)
class _Version:
    day: date
    minutes: int
    topic: str
    category: str
    skills: tuple[int, ...]
    notes: str
    created_at: datetime
    reason: str | None = None
    confirmed_at: datetime | None = None


@dataclass(slots=True)
class _Item:
    text: str
    due: date
    done_at: datetime | None


@dataclass(slots=True)
class _Log:
    pairing: _Pair
    author: int | None
    versions: list[_Version]
    items: list[_Item]


@dataclass
class _Rows:
    """Everything planned for every court system, written in one go by ``_write``."""

    logs: list[_Log] = field(default_factory=list)
    goals: list[dict[str, Any]] = field(default_factory=list)
    level_changes: list[dict[str, Any]] = field(default_factory=list)
    steps: list[dict[str, Any]] = field(default_factory=list)
    rematch: list[dict[str, Any]] = field(default_factory=list)
    ended_by: list[dict[str, Any]] = field(default_factory=list)
    overdue: int = 0


@dataclass(frozen=True, slots=True)
class _Focus:
    """What a pairing works on: its goal skills first, then skills the mentor can teach;
    ``cases``: the mentee's skills with case types (codes), where its cases come from."""

    goals: tuple[int, ...]
    others: tuple[int, ...]
    cases: tuple[str, ...]


# --- dates -----------------------------------------------------------------------------------
def _closed(day: date) -> bool:
    """A weekend or a public holiday: no session is held."""
    return day.weekday() >= 5 or any(a <= day <= b for a, b in HOLIDAYS)


def _workday(day: date, lo: date, hi: date) -> date:
    """The nearest open day at or before ``day`` within ``[lo, hi]``, else after it."""
    for step in (-1, 1):
        probe = day
        while lo <= probe <= hi:
            if not _closed(probe):
                return probe
            probe += timedelta(days=step)
    return day


def _stamp(draws: Draws, day: date, now: datetime, late_days: int = 0) -> datetime:
    """A working-hours timestamp (09:00-20:00 in Beijing) on ``day`` or up to ``late_days``
    after it, never after ``now``."""
    moment = datetime.combine(
        day + timedelta(days=draws.between(0, late_days)),
        time(draws.between(1, 11), draws.between(0, 59), draws.between(0, 59)),
        tzinfo=UTC,
    )
    return min(moment, now)


# --- one court system ------------------------------------------------------------------------
class _System:
    """Plans the history of one court system's pairings into ``rows``."""

    def __init__(
        self,
        draws: Draws,
        wording: Draws,
        world: _World,
        rows: _Rows,
        today: date,
        now: datetime,
        used: set[tuple[int, int]],
    ) -> None:
        self.draws = draws
        self.wording = wording  # how topics are phrased: a stream apart from the history's
        self.world = world
        self.rows = rows
        self.today = today
        self.now = now
        self.since = today - timedelta(days=SINCE_DAYS)
        self.used = used  # (mentee, skill) pairs some goal already works on

    def quiet_set(self, pairs: Sequence[_Pair], quiet_mentor: int | None) -> set[int]:
        """The active pairings that have gone quiet: whole mentors at a time, up to the share.

        Pairings started in the last 45 days are too young to be quiet; mentors with a demo
        account stay lively (their pages show a full history), except ``quiet_mentor``, one
        of whose pairings goes quiet so that a mentor's own pages show the ladder.
        """
        active = [p for p in pairs if p.status == "active"]
        eligible: dict[int, list[_Pair]] = defaultdict(list)
        for p in active:
            if (self.today - p.start).days >= 45:
                eligible[p.mentor].append(p)
        quota = round(QUIET_SHARE * len(active))
        quiet: set[int] = set()
        if quiet_mentor in eligible:
            quiet.add(self.draws.pick(eligible[quiet_mentor]).id)
        accounts = self.world.accounts
        mentors = [m for m in sorted(eligible) if m not in accounts]
        for mentor in self.draws.sample(mentors, len(mentors)):
            if len(quiet) >= quota:
                break
            group = eligible[mentor]
            take = group if self.draws.chance(0.5) else [self.draws.pick(group)]
            quiet.update(p.id for p in take[: quota - len(quiet)])
        return quiet

    def plan(self, pairs: Sequence[_Pair], quiet_mentor: int | None) -> None:
        """Goals, sessions, ladder steps and endings of every pairing alive this year."""
        in_year = [p for p in pairs if (p.end or self.today) >= self.since]
        quiet = self.quiet_set(in_year, quiet_mentor)
        for pairing in in_year:
            focus = self.goals(pairing)
            days, long_gap = self.session_days(pairing, pairing.id in quiet)
            self.ladder(pairing, days, long_gap, pairing.id in quiet)
            for index, day in enumerate(days):
                following = days[index + 1] if index + 1 < len(days) else None
                self.rows.logs.append(self.log(pairing, focus, day, following))
            if pairing.status != "active":
                self.ending(pairing)
            elif pairing.id in quiet:
                self.rows.overdue += 1

    # --- when sessions happened ------------------------------------------------------------
    def session_days(self, p: _Pair, quiet: bool) -> tuple[list[date], int | None]:
        """Session dates, oldest first, and the index of the long gap (before that session)."""
        draws = self.draws
        lo = max(p.start, self.since)
        hi = p.end or self.today
        if p.status == "active" and quiet:  # mostly a month or two, some far longer
            back = draws.between(31, 60) if draws.chance(0.6) else draws.between(61, 150)
        elif p.status == "active":
            back = draws.between(1, 20)
        elif p.status == "completed":
            back = draws.between(0, 14)
        elif DISSOLVE_CODES.get(p.reason or "") == "mentor_left":
            back = draws.between(7, 28)
        else:
            back = draws.between(45, 100)
        last = hi - timedelta(days=back)
        if last < lo + timedelta(days=2):
            return [], None
        rhythm = draws.between(GAP_DAYS[0], 28)
        stretch = p.status != "dissolved" and not quiet and draws.chance(0.2)
        raw, long_gap_at = [last], None
        while True:
            if stretch and long_gap_at is None and len(raw) >= 2 and draws.chance(0.3):
                gap, long_gap_at = draws.between(42, 75), len(raw)
            else:
                gap = min(GAP_DAYS[1], max(GAP_DAYS[0], rhythm + draws.between(-4, 7)))
            earlier = raw[-1] - timedelta(days=gap)
            if earlier < lo + timedelta(days=2):
                if long_gap_at == len(raw):
                    long_gap_at = None  # the long gap would have started before the pairing
                break
            raw.append(earlier)
        days = sorted({_workday(d, lo, hi) for d in raw})
        long_gap = None if long_gap_at is None else len(raw) - long_gap_at
        if long_gap is not None and len(days) != len(raw):
            long_gap = None  # two days merged: the long gap can no longer be located
        return days, long_gap

    # --- the ladder ------------------------------------------------------------------------
    def step(self, p: _Pair, kind: str, day: date, anchor: date) -> None:
        """A planner's recorded rung (reminded, escalated), quiet since ``anchor``."""
        notes = REMINDER_NOTES if kind == "reminded" else ESCALATION_NOTES
        self.rows.steps.append(
            dict(
                pairing_id=p.id,
                step=kind,
                step_date=day,
                days_quiet=(day - anchor).days,
                note=self.draws.pick(notes),
                created_by=self.world.planner,
                created_at=_stamp(self.draws, day, self.now),
            )
        )

    def climb(self, p: _Pair, anchor: date, until: date, escalate: float) -> None:
        """Remind (and maybe escalate) a pairing quiet from ``anchor``, before ``until``."""
        draws = self.draws
        first = anchor + timedelta(days=DEFAULT_OVERDUE_DAYS + 1)
        room = (until - first).days
        if room < 3:
            return
        reminded = first + timedelta(days=draws.between(1, min(10, room - 1)))
        self.step(p, "reminded", reminded, anchor)
        left = (until - reminded).days
        if left >= 15 and draws.chance(escalate):
            escalated = reminded + timedelta(days=draws.between(14, min(30, left - 1)))
            self.step(p, "escalated", escalated, anchor)

    def ladder(self, p: _Pair, days: list[date], long_gap: int | None, quiet: bool) -> None:
        """Steps for the quiet stretch now, before a dissolution, or in an earlier long gap."""
        if long_gap is not None:
            self.climb(p, days[long_gap - 1], days[long_gap], escalate=0.3)
        if quiet:  # planners remind a pairing a week or so after it became overdue
            anchor = days[-1] if days else p.start
            fresh = (self.today - anchor).days <= DEFAULT_OVERDUE_DAYS + 10
            if self.draws.chance(0.35 if fresh else 0.9):
                self.climb(p, anchor, self.today + timedelta(days=1), escalate=0.6)
        if (
            p.status == "dissolved"
            and p.end is not None
            and days
            and DISSOLVE_CODES.get(p.reason or "") != "mentor_left"
        ):
            self.climb(p, days[-1], p.end, escalate=0.8)

    # --- goals and the levels they are read from -------------------------------------------
    def goals(self, p: _Pair) -> _Focus:
        """Plan the pairing's goals and level changes; return the skills its sessions work on."""
        draws, world = self.draws, self.world
        held = world.levels.get(p.mentee, {})
        teacher = world.levels.get(p.mentor, {})
        keys = {}
        for skill, (level, target) in held.items():
            if (p.mentee, skill) in self.used or level >= 5:
                continue
            gap = (target or level) > level
            teaches = teacher.get(skill, (0, None))[0] > level
            keys[skill] = (not gap, not teaches, draws.uniform())
        chosen = sorted(keys, key=keys.__getitem__)[: draws.weighted(_GOALS_PER_PAIRING)]
        opened = max(p.start, self.since) + timedelta(days=draws.between(0, 21))
        opened = min(opened, self.today - timedelta(days=1), p.end or self.today)
        author = self._author(p)  # the mentor, when they have an account, else the planner
        setter = author if author is not None and draws.chance(0.6) else world.planner
        for skill in chosen:
            self.used.add((p.mentee, skill))
            self.skill_goal(p, skill, held[skill], opened, setter)
        if draws.chance(0.3):
            self.rows.goals.append(
                self._goal_row(p, opened, setter, description=draws.pick(DESCRIPTION_GOALS[p.link]))
            )
        others = [
            s
            for s in held
            if s not in chosen and teacher.get(s, (0, None))[0] >= held[s][0] and s in keys
        ]
        cases = tuple(c for c in (world.codes[s] for s in held) if c in CASE_SKILLS and c in TOPICS)
        return _Focus(tuple(chosen), tuple(draws.sample(others, 2)), cases)

    def skill_goal(
        self,
        p: _Pair,
        skill: int,
        held: tuple[int, int | None],
        opened: date,
        setter: int | None,
    ) -> None:
        """A skill goal whose baseline lies ``k`` assessed steps below today's level."""
        draws = self.draws
        level, roster_target = held
        until = min(p.end or self.today, self.today)
        span = (until - opened).days
        most = min(level, 2 if span > 240 else 1 if span > 90 else 0)
        progress = {"completed": 0.8, "active": 0.6, "dissolved": 0.3}[p.status]
        steps = sum(1 for _ in range(most) if draws.chance(progress))
        baseline = level - steps
        achieved = {"completed": 0.7, "active": 0.5, "dissolved": 0.2}[p.status]
        if steps and draws.chance(achieved):
            target = level
        else:
            target = min(5, max(roster_target or 0, level + 1))
        if target <= baseline:
            return
        self.rows.goals.append(
            self._goal_row(p, opened, setter, skill=skill, target=target, baseline=baseline)
        )
        day = opened
        for i in range(steps):
            lo = day + timedelta(days=60)
            hi = until - timedelta(days=60 * (steps - i - 1))
            day = _workday(lo + timedelta(days=draws.between(0, max(0, (hi - lo).days))), lo, hi)
            self.level_change(p, skill, baseline + i, baseline + i + 1, day)

    def _goal_row(
        self,
        p: _Pair,
        opened: date,
        setter: int | None,
        *,
        skill: int | None = None,
        target: int | None = None,
        baseline: int | None = None,
        description: str | None = None,
    ) -> dict[str, Any]:
        created = _stamp(self.draws, opened, self.now)
        return dict(
            pairing_id=p.id,
            skill_id=skill,
            target_level=target,
            baseline_level=baseline,
            description=description,
            due_date=opened + timedelta(days=self.draws.between(240, 420)),
            status="open",
            set_by=setter,
            created_on=opened,
            created_at=created,
            updated_at=created,
        )

    def level_change(self, p: _Pair, skill: int, before: int, after: int, day: date) -> None:
        """The mentor's assessment that raised the mentee one level in ``skill`` on ``day``."""
        account = self.world.accounts.get(p.mentor)
        reason = self.draws.pick(LEVEL_REASONS).format(skill=self.world.skill_names[skill])
        self.rows.level_changes.append(
            dict(
                person_id=p.mentee,
                skill_id=skill,
                from_level=before,
                to_level=after,
                reason=reason,
                source="assessment",
                effective_date=day,
                changed_by=account[0] if account else None,
                actor_name=account[1] if account else self.world.names[p.mentor],
                changed_at=_stamp(self.draws, day, self.now, late_days=3),
            )
        )

    # --- one session -----------------------------------------------------------------------
    def _author(self, p: _Pair) -> int | None:
        """The mentor's user id (their writes carry it), or None: written by the demo."""
        account = self.world.accounts.get(p.mentor)
        return account[0] if account else None

    def log(self, p: _Pair, focus: _Focus, day: date, following: date | None) -> _Log:
        """One session: mostly on a goal skill, its category and texts from that skill."""
        draws, world = self.draws, self.world
        pool = focus.goals if focus.goals and (draws.chance(0.7) or not focus.others) else None
        pool = pool or focus.others or focus.goals
        ethics = world.skill_ids.get("ethics")
        if not pool or (ethics is not None and draws.chance(0.06)):
            pool = (ethics,) if ethics is not None else ()
        skill = draws.pick(pool) if pool else None
        code = world.codes[skill] if skill is not None else "ethics"
        if code in CASE_SKILLS:
            category = draws.weighted(_CASE_CATEGORIES[p.link])
        else:
            category = CATEGORY_OF_SKILL.get(code, "other")
        touched = {skill} if skill is not None else set()
        extra = world.skill_ids.get(_CATEGORY_SKILL.get((category, p.link), ""))
        if extra is not None and (code in CASE_SKILLS or category == "courtroom_practice"):
            touched.add(extra)
        if focus.goals and draws.chance(0.25):
            touched.add(draws.pick(focus.goals))
        case = self.case(category, code, focus)
        name = world.skill_names[skill] if skill is not None else ""
        key = (category, p.link)
        which = draws.between(0, len(NOTES[key]) - 1)  # one draw, as a pick of the notes
        notes = NOTES[key][which].format(case=case, skill=name) + draws.pick(CLOSINGS)
        topic = self.wording.pick(TOPIC_WORDS[key][which]).format(case=case, skill=name)
        minutes = draws.weighted(_MINUTES.get(category, _MINUTES[""]))
        if p.link == "2-3" and minutes > 60 and draws.chance(0.4):
            minutes -= 30
        first = _Version(
            day,
            minutes,
            topic,
            category,
            tuple(sorted(touched)),
            notes,
            _stamp(draws, day, self.now, 2),
        )
        versions = [first]
        if draws.chance(0.06):
            versions.append(self.correction(first, focus))
        self.confirm(p, versions)
        return _Log(p, self._author(p), versions, self.items(category, case, day, following))

    def case(self, category: str, code: str, focus: _Focus) -> str:
        """The kind of case a session works on: of the focus skill, else of the mentee's."""
        draws = self.draws
        if category == "enforcement":
            return draws.pick(ENFORCEMENT_CASES)
        if category == "mediation":
            return draws.pick(GENERIC_CASES)
        source = code if code in focus.cases else draws.pick(focus.cases) if focus.cases else None
        if source is None:
            return draws.pick(GENERIC_CASES)
        return draws.pick(TOPICS[source].items) + TOPICS[source].suffix

    def correction(self, first: _Version, focus: _Focus) -> _Version:
        """Version 2 of a log: one field corrected (minutes, skills or notes), with why."""
        draws = self.draws
        field_name = draws.pick(tuple(CORRECTIONS))
        second = _Version(
            first.day,
            first.minutes,
            first.topic,
            first.category,
            first.skills,
            first.notes,
            min(first.created_at + timedelta(days=draws.between(1, 5)), self.now),
            reason=CORRECTIONS[field_name],
        )
        more = [s for s in (*focus.goals, *focus.others) if s not in first.skills]
        if field_name == "skills" and more:
            second.skills = tuple(sorted({*first.skills, draws.pick(more)}))
        elif field_name == "minutes":
            second.minutes = first.minutes + (30 if first.minutes <= 60 else -30)
        else:
            second.reason = CORRECTIONS["notes"]
            second.notes = first.notes + NOTE_ADDENDUM
        return second

    def confirm(self, p: _Pair, versions: list[_Version]) -> None:
        """The mentee confirms (a version at a time) when the mentee has an account."""
        if p.mentee not in self.world.accounts:
            return
        draws = self.draws
        for index, version in enumerate(versions):
            if not draws.chance(0.85):
                continue
            moment = version.created_at + timedelta(hours=draws.between(2, 72))
            later = versions[index + 1].created_at if index + 1 < len(versions) else self.now
            if moment < later:
                version.confirmed_at = moment

    def items(self, category: str, case: str, day: date, following: date | None) -> list[_Item]:
        """Action items agreed in the session: mostly done around their due date when a later
        session followed; after the last session, open unless long past due."""
        draws = self.draws
        texts = draws.sample(ACTION_ITEMS[category], draws.weighted(_ITEMS_PER_LOG))
        found = []
        for text in texts:
            due = day + timedelta(days=draws.between(7, 28))
            if following is not None:  # looked at again in the next session
                done = draws.chance(0.94)
            else:
                done = due < self.today and draws.chance(0.35)
            done_day = min(due + timedelta(days=draws.between(-5, 3)), self.today)
            done_at = _stamp(draws, max(done_day, day), self.now) if done else None
            found.append(_Item(text.format(case=case), due, done_at))
        return found

    # --- ended pairings --------------------------------------------------------------------
    def ending(self, p: _Pair) -> None:
        """Who ended a pairing ended this year and, for a dissolved one, its queue entry."""
        world = self.world
        by = world.planner if p.status == "dissolved" else (self._author(p) or world.planner)
        if by is not None:
            self.rows.ended_by.append(dict(pairing_id=p.id, by=by))
        if p.status != "dissolved" or p.end is None:
            return
        left = not world.active.get(p.mentee, True)
        withdrawn = (
            min(p.end + timedelta(days=self.draws.between(3, 20)), self.today) if left else None
        )
        self.rows.rematch.append(
            dict(
                mentee_id=p.mentee,
                link=p.link,
                pairing_id=p.id,
                reason_code=DISSOLVE_CODES.get(p.reason or "", "other"),
                reason=p.reason,
                queued_on=p.end,
                created_by=world.planner,
                created_at=_stamp(self.draws, p.end, self.now),
                withdrawn_on=withdrawn,
                withdrawn_reason=WITHDRAWN_REASON if left else None,
                withdrawn_by=world.planner if left else None,
            )
        )


# --- reading and writing ---------------------------------------------------------------------
def _read(session: Session) -> tuple[_World, dict[int, list[_Pair]]]:
    """The roster the history hangs on, and the pairings of each court system by its root."""
    units = {u.id: (u.parent_id, u.kind) for u in session.exec(select(Unit)).all()}

    def root(unit_id: int) -> int:
        parent, kind = units[unit_id]
        while parent is not None and kind != "intermediate_court":
            unit_id = parent
            parent, kind = units[unit_id]
        return unit_id

    people = session.exec(select(Person.id, Person.name, Person.unit_id, Person.active)).all()
    system_of = {pid: root(unit) for pid, _, unit, _ in people}
    skills = {code: sid for sid, code in session.exec(select(Skill.id, Skill.code)).all()}
    levels: dict[int, dict[int, tuple[int, int | None]]] = defaultdict(dict)
    for person, skill, level, target in session.exec(
        select(
            PersonSkill.person_id, PersonSkill.skill_id, PersonSkill.level, PersonSkill.target_level
        ).order_by(col(PersonSkill.person_id), col(PersonSkill.skill_id))
    ).all():
        levels[person][skill] = (level, target)
    accounts = {
        person: (uid, username)
        for uid, username, person in session.exec(
            select(User.id, User.username, User.person_id).where(col(User.person_id).is_not(None))
        ).all()
    }
    planner = session.exec(
        select(User.id).where(User.role == "planner").order_by(col(User.id))
    ).first()
    world = _World(
        skill_ids=skills,
        codes={sid: code for code, sid in skills.items()},
        skill_names=dict(session.exec(select(Skill.id, Skill.name)).all()),
        levels=levels,
        names={pid: name for pid, name, _, _ in people},
        active={pid: active for pid, _, _, active in people},
        accounts=accounts,  # type: ignore[arg-type]  # no None key: the query keeps users linked to a person
        planner=planner,
    )
    by_system: dict[int, list[_Pair]] = defaultdict(list)
    for row in session.exec(select(Pairing).order_by(col(Pairing.id))).all():
        by_system[system_of[row.mentee_id]].append(
            _Pair(
                row.id,
                row.mentor_id,
                row.mentee_id,
                row.link,
                row.status,
                row.start_date,
                row.end_date,
                row.end_reason,
            )
        )
    return world, by_system


def _insert_with_ids(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` in one executemany and return their ids in the order of ``rows``.

    SQLite cannot return ids in parameter order from a batched insert (SQLAlchemy would
    send one statement per row), so there the ids are numbered on from the largest one:
    safe, as the demo's writer holds SQLite's one write lock for the whole load.
    PostgreSQL returns them from its sequence, in order, in batches.
    """
    if not rows:
        return []
    if conn.dialect.name == "sqlite":
        start = (conn.execute(select(func.max(table.c.id))).scalar() or 0) + 1
        ids = list(range(start, start + len(rows)))
        conn.execute(insert(table), [row | {"id": i} for row, i in zip(rows, ids, strict=True)])
        return ids
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return [row[0] for row in conn.execute(statement, rows)]


def _insert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> int:
    if rows:
        conn.execute(insert(table), rows)
    return len(rows)


def _write(conn: Connection, world: _World, rows: _Rows, counts: Counter[str]) -> None:
    """Logs, then their versions, then what hangs on versions and logs; then the rest."""
    log_ids = _insert_with_ids(
        conn,
        table_of(GuidanceLog),
        [
            dict(
                pairing_id=log.pairing.id,
                latest_version=len(log.versions),
                created_by=log.author,
                created_at=log.versions[0].created_at,
            )
            for log in rows.logs
        ],
    )
    planned = [
        (log_id, log, number, v)
        for log_id, log in zip(log_ids, rows.logs, strict=True)
        for number, v in enumerate(log.versions, start=1)
    ]
    version_ids = _insert_with_ids(
        conn,
        table_of(GuidanceLogVersion),
        [
            dict(
                log_id=log_id,
                version=number,
                session_date=v.day,
                minutes=v.minutes,
                topic=v.topic,
                category=v.category,
                notes=v.notes,
                correction_reason=v.reason,
                created_by=log.author,
                created_at=v.created_at,
            )
            for log_id, log, number, v in planned
        ],
    )
    skills: list[dict[str, Any]] = []
    confirmations: list[dict[str, Any]] = []
    for version_id, (_, log, _, v) in zip(version_ids, planned, strict=True):
        skills.extend(dict(version_id=version_id, skill_id=s) for s in v.skills)
        if v.confirmed_at is not None:
            mentee = log.pairing.mentee
            confirmations.append(
                dict(
                    version_id=version_id,
                    person_id=mentee,
                    confirmed_by=world.accounts[mentee][0],
                    confirmed_at=v.confirmed_at,
                )
            )
    items = [
        dict(
            log_id=log_id,
            text=item.text,
            due_date=item.due,
            done=item.done_at is not None,
            done_at=item.done_at,
            done_by=log.author if item.done_at is not None else None,
            created_by=log.author,
            created_at=log.versions[0].created_at,
        )
        for log_id, log in zip(log_ids, rows.logs, strict=True)
        for item in log.items
    ]
    counts["logs"] = len(log_ids)
    counts["corrections"] = len(version_ids) - len(log_ids)
    counts["log_skills"] = _insert(conn, table_of(GuidanceLogSkill), skills)
    counts["confirmations"] = _insert(conn, table_of(LogConfirmation), confirmations)
    counts["action_items"] = _insert(conn, table_of(ActionItem), items)
    counts["action_items_done"] = sum(1 for i in items if i["done"])
    counts["goals"] = _insert(conn, table_of(PairingGoal), rows.goals)
    counts["skill_changes"] = _insert(conn, table_of(SkillLevelChange), rows.level_changes)
    counts["escalation_steps"] = _insert(conn, table_of(EscalationStep), rows.steps)
    counts["rematch_entries"] = _insert(conn, table_of(RematchEntry), rows.rematch)
    if rows.ended_by:
        pairing = table_of(Pairing)
        conn.execute(
            update(pairing)
            .where(pairing.c.id == bindparam("pairing_id"))
            .values(ended_by=bindparam("by")),
            rows.ended_by,
        )
    counts["overdue"] = rows.overdue


# --- public --------------------------------------------------------------------------------
def load_mentoring_demo(
    session: Session,
    *,
    seed: int,
    reference_date: date,
    quiet_mentor: int | None = None,
    audit_event: bool = True,
) -> dict[str, int]:
    """Add a year of mentoring history to a loaded demo roster (module docstring).

    ``quiet_mentor`` (a person id) is a mentor with a demo account one of whose pairings
    goes quiet anyway. Returns the counts written (``logs``, ``goals``, ``overdue`` ...).
    Does not commit. ``audit_event=False`` leaves the audit event to the caller
    (``talent.demo.load.load_demo`` folds the counts into its ``demo.load`` event).
    Raises RuleViolation ``demo_exists`` when guidance logs exist already.
    """
    write_lock(session, "demo")
    if session.exec(select(GuidanceLog.id).limit(1)).first() is not None:
        raise RuleViolation("demo_exists", "guidance logs exist already")
    now = datetime.combine(reference_date, time(0), tzinfo=UTC)  # the latest timestamp
    world, by_system = _read(session)
    rows = _Rows()
    used: set[tuple[int, int]] = set()
    for k, root in enumerate(sorted(by_system), start=1):
        draws = Draws(np.random.Generator(np.random.PCG64([seed, 11, k])))
        wording = Draws(np.random.Generator(np.random.PCG64([seed, 12, k])))
        system = _System(draws, wording, world, rows, reference_date, now, used)
        system.plan(by_system[root], quiet_mentor)
    counts: Counter[str] = Counter()
    _write(session.connection(), world, rows, counts)
    summary = {key: int(value) for key, value in sorted(counts.items())}
    if audit_event:
        after = summary | {"seed": seed, "reference_date": reference_date}
        record(session, actor=DEMO, action="demo.mentoring.load", entity="demo", after=after)
    return summary
