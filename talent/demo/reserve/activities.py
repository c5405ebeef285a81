"""The reserve demo's development activities: training, honours, competitions, exchanges.

Training records for everyone (about 70-90 hours a year), recognitions for the trial
business leaders and the expert judge the roster flags, provincial and national awards,
skills competitions and Haibowan's 海法星, and the intermediate court's secondments
(挂职) and paired support (对口支援) in the district courts, as the article reports them.
Rows are returned as dicts for one Core insert.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import numpy as np

from talent.demo.reserve.system import CourtSystem, random_day

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
RECOGNITIONS = {
    "business_leader": ("市级审判业务带头人", "municipal", "乌海市委政法委"),
    "expert_judge": ("全区专家型法官", "provincial", "内蒙古自治区高级人民法院"),
    "star": ("{year}年度“海法星”", "court", "海勃湾区人民法院"),
}
"""Each recognition (称号) the demo confers: its title (海法星's names its year), level and
who confers it."""


def activity_row(
    person_id: int, kind: str, title: str, start: date, now: datetime, **extra: Any
) -> dict:
    """One development-activity row; ``extra`` fills the kind's own columns."""
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


def recognition_row(person_id: int, recognition: str, day: date, now: datetime) -> dict:
    """A recognition conferred on ``day``, as :data:`RECOGNITIONS` describes it."""
    title, level, organiser = RECOGNITIONS[recognition]
    return activity_row(
        person_id,
        "recognition",
        title.format(year=day.year),
        day,
        now,
        level=level,
        recognition=recognition,
        organiser=organiser,
    )


def activities(system: CourtSystem, today: date, now: datetime) -> list[dict]:
    """Training for every active person, then honours, competitions, 海法星, exchanges."""
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
                start = random_day(rng, date(year, 1, 5), last)
                rows.append(
                    activity_row(
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
            rows.append(recognition_row(p.id, "business_leader", date(today.year - 2, 3, 15), now))
        if p.is_expert_judge:
            rows.append(recognition_row(p.id, "expert_judge", date(today.year - 1, 6, 20), now))
    for k, p in enumerate(by_merit[:22]):  # 22 individuals honoured at provincial level or above
        level = "national" if k % 6 == 0 else "provincial"
        title = NATIONAL_AWARD if level == "national" else PROVINCIAL_AWARDS[k % 3]
        day = random_day(rng, date(today.year - 3, 1, 1), today)
        rows.append(activity_row(p.id, "award", title, day, now, level=level))
    # Indices drawn, then looked up: the same draws as choosing from the list itself.
    for i in rng.choice(len(by_merit) // 2, size=min(35, len(by_merit) // 2), replace=False):
        p = by_merit[int(i)]
        rows.append(
            activity_row(
                p.id,
                "competition",
                COMPETITIONS[int(rng.integers(len(COMPETITIONS)))],
                random_day(rng, date(today.year - 3, 1, 1), today),
                now,
                level="municipal",
                result=PLACES[int(rng.integers(len(PLACES)))],
            )
        )
    haibowan = [p for p in by_merit if system.court(p).name.startswith("海勃湾")]
    for year in range(today.year - 3, today.year):
        for i in (
            rng.choice(len(haibowan[:30]), size=min(4, len(haibowan[:30])), replace=False)
            if haibowan
            else []
        ):
            rows.append(recognition_row(haibowan[int(i)].id, "star", date(year, 12, 20), now))
    rows += _exchanges(system, today, now)
    return rows


def _exchanges(system: CourtSystem, today: date, now: datetime) -> list[dict]:
    """6 secondments and 15 paired-support postings from the intermediate court (article)."""
    rng = system.rng
    senders = [p for p in system.cadres if system.court(p).id == system.root.id]
    hosts = sorted(
        (
            u
            for u in system.units.values()
            if u.kind == "department"
            and system.parent(u).kind == "basic_court"
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
        start = random_day(rng, date(today.year - 3, 3, 1), today - timedelta(days=120))
        end = start + timedelta(days=int(rng.integers(180, 366)))
        title = f"{'挂职' if kind == 'secondment' else '对口支援'}：{system.parent(host).name}{host.name}"
        rows.append(
            activity_row(
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
