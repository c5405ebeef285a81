"""A year of synthetic mentoring replayed; every report figure checked against the test's
own computation from the generated records, and the CSV / XLSX exports read back.

The generator keeps plain records (``Plan``); the replay writes them through the
services where the services can (logs and their corrections) and directly where the
past cannot be written otherwise (pairings ended on a past date, dated skill history).
The expected figures are computed from ``Plan`` alone, never from the database.
"""

from __future__ import annotations

import csv
import io
import itertools
import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook

from api.main import API_PREFIX
from models import Pairing, Person, PersonSkill
from models.mentoring import CATEGORY_LABELS, LogCategory, PairingGoal, SkillLevelChange
from models.mentoring_schemas import LogCorrection, LogCreate
from talent import clock
from talent.audit import Actor
from talent.mentoring import guidance

API = API_PREFIX
TODAY = clock.today()
YEAR = TODAY.year - 1
DATE_FROM, DATE_TO = date(YEAR, 1, 1), date(YEAR, 12, 31)
OVERDUE_DAYS = 30
SKILLS = ("skill:civil_trial", "skill:mediation", "skill:judgment_writing")


@dataclass
class PlannedPairing:
    mentor: int
    mentee: int
    link: str
    start: date
    end: date | None
    status: str
    logs: list[tuple[date, int]] = field(default_factory=list)  # final (date, minutes)
    id: int = 0
    fixed_logs: tuple[tuple[date, int], ...] = ()  # edge cases: these logs, no random ones


@dataclass
class PlannedGoal:
    pairing: PlannedPairing
    skill: int
    target: int
    created_on: date
    status: str
    baseline: int = 0
    id: int = 0


@dataclass
class Plan:
    people: dict[int, tuple[str, int, bool]]  # id -> (unit key, tier, active)
    pairings: list[PlannedPairing]
    goals: list[PlannedGoal]
    levels: dict[tuple[int, int], list[tuple[date, int]]]  # (person, skill) -> [(from, level)]


def level_at(plan: Plan, person: int, skill: int, day: date) -> int:
    timeline = plan.levels.get((person, skill), [])
    level = timeline[0][1] if timeline else 0
    for since, value in timeline:
        if since <= day:
            level = value
    return level


def _add_people(session, org, rng) -> dict[int, tuple[str, int, bool]]:
    people = {
        org[k]: (unit, tier, True)
        for k, unit, tier in (
            ("senior", "civil", 1),
            ("senior2", "district_civil", 1),
            ("young", "civil", 2),
            ("young2", "district_civil", 2),
            ("clerk", "civil", 3),
            ("clerk2", "filing", 3),
        )
    }
    units = ("civil", "filing", "district_civil", "district")
    for index, tier in enumerate([1] * 3 + [2] * 9 + [3] * 14):
        unit, active = rng.choice(units), rng.random() > 0.12
        person = Person(
            staff_no=f"R{index:03d}",
            name=f"人员{index:03d}",
            unit_id=org[unit],
            tier=tier,
            mentor_capacity={1: 3, 2: 2, 3: 0}[tier],
            active=active,
        )
        session.add(person)
        session.flush()
        people[person.id] = (unit, tier, active)
    session.commit()
    return people


def _plan_pairings(people, rng) -> list[PlannedPairing]:
    mentors = {t: sorted(p for p, (_, tier, _) in people.items() if tier == t) for t in (1, 2)}
    edge = max(p for p, (_, tier, _) in people.items() if tier == 2)
    *_, quiet_30, quiet_31 = sorted(p for p, (_, tier, _) in people.items() if tier == 3)
    planned = []
    for mentee, (_, tier, _) in sorted(people.items()):
        if tier == 1 or mentee in (edge, quiet_30, quiet_31):
            continue
        link = "1-2" if tier == 2 else "2-3"
        cursor = DATE_FROM - timedelta(days=rng.randint(0, 150))
        for _ in range(rng.randint(0, 3)):
            start = cursor + timedelta(days=rng.randint(0, 90))
            if start >= TODAY:
                break
            end = start + timedelta(days=rng.randint(20, 420))
            mentor = rng.choice([m for m in mentors[tier - 1] if m != mentee])
            if end >= TODAY:
                planned.append(PlannedPairing(mentor, mentee, link, start, None, "active"))
                break
            status = rng.choice(["completed", "dissolved"])
            planned.append(PlannedPairing(mentor, mentee, link, start, end, status))
            cursor = end + timedelta(days=rng.randint(1, 40))
    # Edges: ends on the last day of the period (not active at its end), starts on it.
    seniors = mentors[1]
    planned.append(
        PlannedPairing(seniors[0], edge, "1-2", DATE_TO - timedelta(days=200), DATE_TO, "completed")
    )
    planned.append(
        PlannedPairing(seniors[1], edge, "1-2", DATE_TO, TODAY - timedelta(days=1), "dissolved")
    )
    # Edges of overdue: quiet exactly the threshold on the last day (not overdue), one more.
    for mentee, quiet in ((quiet_30, OVERDUE_DAYS), (quiet_31, OVERDUE_DAYS + 1)):
        planned.append(
            PlannedPairing(
                mentors[2][0],
                mentee,
                "2-3",
                DATE_TO - timedelta(days=200),
                None,
                "active",
                fixed_logs=(
                    (DATE_TO - timedelta(days=quiet), 60),
                    (DATE_TO + timedelta(days=1), 30),
                ),
            )
        )
    return planned


def _replay_logs(session, plan_pairing, admin, rng) -> None:
    """Log sessions through the service while the pairing is active; correct some."""
    actor = Actor(admin.id, admin.username)
    for day, minutes in plan_pairing.fixed_logs:
        body = LogCreate(date=day, minutes=minutes, topic="研讨一起买卖合同纠纷")
        guidance.create_log(session, pairing_id=plan_pairing.id, body=body, user=admin, actor=actor)
        plan_pairing.logs.append((day, minutes))
    last = min(plan_pairing.end or TODAY, TODAY)
    day = plan_pairing.start + timedelta(days=rng.randint(0, 45))
    while day <= last and not plan_pairing.fixed_logs:
        minutes, category = rng.randint(15, 180), rng.choice(list(LogCategory))
        topic = CATEGORY_LABELS[category]["zh"]
        body = LogCreate(date=day, minutes=minutes, topic=topic, category=category)
        log = guidance.create_log(
            session, pairing_id=plan_pairing.id, body=body, user=admin, actor=actor
        )
        final = (day, body.minutes)
        if rng.random() < 0.2:
            moved = min(last, max(plan_pairing.start, day + timedelta(days=rng.randint(-20, 20))))
            fix = LogCorrection(
                date=moved, minutes=body.minutes + rng.randint(1, 400), reason="更正"
            )
            guidance.correct_log(session, log_id=log.id, body=fix, user=admin, actor=actor)
            final = (fix.date, fix.minutes)
        plan_pairing.logs.append(final)
        day += timedelta(days=rng.randint(3, 75))


def _plan_levels_and_goals(plan: Plan, org, rng) -> None:
    for p in plan.pairings:
        for key in rng.sample(SKILLS, rng.randint(0, 2)):
            skill = org[key]
            timeline = plan.levels.setdefault((p.mentee, skill), [])
            if not timeline:
                day, level = DATE_FROM - timedelta(days=300), rng.randint(0, 2)
                timeline.append((day, level))
                while level < 5 and rng.random() < 0.7:
                    day += timedelta(days=rng.randint(20, 160))
                    level += 1
                    if day >= TODAY:
                        break
                    timeline.append((day, level))
            last = min(p.end or TODAY, TODAY)
            created = p.start + timedelta(days=rng.randint(0, max(0, (last - p.start).days)))
            baseline = level_at(plan, p.mentee, skill, created)
            status = "withdrawn" if rng.random() < 0.1 else "open"
            plan.goals.append(
                PlannedGoal(
                    p, skill, min(5, baseline + rng.randint(1, 3)), created, status, baseline
                )
            )


def _store_levels_and_goals(session, plan: Plan) -> None:
    for (person, skill), timeline in sorted(plan.levels.items()):
        for (_, before), (day, after) in itertools.pairwise(timeline):
            session.add(
                SkillLevelChange(
                    person_id=person,
                    skill_id=skill,
                    from_level=before,
                    to_level=after,
                    source="assessment",
                    effective_date=day,
                    actor_name="planner",
                )
            )
        session.add(PersonSkill(person_id=person, skill_id=skill, level=timeline[-1][1]))
    for goal in plan.goals:
        row = PairingGoal(
            pairing_id=goal.pairing.id,
            skill_id=goal.skill,
            target_level=goal.target,
            baseline_level=goal.baseline,
            created_on=goal.created_on,
            status=goal.status,
        )
        session.add(row)
        session.flush()
        goal.id = row.id
    session.commit()


@pytest.fixture
def year(session, org, users) -> Plan:
    rng = random.Random(2024)
    people = _add_people(session, org, rng)
    plan = Plan(people, _plan_pairings(people, rng), [], {})
    # Chronological per mentee and link, so one pairing is active at a time as in real life.
    for planned in sorted(plan.pairings, key=lambda p: (p.mentee, p.start)):
        row = Pairing(
            mentor_id=planned.mentor,
            mentee_id=planned.mentee,
            link=planned.link,
            start_date=planned.start,
        )
        session.add(row)
        session.commit()
        planned.id = row.id
        _replay_logs(session, planned, users["admin"], rng)
        if planned.status != "active":
            row = session.get(Pairing, planned.id)
            row.status, row.end_date = planned.status, planned.end
            session.add(row)
            session.commit()
    _plan_levels_and_goals(plan, org, rng)
    _store_levels_and_goals(session, plan)
    return plan


def expected_report(plan: Plan, units: set[str] | None) -> dict:
    """Every figure from the plan, by the definitions in the report's documentation."""

    def in_scope(person: int) -> bool:
        return units is None or plan.people[person][0] in units

    def active_on(p: PlannedPairing, day: date) -> bool:
        return p.start <= day and (p.end is None or p.end > day)

    pairings = [
        p
        for p in plan.pairings
        if in_scope(p.mentee) and p.start <= DATE_TO and (p.end is None or p.end >= DATE_FROM)
    ]
    at_end = [p for p in plan.pairings if active_on(p, DATE_TO)]
    coverage = []
    for tier in (2, 3):
        staff = [
            pid
            for pid, (_, t, active) in plan.people.items()
            if t == tier and active and in_scope(pid)
        ]
        covered = [pid for pid in staff if any(p.mentee == pid for p in at_end)]
        coverage.append(
            {
                "tier": tier,
                "staff": len(staff),
                "with_mentor": len(covered),
                "share": len(covered) / len(staff) if staff else 0.0,
            }
        )
    young_with_mentor = {p.mentee for p in at_end if p.link == "1-2"}
    chains = sum(
        1
        for p in at_end
        if p.link == "2-3" and in_scope(p.mentee) and p.mentor in young_with_mentor
    )
    month_rows: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    overdue = []
    for p in pairings:
        for day, minutes in p.logs:
            if DATE_FROM <= day <= DATE_TO:
                month_rows[day.strftime("%Y-%m")][0] += 1
                month_rows[day.strftime("%Y-%m")][1] += minutes
        if active_on(p, DATE_TO):
            anchor = max([d for d, _ in p.logs if d <= DATE_TO], default=p.start)
            if (DATE_TO - anchor).days > OVERDUE_DAYS:
                overdue.append((p.id, (DATE_TO - anchor).days))
    goals = []
    in_period = {p.id for p in pairings}
    for g in plan.goals:
        if g.pairing.id in in_period and g.status == "open" and g.created_on <= DATE_TO:
            level = level_at(plan, g.pairing.mentee, g.skill, DATE_TO)
            goals.append((g.id, level, level >= g.target))
    minutes = sum(m for _, m in month_rows.values())
    return {
        "active_pairings_at_end": sum(1 for p in pairings if active_on(p, DATE_TO)),
        "pairings_active_in_period": len(pairings),
        "pairings_started": sum(1 for p in pairings if p.start >= DATE_FROM),
        "pairings_completed": sum(
            1 for p in pairings if p.status == "completed" and DATE_FROM <= p.end <= DATE_TO
        ),
        "pairings_dissolved": sum(
            1 for p in pairings if p.status == "dissolved" and DATE_FROM <= p.end <= DATE_TO
        ),
        "coverage": coverage,
        "complete_chains": chains,
        "sessions": sum(s for s, _ in month_rows.values()),
        "hours": round(minutes / 60, 2),
        "by_month": {m: (s, mins) for m, (s, mins) in month_rows.items()},
        "overdue": sorted(overdue, key=lambda r: (-r[1], r[0])),
        "goals": goals,
    }


SCOPES = [(None, None), ("district", {"district", "district_civil"}), ("civil", {"civil"})]


@pytest.mark.parametrize(("unit_key", "units"), SCOPES)
def test_report_figures_match_an_independent_computation(
    client, auth_headers, org, year, unit_key, units
) -> None:
    params = {
        "date_from": DATE_FROM.isoformat(),
        "date_to": DATE_TO.isoformat(),
        "days": OVERDUE_DAYS,
    }
    if unit_key:
        params["unit_id"] = org[unit_key]
    response = client.get(
        f"{API}/reports/mentoring", params=params, headers=auth_headers["planner"]
    )
    assert response.status_code == 200, response.text
    got, want = response.json(), expected_report(year, units)
    for figure in (
        "active_pairings_at_end",
        "pairings_active_in_period",
        "pairings_started",
        "pairings_completed",
        "pairings_dissolved",
        "complete_chains",
        "sessions",
        "hours",
    ):
        assert got[figure] == want[figure], figure
    assert got["coverage"] == [pytest.approx(c) for c in want["coverage"]]
    # Per court: each court's own staff (not the district court under it), independently.
    own = {
        "court": {"court", "civil", "filing"},
        "district": {"district", "district_civil"},
        "civil": {"civil"},
    }
    expected_rows = (
        [("court", own["court"]), ("district", own["district"])]
        if unit_key is None
        else [(unit_key, own[unit_key])]
    )
    assert [(row["unit_id"], row["coverage"]) for row in got["coverage_by_court"]] == [
        (org[key], [pytest.approx(c) for c in expected_report(year, members)["coverage"]])
        for key, members in expected_rows
    ]
    assert len(got["by_month"]) == 12
    assert {
        m["month"]: (m["sessions"], m["minutes"]) for m in got["by_month"] if m["sessions"]
    } == want["by_month"]
    assert [(r["pairing_id"], r["days_quiet"]) for r in got["overdue"]] == want["overdue"]
    assert [(g["goal_id"], g["level_at_end"], g["achieved"]) for g in got["goal_progress"]] == want[
        "goals"
    ]
    achieved = sum(1 for *_, ok in want["goals"] if ok)
    assert (got["goals_total"], got["goals_achieved"]) == (len(want["goals"]), achieved)
    # The replay is not degenerate: every figure has something to count somewhere.
    if unit_key is None:
        assert (
            min(
                want["sessions"],
                len(want["overdue"]),
                len(want["goals"]),
                achieved,
                want["complete_chains"],
            )
            > 0
        )
        assert (
            want["pairings_completed"] and want["pairings_dissolved"] and want["pairings_started"]
        )


def test_exports_open_in_a_spreadsheet_library_and_agree_with_the_json(
    client, auth_headers, year
) -> None:
    params = {"date_from": DATE_FROM.isoformat(), "date_to": DATE_TO.isoformat()}
    url, headers = f"{API}/reports/mentoring", auth_headers["planner"]
    report = client.get(url, params=params, headers=headers).json()

    xlsx = client.get(url, params={**params, "format": "xlsx", "lang": "en"}, headers=headers)
    assert xlsx.status_code == 200
    assert xlsx.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in xlsx.headers["content-disposition"]
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == [
        "Summary",
        "Coverage",
        "Coverage by court",
        "By month",
        "Overdue pairings",
        "Goal progress",
    ]
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["Sessions"] == report["sessions"] and summary["Hours"] == report["hours"]
    assert summary["Active pairings at end"] == report["active_pairings_at_end"]
    assert summary["Overdue pairings"] == len(report["overdue"])
    months = list(book["By month"].iter_rows(min_row=2, values_only=True))
    assert [(m, s, mins) for m, s, mins, _ in months] == [
        (m["month"], m["sessions"], m["minutes"]) for m in report["by_month"]
    ]
    by_court = list(book["Coverage by court"].iter_rows(min_row=2, values_only=True))
    tiers = {2: "Young staff", 3: "Clerk"}  # names, never ids or codes
    assert by_court == [
        (
            court["unit_name"],
            tiers[tier["tier"]],
            tier["staff"],
            tier["with_mentor"],
            pytest.approx(tier["share"]),
        )
        for court in report["coverage_by_court"]
        for tier in court["coverage"]
    ]
    overdue = list(book["Overdue pairings"].iter_rows(min_row=2, values_only=True))
    assert [(row[1], row[2]) for row in overdue] == [
        (r["mentor_name"], r["mentee_name"]) for r in report["overdue"]
    ]
    assert len(list(book["Goal progress"].iter_rows(min_row=2))) == report["goals_total"]

    exported = client.get(url, params={**params, "format": "csv"}, headers=headers)
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    assert exported.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[0] == ["概要"] and rows[1] == ["指标", "数值"]
    values = {row[0]: row[1] for row in rows[2:20] if len(row) == 2}
    assert (
        int(values["带教次数"]) == report["sessions"]
        and float(values["带教小时数"]) == report["hours"]
    )
    start = rows.index(["按月活动"])
    assert [r[0] for r in rows[start + 2 : start + 14]] == [m["month"] for m in report["by_month"]]


def test_report_parameters_are_checked(client, auth_headers, org) -> None:
    url, headers = f"{API}/reports/mentoring", auth_headers["planner"]
    assert (
        client.get(
            url, params={"date_from": "2025-03-01", "date_to": "2025-02-01"}, headers=headers
        ).status_code
        == 422
    )
    assert (
        client.get(
            url, params={"date_from": "2000-01-01", "date_to": "2025-02-01"}, headers=headers
        ).status_code
        == 422
    )
    assert client.get(url, params={"date_to": "not-a-date"}, headers=headers).status_code == 422
    assert client.get(url, params={"format": "pdf"}, headers=headers).status_code == 422
    assert client.get(url, params={"unit_id": 99999}, headers=headers).status_code == 404
    for role in ("mentor", "reviewer"):
        assert client.get(url, headers=auth_headers[role]).status_code == 403
    empty = client.get(url, headers=headers).json()
    assert empty["date_from"] == date(TODAY.year, 1, 1).isoformat() and empty["sessions"] == 0
    assert [c["share"] for c in empty["coverage"]] == [0.0, 0.0]
