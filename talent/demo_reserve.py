"""Reserve-pool demo data on top of a loaded demo roster (``talent.demo.load_demo``).

Per court system (each intermediate court with its district courts), from the roster
already in the database:

- five years of annual assessments for tier-1/2 staff (优秀 for about a fifth each year,
  a few 基本称职), with common and post-specific scores against four post standards;
- three years of case-work metrics for the judicial departments' tier-1/2 staff;
- training records for everyone (about 70-90 hours a year), recognitions for the trial
  business leaders and the expert judge the roster flags, provincial awards, skills
  competitions and Haibowan's 海法星, secondments (挂职) and paired support (对口支援);
- two review cycles: last year's admits about thirty nominees; during this year a few
  are listed for inspection, two appointed, one removed; this year's cycle flags the
  members who no longer meet the default policy (aged out, a 基本称职, an open
  negative-list item), exits them, retains the rest and admits this year's nominees,
  so the pool lands near the article's 33;
- political-file entries and positive / negative list items for the nominees;
- key posts (heads of the judicial departments, the political department and the
  research office) with holders, A / B backups and emergency cover, with gaps.

Notes
-----
Draws come from ``numpy.random.Generator(PCG64([seed, 7, k]))`` for court system ``k``,
dates count back from ``reference_date``, and eligibility and readiness use the default
policy (``Policy()``), not the file in force, so a seed gives the same data. Records are
written with Core ``executemany`` inserts; the pool goes through the same state machine
as the API (:func:`talent.services.reserve_candidates.apply_move`, ``decide``,
``start_cycle``), whose audit entries are collected and dropped: as for the roster, the
load is audited as one event with the counts. Nothing is committed here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

import numpy as np
from sqlalchemy import insert
from sqlmodel import Session, SQLModel, col, select

from models import Person, PersonSkill, Skill, Unit, utcnow
from models.reserve import (
    Assessment,
    CaseMetric,
    DevelopmentActivity,
    KeyPost,
    KeyPostSkill,
    ListItem,
    PoliticalEntry,
    PostBackup,
    PostStandard,
    ReserveCandidate,
    ReviewCycle,
)
from models.reserve_schemas import ReviewCreate
from talent.audit import Actor, Entry, record
from talent.db import write_lock
from talent.errors import RuleViolation
from talent.reserve.eligibility import Eligibility, age_on
from talent.reserve.policy import Policy
from talent.reserve.readiness import Readiness
from talent.services import reserve
from talent.services.reserve_candidates import apply_move, create_candidate, store_document
from talent.services.reserve_reviews import decide, start_cycle

DEMO = Actor(None, "demo")
POLICY = Policy()

STANDARDS: tuple[tuple[str, str, str, float], ...] = (
    ("judge", "员额法官考核标准", "员额法官", 0.4),
    ("assistant", "法官助理考核标准", "法官助理", 0.5),
    ("enforcer", "执行员考核标准", "执行员", 0.5),
    ("administrative", "司法行政人员考核标准", "司法行政人员", 0.6),
)
CASE_BASE = {"立案": 300, "民事": 210, "刑事": 120, "行政审判": 90, "审判监督": 80, "执行": 260}
"""Cases a judge closes a year, by department keyword."""

POSTS: dict[str, tuple[tuple[str, int], ...]] = {
    "立案": (("case_filing", 4), ("mediation", 3), ("petition_handling", 3)),
    "民事": (("civil_trial", 4), ("judgment_writing", 4), ("courtroom_control", 3)),
    "刑事": (("criminal_trial", 4), ("judgment_writing", 4), ("courtroom_control", 3)),
    "行政审判": (("administrative_trial", 4), ("judgment_writing", 3)),
    "审判监督": (("trial_supervision", 4), ("judgment_writing", 4)),
    "执行": (("enforcement", 4), ("asset_investigation", 3), ("enforcement_adjudication", 3)),
    "政治部": (("personnel_work", 4), ("political_theory", 3), ("document_drafting", 3)),
    "研究室": (("research_writing", 4), ("judgment_writing", 3)),
}
"""Key posts: the head of each department whose name holds the keyword, and its skills."""

HEADS = ("庭长", "局长", "主任")
TRAINING: tuple[tuple[str, str, float], ...] = (
    ("审判业务能力提升培训班", "乌海市中级人民法院", 40.0),
    ("政治轮训班", "乌海市委党校", 32.0),
    ("裁判文书写作专题培训", "乌海市中级人民法院", 16.0),
    ("执行攻坚·赋能夜课堂", "海勃湾区人民法院", 3.0),
    ("青年干警上讲台", "乌达区人民法院", 4.0),
    ("制度月课堂", "海南区人民法院", 2.0),
    ("智慧法院应用培训", "乌海市中级人民法院", 8.0),
    ("廉政警示教育专题", "乌海市中级人民法院", 4.0),
    ("多元解纷与诉源治理研讨", "内蒙古自治区高级人民法院", 24.0),
    ("法官职业伦理网络培训", "国家法官学院", 20.0),
    ("庭审驾驭能力实训", "乌海市中级人民法院", 12.0),
    ("调研写作能力提升班", "乌海市中级人民法院", 16.0),
)
PROVINCIAL_AWARDS = ("全区法院办案标兵", "全区法院先进个人", "全区优秀法官")
NATIONAL_AWARD = "全国法院先进个人"
COMPETITIONS = ("全市法院优秀裁判文书评选", "全市法院岗位技能竞赛", "全市法院庭审观摩评比")
PLACES = ("一等奖", "二等奖", "三等奖")
ANNUAL_REVIEW = ("annual_review", "年度政治素质考察：政治立场坚定，严守政治纪律和政治规矩")
POLITICAL = (
    ("theory_study", "参加党组理论学习中心组扩大学习并作专题发言"),
    ("party_life", "按时参加支部组织生活，认真开展批评与自我批评"),
    ("talk", "政治部谈心谈话：思想稳定，工作积极"),
)
POSITIVE = (
    ("commendation", "承办重大敏感案件，政治效果、法律效果和社会效果良好"),
    ("petition", "主动揭榜领题化解信访积案"),
    ("pioneer", "党员先锋岗履职表现突出"),
)
NEGATIVE = (
    ("discipline", "违反审判工作纪律被通报批评"),
    ("complaint", "当事人投诉办案态度问题"),
    ("conduct", "违反干警业外行为规范被提醒谈话"),
)
SOURCES = (
    ("own_unit", 0.4),
    ("organisation_department", 0.25),
    ("party_group", 0.2),
    ("party_branch", 0.15),
)


def _insert(session: Session, model: type[SQLModel], rows: list[dict[str, Any]]) -> int:
    if rows:
        session.execute(insert(model), rows)  # type: ignore[arg-type]
    return len(rows)


def _day(rng: np.random.Generator, first: date, last: date) -> date:
    return first + timedelta(days=int(rng.integers(0, max(1, (last - first).days + 1))))


class _System:
    """One court system: its people, units and the draws that shape them."""

    def __init__(
        self,
        root: Unit,
        units: dict[int, Unit],
        people: list[Person],
        seed: int,
        k: int,
        journal: list[Entry],
    ):
        self.root = root
        self.units = units
        self.people = people
        self.rng = np.random.default_rng(np.random.PCG64([seed, 7, k]))
        self.journal = journal  # the pool's audit entries: the load is audited as one event
        self.cadres = [p for p in people if p.tier in (1, 2) and p.active]
        # a latent merit per cadre drives grades, metrics and honours alike
        self.merit = {p.id: float(self.rng.normal()) for p in self.cadres}

    def court(self, person: Person) -> Unit:
        unit = self.units[person.unit_id]
        while unit.kind == "department" and unit.parent_id is not None:
            unit = self.units[unit.parent_id]
        return unit

    def unit_name(self, person: Person) -> str:
        return self.units[person.unit_id].name


def _roots(units: dict[int, Unit]) -> dict[int, int]:
    """Unit id -> the id of its court system's root (the top of its tree)."""
    roots = {}
    for unit_id in units:
        unit = units[unit_id]
        while unit.parent_id is not None:
            unit = units[unit.parent_id]
        roots[unit_id] = unit.id
    return roots  # type: ignore[return-value]


def _standard(person: Person) -> str:
    position = person.position or ""
    if "助理" in position:
        return "assistant"
    if "执行员" in position:
        return "enforcer"
    if "科员" in position or (person.tier == 2 and "法官" not in position):
        return "administrative"
    return "judge"


# --- records -----------------------------------------------------------------------------
def _assessments(
    system: _System, today: date, standards: dict[str, int], now: datetime
) -> list[dict]:
    rng, rows = system.rng, []
    for year in range(today.year - 5, today.year):
        scored = []
        for p in system.cadres:
            if p.hire_date is not None and p.hire_date.year > year:
                continue
            scored.append((system.merit[p.id] + float(rng.normal(0, 0.6)), p))
        scored.sort(key=lambda pair: (-pair[0], pair[1].id))
        excellent = round(0.2 * len(scored))
        for rank, (score, p) in enumerate(scored):
            if rank < excellent:
                grade = "excellent"
            elif score < -2.6:
                grade = "incompetent" if score < -3.1 else "basically_competent"
            else:
                grade = "competent"
            rows.append(
                {
                    "person_id": p.id,
                    "year": year,
                    "grade": grade,
                    "common_score": round(
                        float(np.clip(86 + 4 * score + rng.normal(0, 2), 60, 99)), 1
                    ),
                    "post_score": round(
                        float(np.clip(85 + 4 * score + rng.normal(0, 3), 60, 99)), 1
                    ),
                    "standard_id": standards[_standard(p)],
                    "comment": None,
                    "recorded_by": None,
                    "created_at": now,
                }
            )
    return rows


def _case_metrics(system: _System, today: date, now: datetime) -> list[dict]:
    rng, rows = system.rng, []
    for p in system.cadres:
        base = next((n for key, n in CASE_BASE.items() if key in system.unit_name(p)), None)
        if base is None:
            continue
        share = 0.6 if "助理" in (p.position or "") else 1.0
        m = system.merit[p.id]
        for year in range(today.year - 3, today.year):
            if p.hire_date is not None and p.hire_date.year >= year:
                continue
            trend = 0.01 * (year - (today.year - 3))  # acceptance rising, as the article reports
            rows.append(
                {
                    "person_id": p.id,
                    "period": str(year),
                    "period_start": date(year, 1, 1),
                    "period_end": date(year, 12, 31),
                    "cases_closed": int(base * share * rng.lognormal(0.05 * m, 0.25)),
                    "on_time_rate": round(
                        float(np.clip(0.93 + 0.02 * m + rng.normal(0, 0.02), 0.7, 1)), 4
                    ),
                    "reversal_rate": round(
                        float(np.clip(0.04 - 0.01 * m + rng.normal(0, 0.01), 0, 0.2)), 4
                    ),
                    "acceptance_rate": round(
                        float(np.clip(0.87 + trend + 0.02 * m + rng.normal(0, 0.02), 0.6, 1)), 4
                    ),
                    "public_satisfaction": round(
                        float(np.clip(0.91 + 0.02 * m + rng.normal(0, 0.02), 0.6, 1)), 4
                    ),
                    "recorded_by": None,
                    "created_at": now,
                }
            )
    return rows


def _activity(
    person_id: int, kind: str, title: str, start: date, now: datetime, **extra: Any
) -> dict:
    row = {
        "person_id": person_id,
        "kind": kind,
        "title": title,
        "start_date": start,
        "end_date": None,
        "hours": None,
        "organiser": None,
        "host_unit_id": None,
        "level": None,
        "recognition": None,
        "result": None,
        "evidence": None,
        "recorded_by": None,
        "created_at": now,
    }
    return row | extra


def _activities(system: _System, today: date, now: datetime) -> list[dict]:
    rng, rows = system.rng, []
    for p in system.people:
        if not p.active:
            continue
        for year in range(today.year - 3, today.year + 1):
            if p.hire_date is not None and p.hire_date.year > year:
                continue
            last = today if year == today.year else date(year, 12, 31)
            keen = float(np.clip(2.0 + 0.8 * system.merit.get(p.id, 0.0), 0.5, 4.0))
            n = (3 if year < today.year else 1) + int(rng.poisson(keen))
            for index in rng.choice(len(TRAINING), size=min(n, len(TRAINING)), replace=False):
                title, organiser, hours = TRAINING[int(index)]
                start = _day(rng, date(year, 1, 5), last)
                rows.append(
                    _activity(
                        p.id,
                        "training",
                        title,
                        start,
                        now,
                        end_date=start,
                        hours=hours,
                        organiser=organiser,
                    )
                )
    by_merit = sorted(system.cadres, key=lambda p: (-system.merit[p.id], p.id))
    for p in system.cadres:
        if p.is_business_leader:
            rows.append(
                _activity(
                    p.id,
                    "recognition",
                    "市级审判业务带头人",
                    date(today.year - 2, 3, 15),
                    now,
                    level="municipal",
                    recognition="business_leader",
                    organiser="乌海市委政法委",
                )
            )
        if p.is_expert_judge:
            rows.append(
                _activity(
                    p.id,
                    "recognition",
                    "全区专家型法官",
                    date(today.year - 1, 6, 20),
                    now,
                    level="provincial",
                    recognition="expert_judge",
                    organiser="内蒙古自治区高级人民法院",
                )
            )
    for k, p in enumerate(by_merit[:22]):  # 22 individuals honoured at provincial level or above
        level = "national" if k % 6 == 0 else "provincial"
        title = NATIONAL_AWARD if level == "national" else PROVINCIAL_AWARDS[k % 3]
        day = _day(rng, date(today.year - 3, 1, 1), today)
        rows.append(_activity(p.id, "award", title, day, now, level=level))
    for p in rng.choice(
        by_merit[: len(by_merit) // 2], size=min(35, len(by_merit) // 2), replace=False
    ):
        rows.append(
            _activity(
                p.id,
                "competition",
                COMPETITIONS[int(rng.integers(len(COMPETITIONS)))],
                _day(rng, date(today.year - 3, 1, 1), today),
                now,
                level="municipal",
                result=PLACES[int(rng.integers(len(PLACES)))],
            )
        )
    haibowan = [p for p in by_merit if system.court(p).name.startswith("海勃湾")]
    for year in range(today.year - 3, today.year):
        for p in (
            rng.choice(haibowan[:30], size=min(4, len(haibowan[:30])), replace=False)
            if haibowan
            else []
        ):
            rows.append(
                _activity(
                    p.id,
                    "recognition",
                    f"{year}年度“海法星”",
                    date(year, 12, 20),
                    now,
                    level="court",
                    recognition="star",
                    organiser="海勃湾区人民法院",
                )
            )
    rows += _exchanges(system, today, now)
    return rows


def _exchanges(system: _System, today: date, now: datetime) -> list[dict]:
    """6 secondments and 15 paired-support postings from the intermediate court (article)."""
    rng = system.rng
    senders = [p for p in system.cadres if system.court(p).id == system.root.id]
    hosts = sorted(
        (
            u
            for u in system.units.values()
            if u.kind == "department"
            and system.units[u.parent_id].kind == "basic_court"  # type: ignore[index]
            and any(key in u.name for key in ("立案", "执行", "民事"))
        ),
        key=lambda u: u.id,
    )
    rows = []
    picked = rng.choice(len(senders), size=min(21, len(senders)), replace=False)
    for k, index in enumerate(sorted(int(i) for i in picked)):
        p = senders[index]
        kind = "secondment" if k < 6 else "paired_support"
        host = hosts[int(rng.integers(len(hosts)))]
        start = _day(rng, date(today.year - 3, 3, 1), today - timedelta(days=120))
        end = start + timedelta(days=int(rng.integers(180, 366)))
        title = f"{'挂职' if kind == 'secondment' else '对口支援'}：{system.units[host.parent_id].name}{host.name}"  # type: ignore[index]
        rows.append(
            _activity(
                p.id,
                kind,
                title,
                start,
                now,
                end_date=end if end <= today else None,
                host_unit_id=host.id,
            )
        )
    return rows


# --- the pool ----------------------------------------------------------------------------
def _source(rng: np.random.Generator) -> str:
    names = [name for name, _ in SOURCES]
    return names[int(rng.choice(len(names), p=[w for _, w in SOURCES]))]


def _nominate(
    session: Session, system: _System, people: Sequence[Person], first: date, last: date
) -> list[ReserveCandidate]:
    rng, found = system.rng, []
    for p in people:
        source = _source(rng)
        unit = (
            system.court(p).id
            if source in ("party_group", "organisation_department")
            else p.unit_id
        )
        if source == "party_group":
            unit = system.root.id
        day = _day(rng, first, last)
        reason = (
            f"{system.unit_name(p)}{p.position or ''}，政治坚定、业务精通，推荐进入优秀年轻干部库"
        )
        candidate = create_candidate(
            session,
            person_id=p.id,
            source=source,
            recommending_unit_id=unit,  # type: ignore[arg-type]
            recommended_on=day,
            reason=reason,
            actor=DEMO,
            journal=system.journal,
        )
        text = f"推荐材料\n被推荐人：{p.name}\n推荐单位：{system.units[unit].name}\n推荐理由：{reason}\n"  # type: ignore[index]
        store_document(
            session,
            candidate_id=candidate.id,
            filename=f"推荐材料-{p.staff_no}.txt",  # type: ignore[arg-type]
            content_type="text/plain; charset=utf-8",
            content=text.encode(),
            actor=DEMO,
            journal=system.journal,
        )
        found.append(candidate)
    return found


def _files(
    system: _System, nominees: Sequence[Person], today: date, now: datetime
) -> tuple[list[dict], list[dict]]:
    """Political-file entries: a scored annual review for every cadre, two more entries for
    each nominee; positive-list items for about half the nominees."""
    rng, entries, items = system.rng, [], []

    def entry(p: Person, day: date, kind: str, text: str, score: float | None) -> dict:
        return {
            "person_id": p.id,
            "entry_date": day,
            "kind": kind,
            "item": text,
            "evidence": "政治部存档",
            "status": "open",
            "score": score,
            "recorded_by": None,
            "created_at": now,
        }

    for p in system.cadres:
        for year in range(today.year - 3, today.year):
            score = float(np.clip(88 + 3 * system.merit[p.id] + rng.normal(0, 3), 70, 99))
            entries.append(entry(p, date(year, 12, 15), *ANNUAL_REVIEW, round(score, 1)))
    for p in nominees:
        for index in sorted(rng.choice(len(POLITICAL), 2, replace=False)):
            kind, text = POLITICAL[int(index)]
            entries.append(entry(p, _day(rng, date(today.year - 2, 1, 1), today), kind, text, None))
        if rng.random() < 0.45:
            kind, text = POSITIVE[int(rng.integers(len(POSITIVE)))]
            day = _day(rng, date(today.year - 2, 1, 1), today)
            items.append(_item(p.id, "positive", day, kind, text, now))
    return entries, items


def _item(
    person_id: int, polarity: str, day: date, kind: str, text: str, now: datetime, **extra: Any
) -> dict:
    row = {
        "person_id": person_id,
        "polarity": polarity,
        "item_date": day,
        "kind": kind,
        "item": text,
        "evidence": "政治部存档",
        "status": "open",
        "closed_on": None,
        "closed_note": None,
        "recorded_by": None,
        "created_at": now,
    }
    return row | extra


def _decide(
    session: Session,
    candidate: ReserveCandidate,
    cycle: ReviewCycle,
    decision: str,
    ready: dict[int, Readiness],
    comment: str,
    journal: list[Entry],
    **band: str,
) -> None:
    decide(
        session,
        candidate,
        cycle,
        body=ReviewCreate(cycle=cycle.code, decision=decision, comment=comment, **band),
        actor=DEMO,
        journal=journal,
        policy=POLICY,
        readiness=ready,
    )


def _admit_or_exit(
    session: Session,
    nominees: Sequence[ReserveCandidate],
    cycle: ReviewCycle,
    ready: dict[int, Readiness],
    eligibility: dict[int, Eligibility],
    journal: list[Entry],
) -> None:
    for c in nominees:
        result = eligibility[c.person_id]
        if result.eligible:
            _decide(session, c, cycle, "admit", ready, "经评审会研究，同意入库", journal)
        else:
            reasons = "、".join(result.reasons)
            _decide(session, c, cycle, "exit", ready, f"不符合入库条件：{reasons}", journal)


class _PoolPlan:
    """One court system's part of the pool, played out over two system-wide cycles."""

    def __init__(self, session: Session, system: _System, today: date, now: datetime) -> None:
        self.session, self.system, self.today, self.now = session, system, today, now
        self.last_review = today.replace(year=today.year - 1)
        self.ranked = sorted(system.cadres, key=lambda p: (-system.merit[p.id], p.id))
        self.candidates: list[ReserveCandidate] = []
        self.fresh: list[ReserveCandidate] = []
        self.nominees: list[Person] = []
        self.then: dict[int, Eligibility] = {}
        self.now_eligible: dict[int, Eligibility] = {}
        self.items: list[dict] = []

    def _eligibility(self, on: date) -> dict[int, Eligibility]:
        ids = [p.id for p in self.ranked]
        return reserve.eligibility_of(self.session, ids, on=on, policy=POLICY)  # type: ignore[arg-type]

    def _misfits(
        self, result: dict[int, Eligibility], on: date, taken: set[int], n: int
    ) -> list[Person]:
        """Young staff who fail the policy, nominated anyway by their unit."""
        limit = POLICY.eligibility.max_age
        return [
            p
            for p in self.ranked
            if p.id not in taken
            and not result[p.id].eligible
            and p.tier == 2
            and p.birth_date is not None
            and age_on(p.birth_date, on) <= limit
        ][:n]

    def first_wave(self) -> None:
        """Last year's nominations: the 31 best eligible cadres and 3 who are not."""
        self.then = self._eligibility(self.last_review)
        eligible = [p for p in self.ranked if self.then[p.id].eligible][:31]
        self.nominees = eligible + self._misfits(self.then, self.last_review, set(), 3)
        self.candidates = _nominate(
            self.session,
            self.system,
            self.nominees,
            self.last_review - timedelta(days=80),
            self.last_review - timedelta(days=20),
        )

    def first_review(self, cycle: ReviewCycle, ready: dict[int, Readiness]) -> None:
        """Admit the eligible, exit the rest; then this year's moves and list items."""
        _admit_or_exit(self.session, self.candidates, cycle, ready, self.then, self.system.journal)
        admitted = sorted(
            (c for c in self.candidates if c.status == "in_pool"),
            key=lambda c: (-ready[c.person_id].readiness, c.id),
        )
        moves = [(c, "list_for_inspection", 120, "列为拟提拔考察对象") for c in admitted[:4]]
        moves += [(c, "appoint", 250, "经党组研究，任命为副庭长") for c in admitted[:2]]
        moves += [(admitted[-1], "remove", 200, "调离法院系统，撤销后备资格")]
        for candidate, action, days, reason in sorted(moves, key=lambda m: m[2]):
            apply_move(
                self.session,
                candidate,
                action=action,
                actor=DEMO,
                effective=self.last_review + timedelta(days=days),
                reason=reason,
                journal=self.system.journal,
            )
        today, now = self.today, self.now
        self.items = [
            _item(
                admitted[len(admitted) // 2].person_id,
                "negative",
                today - timedelta(days=240),
                *NEGATIVE[0],
                now,
            ),
            _item(
                self.ranked[-1].id,
                "negative",
                today - timedelta(days=400),
                *NEGATIVE[1],
                now,
                status="closed",
                closed_on=today - timedelta(days=300),
                closed_note="经核查已整改",
            ),
            _item(
                self.ranked[len(self.ranked) // 3].id,
                "negative",
                today - timedelta(days=90),
                *NEGATIVE[2],
                now,
                status="dismissed",
                closed_on=today - timedelta(days=60),
                closed_note="经核查不属实",
            ),
        ]
        _insert(self.session, ListItem, self.items)
        self.session.flush()

    def second_wave(self) -> None:
        """This year's nominations: nine more eligible cadres and one who is not."""
        self.now_eligible = self._eligibility(self.today)
        taken = {c.person_id for c in self.candidates}
        eligible = [
            p for p in self.ranked if p.id not in taken and self.now_eligible[p.id].eligible
        ][:9]
        late = eligible + self._misfits(self.now_eligible, self.today, taken, 1)
        self.nominees += late
        self.fresh = _nominate(
            self.session,
            self.system,
            late,
            self.today - timedelta(days=60),
            self.today - timedelta(days=10),
        )

    def second_review(self, cycle: ReviewCycle, ready: dict[int, Readiness]) -> None:
        """Exit the flagged, retain (and now and then recalibrate) the rest, admit the new."""
        members = [c for c in self.candidates if c.status in ("in_pool", "inspection")]
        journal = self.system.journal
        for k, c in enumerate(members):
            result = self.now_eligible[c.person_id]
            if not result.eligible:
                reasons = "、".join(result.reasons)
                _decide(
                    self.session,
                    c,
                    cycle,
                    "exit",
                    ready,
                    f"本轮复核不再符合条件：{reasons}",
                    journal,
                )
            elif k % 9 == 4:
                band = "ready_1_2" if ready[c.person_id].band != "ready_1_2" else "ready_now"
                _decide(
                    self.session,
                    c,
                    cycle,
                    "retain",
                    ready,
                    "继续培养",
                    journal,
                    band=band,
                    band_comment="评审会校准：结合近期岗位历练情况调整",
                )
            else:
                _decide(self.session, c, cycle, "retain", ready, "继续培养", journal)
        _admit_or_exit(
            self.session, self.fresh, cycle, ready, self.now_eligible, self.system.journal
        )

    def write_files(self, counts: Counter[str]) -> None:
        entries, items = _files(self.system, self.nominees, self.today, self.now)
        counts["political_entries"] += _insert(self.session, PoliticalEntry, entries)
        counts["list_items"] += _insert(self.session, ListItem, items) + len(self.items)
        everyone = self.candidates + self.fresh
        counts["candidates"] += len(everyone)
        counts["documents"] += len(everyone)
        counts["pool"] += sum(1 for c in everyone if c.status in ("in_pool", "inspection"))


def _play_pool(
    session: Session,
    plans: list[_PoolPlan],
    today: date,
    counts: Counter[str],
    journal: list[Entry],
) -> None:
    """Last year's cycle, this year's moves, this year's cycle, for every court system."""
    last_review = today.replace(year=today.year - 1)
    for plan in plans:
        plan.first_wave()
    cycle = start_cycle(
        session,
        code=str(last_review.year),
        review_date=last_review,
        actor=DEMO,
        policy=POLICY,
        journal=journal,
    )
    ready = reserve.readiness_map(session, on=last_review, policy=POLICY)
    for plan in plans:
        plan.first_review(cycle, ready)
    for plan in plans:
        plan.second_wave()
    cycle = start_cycle(
        session, code=str(today.year), review_date=today, actor=DEMO, policy=POLICY, journal=journal
    )
    ready = reserve.readiness_map(session, on=today, policy=POLICY)
    for plan in plans:
        plan.second_review(cycle, ready)
        plan.write_files(counts)
    counts["cycles"] += 2


# --- succession --------------------------------------------------------------------------
def _posts(
    session: Session, system: _System, skills: dict[str, int], counts: Counter[str], today: date
) -> None:
    rng = system.rng
    levels: dict[int, dict[int, int]] = defaultdict(dict)
    for h in reserve.rows_for(
        session, PersonSkill, PersonSkill.person_id, [p.id for p in system.cadres]
    ):
        levels[h.person_id][h.skill_id] = h.level
    by_unit: dict[int, list[Person]] = defaultdict(list)
    for p in system.cadres:
        by_unit[p.unit_id].append(p)
    departments = sorted(
        (u for u in system.units.values() if u.kind == "department" and u.id in by_unit),
        key=lambda u: u.id,
    )
    overload: Person | None = None
    stretched = 0
    for unit in departments:
        key = next((k for k in POSTS if k in unit.name), None)
        if key is None:
            continue
        staff = by_unit[unit.id]
        head = next((p for p in staff if p.tier == 1 and (p.position or "") in HEADS), None)
        court = system.units[unit.parent_id]  # type: ignore[index]
        title = f"{court.name}{unit.name}{head.position if head else '负责人'}"
        post = KeyPost(
            title=title,
            unit_id=unit.id,
            holder_id=head.id if head else None,  # type: ignore[arg-type]
            description=f"{unit.name}主要负责人岗位",
        )
        session.add(post)
        session.flush()
        required = [(skills[code], level) for code, level in POSTS[key] if code in skills]
        session.add_all(KeyPostSkill(post_id=post.id, skill_id=s, level=lvl) for s, lvl in required)  # type: ignore[arg-type]

        def fit(p: Person, required=required) -> float:
            return sum(min(levels[p.id].get(s, 0), lvl) for s, lvl in required)

        pool = sorted(
            (p for p in staff if p is not head), key=lambda p: (-fit(p), -system.merit[p.id], p.id)
        )
        roles = ["A", "B", "emergency"]
        draw = rng.random()
        if draw < 0.12:
            roles = ["emergency"]  # no A, no B
        elif draw < 0.35:
            roles = ["A", "emergency"]  # no B
        backups = dict(zip(roles, pool, strict=False))
        if overload is None and "A" in backups:
            overload = backups["A"]
        elif (
            overload is not None
            and overload.unit_id != unit.id
            and stretched < 2
            and "B" in backups
        ):
            backups["B"] = overload  # one person stretched over three posts
            stretched += 1
        for role, person in backups.items():
            session.add(
                PostBackup(
                    post_id=post.id,
                    role=role,
                    person_id=person.id,  # type: ignore[arg-type]
                    assigned_on=today - timedelta(days=int(rng.integers(30, 400))),
                )
            )
        session.flush()
        counts["key_posts"] += 1
        counts["backups"] += len(backups)


def load_reserve_demo(
    session: Session, *, seed: int, reference_date: date, audit_event: bool = True
) -> dict[str, int]:
    """Add the reserve-pool demo to a loaded demo roster (see the module docstring).

    Returns the counts written (``candidates``, ``pool``, ``key_posts`` ...). Does not
    commit. Like the roster load, the whole load is audited as one event,
    ``demo.reserve.load`` with the counts; ``audit_event=False`` leaves even that to the
    caller (``talent.demo.load_demo`` folds the counts into its own ``demo.load`` event).
    Raises RuleViolation ``demo_exists`` when the pool has candidates already.
    """
    write_lock(session, "demo")
    if session.exec(select(ReserveCandidate.id).limit(1)).first() is not None:
        raise RuleViolation("demo_exists", "the reserve pool has candidates already")
    now = utcnow()
    units = {u.id: u for u in session.exec(select(Unit).order_by(col(Unit.id))).all()}
    roots = _roots(units)  # type: ignore[arg-type]
    people_by_root: dict[int, list[Person]] = defaultdict(list)
    for p in session.exec(select(Person).order_by(col(Person.id))).all():
        people_by_root[roots[p.unit_id]].append(p)
    skills = {s.code: s.id for s in session.exec(select(Skill)).all()}
    standard_ids = {}
    for code, name, post, weight in STANDARDS:
        row = PostStandard(
            code=code,
            name=name,
            post=post,
            common_weight=weight,
            indicators="共性指标：政治素质、工作作风、廉洁自律；个性指标：岗位业务质效",
        )
        session.add(row)
        session.flush()
        standard_ids[code] = row.id
    counts: Counter[str] = Counter(standards=len(STANDARDS))
    journal: list[Entry] = []  # per-row audit entries, dropped: the load is one event
    systems = [
        _System(units[root_id], units, people_by_root[root_id], seed, k, journal)  # type: ignore[arg-type]
        for k, root_id in enumerate(sorted(people_by_root), start=1)
    ]
    for system in systems:
        counts["assessments"] += _insert(
            session, Assessment, _assessments(system, reference_date, standard_ids, now)
        )
        counts["case_metrics"] += _insert(
            session, CaseMetric, _case_metrics(system, reference_date, now)
        )
        counts["activities"] += _insert(
            session, DevelopmentActivity, _activities(system, reference_date, now)
        )
    session.flush()
    _play_pool(
        session,
        [_PoolPlan(session, s, reference_date, now) for s in systems],
        reference_date,
        counts,
        journal,
    )
    for system in systems:
        _posts(session, system, skills, counts, reference_date)
    summary = {key: int(value) for key, value in sorted(counts.items())}
    if audit_event:
        after = summary | {"seed": seed, "reference_date": reference_date}
        record(session, actor=DEMO, action="demo.reserve.load", entity="demo", after=after)
    return summary
