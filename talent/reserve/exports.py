"""The review-meeting pack (JSON and XLSX), side-by-side comparison of candidates and
the 9-box grid of the pool. Exports carry eligibility reasons, so each one is audited."""

from __future__ import annotations

import io
import json
from collections import defaultdict
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from sqlmodel import Session, col, select

from models import Person
from models.reserve import (
    GRADE_LABELS,
    OPEN_STATUSES,
    Assessment,
    CycleFlag,
    DevelopmentActivity,
    ReserveCandidate,
    ReviewCycle,
)
from models.reserve_schemas import (
    ComparedCandidate,
    Comparison,
    HonourPublic,
    NineBoxCell,
    NineBoxGrid,
    NineBoxMember,
    PackRow,
    ReviewPack,
)
from talent import audit, clock
from talent.audit import Actor
from talent.errors import InvalidInput, NotFound
from talent.reserve import evaluation
from talent.reserve.candidates import get_candidate
from talent.reserve.eligibility import age_on
from talent.reserve.ninebox import BOX_LABELS
from talent.reserve.policy import policy_path
from talent.reserve.pool import candidate_views
from talent.reserve.records import training_hours
from talent.roster.units import court_of, units_by_id

PACK_YEARS = 5
STATUS_LABELS = {
    "nominated": "已提名",
    "in_pool": "在库",
    "inspection": "考察对象",
    "appointed": "已使用",
    "removed": "撤销资格",
}
BAND_LABELS = {"ready_now": "可立即使用", "ready_1_2": "1-2年内可用", "ready_3_5": "3-5年内可用"}


def _cycle(session: Session, code: str | None) -> ReviewCycle | None:
    if code is None:
        return session.exec(
            select(ReviewCycle).order_by(
                col(ReviewCycle.review_date).desc(), col(ReviewCycle.id).desc()
            )
        ).first()
    cycle = session.exec(select(ReviewCycle).where(ReviewCycle.code == code)).first()
    if cycle is None:
        raise NotFound("cycle", code)
    return cycle


def _grades(session: Session, person_ids: list[int], years: range) -> dict[int, dict[int, str]]:
    found: dict[int, dict[int, str]] = defaultdict(dict)
    for a in evaluation.rows_for(session, Assessment, Assessment.person_id, person_ids):
        if a.year in years:
            found[a.person_id][a.year] = a.grade
    return found


def _open_candidates(session: Session) -> list[ReserveCandidate]:
    """Candidates nominated, in the pool or under inspection, by id."""
    return list(
        session.exec(
            select(ReserveCandidate)
            .where(col(ReserveCandidate.status).in_(OPEN_STATUSES))
            .order_by(col(ReserveCandidate.id))
        ).all()
    )


def pack_rows(session: Session, *, on: date, cycle: ReviewCycle | None) -> list[PackRow]:
    """One row per open candidate, highest readiness first (ties by candidate id)."""
    candidates = _open_candidates(session)
    views = candidate_views(session, candidates, on=on)
    person_ids = [c.person_id for c in candidates]
    ready = evaluation.readiness_map(session, on=on, include=person_ids)
    people = {p.id: p for p in evaluation.rows_for(session, Person, Person.id, person_ids)}
    units = units_by_id(session)
    years = range(on.year - PACK_YEARS, on.year)
    grades = _grades(session, person_ids, years)
    flags: dict[int, list[str]] = {}
    if cycle is not None:
        flags = {
            f.candidate_id: json.loads(f.reasons)
            for f in session.exec(select(CycleFlag).where(CycleFlag.cycle_id == cycle.id)).all()
        }
    rows = []
    for view in views:
        person = people[view.person_id]
        r = ready[view.person_id]
        rows.append(
            PackRow(
                candidate_id=view.id,
                person_id=view.person_id,
                staff_no=person.staff_no,
                name=person.name,
                court=units[court_of(units, person.unit_id)].name,
                unit=units[person.unit_id].name,
                gender=person.gender,
                age=age_on(person.birth_date, on) if person.birth_date else None,
                tier=person.tier,
                position=person.position,
                status=view.status,
                source=view.source,
                readiness=r.readiness,
                performance=r.performance,
                potential=r.potential,
                box=r.placement["box"],
                box_label=r.placement["box_label"],
                band_suggested=r.band,
                band=view.band,
                eligible=view.eligibility.eligible,
                reasons=view.eligibility.reasons,
                flagged=view.id in flags,
                flag_reasons=flags.get(view.id, []),
                grades={str(y): grades[view.person_id].get(y) for y in years},
                last_decision=view.last_decision,
            )
        )
    rows.sort(key=lambda row: (-row.readiness, row.candidate_id))
    return rows


def review_pack(
    session: Session, *, actor: Actor, cycle: str | None = None, on: date | None = None
) -> ReviewPack:
    """The pack as JSON; audited as an export of the pool's sensitive file."""
    found = _cycle(session, cycle)
    on = on or (found.review_date if found else clock.today())
    rows = pack_rows(session, on=on, cycle=found)
    audit.record(
        session,
        actor=actor,
        action="reserve.pack.export",
        entity="reserve_pool",
        after={"cycle": found.code if found else None, "on": on, "rows": len(rows)},
    )
    session.commit()
    return ReviewPack(
        on=on,
        cycle=found.code if found else None,
        policy_file=str(policy_path()),
        years=list(range(on.year - PACK_YEARS, on.year)),
        candidates=rows,
    )


PACK_COLUMNS: tuple[tuple[str, str], ...] = (
    ("candidate_id", "编号"),
    ("name", "姓名"),
    ("staff_no", "工号"),
    ("court", "法院"),
    ("unit", "部门"),
    ("gender", "性别"),
    ("age", "年龄"),
    ("position", "职务职级"),
    ("status", "状态"),
    ("readiness", "综合成熟度"),
    ("performance", "业绩"),
    ("potential", "潜力"),
    ("box", "九宫格"),
    ("band", "成熟度等级"),
    ("eligible", "符合条件"),
    ("reasons", "不符合的条件"),
    ("flag_reasons", "本轮退出提示"),
)


def _cell(key: str, row: PackRow) -> object:
    value = getattr(row, key)
    if key == "status":
        return STATUS_LABELS.get(value, value)
    if key == "gender":
        return {"male": "男", "female": "女"}.get(value or "", value)
    if key == "box":
        return f"{value} {BOX_LABELS[value]['zh']}"
    if key == "band":
        return BAND_LABELS.get(value, value)
    if key == "eligible":
        return "是" if value else "否"
    if key in ("reasons", "flag_reasons"):
        return "、".join(value)
    return value


def review_pack_xlsx(pack: ReviewPack) -> bytes:
    """The pack as a workbook: the pool table, then the last decision of each candidate."""
    book = Workbook()
    sheet = book.worksheets[0]  # the blank sheet a new workbook starts with
    sheet.title = "优秀年轻干部库"
    years = pack.years
    headers = (
        [label for _, label in PACK_COLUMNS]
        + [f"{y}年考核" for y in years]
        + [
            "上次决定",
            "决定说明",
        ]
    )
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    decisions = {"admit": "入库", "retain": "保留", "exit": "退出"}
    for row in pack.candidates:
        decision = row.last_decision
        sheet.append(
            [_cell(key, row) for key, _ in PACK_COLUMNS]
            + [GRADE_LABELS.get(row.grades[str(y)] or "", "") for y in years]
            + [
                f"{decision.cycle} {decisions[decision.decision]}" if decision else "",
                (decision.comment if decision else None) or "",
            ]
        )
    sheet.freeze_panes = "C2"
    about = book.create_sheet("说明")
    about.append(["评审日期", str(pack.on)])
    about.append(["评审轮次", pack.cycle or ""])
    about.append(["政策文件", pack.policy_file])
    about.append(["人数", len(pack.candidates)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def compare(
    session: Session, *, candidate_ids: list[int], actor: Actor, on: date | None = None
) -> Comparison:
    """Two to five candidates side by side, in the order asked."""
    if not 2 <= len(candidate_ids) <= 5 or len(set(candidate_ids)) != len(candidate_ids):
        raise InvalidInput("candidate_ids", "compare two to five different candidates")
    on = on or clock.today()
    candidates = [get_candidate(session, cid) for cid in candidate_ids]
    views = {v.id: v for v in candidate_views(session, candidates, on=on)}
    person_ids = [c.person_id for c in candidates]
    ready = evaluation.readiness_map(session, on=on, include=person_ids)
    confirmed = evaluation.confirmed_bands(session, person_ids)
    people = {p.id: p for p in evaluation.rows_for(session, Person, Person.id, person_ids)}
    years = range(on.year - PACK_YEARS, on.year)
    grades = _grades(session, person_ids, years)
    honours: dict[int, list[HonourPublic]] = defaultdict(list)
    for act in evaluation.rows_for(
        session, DevelopmentActivity, DevelopmentActivity.person_id, person_ids
    ):
        if act.kind in ("recognition", "award", "competition"):
            honours[act.person_id].append(
                HonourPublic(kind=act.kind, title=act.title, date=act.start_date, level=act.level)
            )
    out = []
    for c in candidates:
        p = people[c.person_id]
        r = ready[c.person_id]
        out.append(
            ComparedCandidate(
                candidate=views[c.id],
                age=age_on(p.birth_date, on) if p.birth_date else None,
                service_years=age_on(p.hire_date, on) if p.hire_date else None,
                position=p.position,
                readiness=evaluation.readiness_public(r, on, confirmed.get(c.person_id)),
                grades={str(y): grades[c.person_id].get(y) for y in years},
                training=training_hours(session, person_id=c.person_id, on=on),
                honours=honours[c.person_id],
            )
        )
    audit.record(
        session,
        actor=actor,
        action="reserve.compare",
        entity="reserve_pool",
        after={"candidate_ids": candidate_ids, "on": on},
    )
    session.commit()
    return Comparison(on=on, candidates=out)


def ninebox_grid(session: Session, *, on: date | None = None) -> NineBoxGrid:
    """The open candidates placed on the 9-box grid."""
    on = on or clock.today()
    candidates = _open_candidates(session)
    ready = evaluation.readiness_map(session, on=on, include=[c.person_id for c in candidates])
    people = {
        p.id: p
        for p in evaluation.rows_for(session, Person, Person.id, [c.person_id for c in candidates])
    }
    members: dict[int, list[NineBoxMember]] = {box: [] for box in BOX_LABELS}
    for c in candidates:
        r = ready[c.person_id]
        members[r.placement["box"]].append(
            NineBoxMember(
                candidate_id=c.id,
                person_id=c.person_id,
                name=people[c.person_id].name,
                performance=r.performance,
                potential=r.potential,
            )
        )
    boxes = [
        NineBoxCell(box=box, label=labels["zh"], label_en=labels["en"], candidates=members[box])
        for box, labels in BOX_LABELS.items()
    ]
    return NineBoxGrid(on=on, boxes=boxes)
