"""The cadre information sheet (干部信息采集表) of one person as DOCX, for the file:
profile, posts, assessments, training and recognitions. The political file is not on it.
Made with python-docx; every download is audited."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.shared import Pt
from sqlmodel import Session, col, select

from models.reserve import GRADE_LABELS, Assessment, DevelopmentActivity, KeyPost, PostBackup
from talent import audit, clock
from talent.audit import Actor
from talent.reserve.eligibility import age_on
from talent.roster.people import get_person
from talent.roster.units import court_of, units_by_id

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
KIND_LABELS = {
    "training": "培训",
    "secondment": "挂职",
    "paired_support": "对口支援",
    "competition": "竞赛",
    "award": "表彰奖励",
    "recognition": "称号",
}
ROLE_LABELS = {"A": "A角", "B": "B角", "emergency": "应急顶岗"}


def _table(document: DocxDocument, headers: list[str], rows: Sequence[Sequence[object]]) -> None:
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for values in rows or [["无"] + [""] * (len(headers) - 1)]:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = "" if value is None else str(value)


def _chinese_font(document: DocxDocument) -> None:
    style = document.styles["Normal"]
    style.font.name = "SimSun"
    style.font.size = Pt(10.5)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")


def cadre_sheet(session: Session, *, person_id: int, actor: Actor, on: date | None = None) -> bytes:
    """The sheet as DOCX bytes."""
    on = on or clock.today()
    person = get_person(session, person_id)
    units = units_by_id(session)
    assessments = session.exec(
        select(Assessment).where(Assessment.person_id == person_id).order_by(col(Assessment.year))
    ).all()
    activities = session.exec(
        select(DevelopmentActivity)
        .where(DevelopmentActivity.person_id == person_id)
        .order_by(col(DevelopmentActivity.start_date), col(DevelopmentActivity.id))
    ).all()
    held = session.exec(select(KeyPost).where(KeyPost.holder_id == person_id)).all()
    backing = session.exec(
        select(PostBackup, KeyPost)
        .join(KeyPost, col(KeyPost.id) == PostBackup.post_id)
        .where(PostBackup.person_id == person_id)
    ).all()

    document = Document()
    _chinese_font(document)
    document.add_heading("干部信息采集表", level=0)
    document.add_paragraph(f"填表日期：{on.isoformat()}")
    court = units[court_of(units, person.unit_id)].name
    gender = {"male": "男", "female": "女"}.get(person.gender or "", "")
    profile: list[list[object]] = [
        ["姓名", person.name, "性别", gender],
        [
            "出生日期",
            person.birth_date,
            "年龄",
            age_on(person.birth_date, on) if person.birth_date else "",
        ],
        [
            "参加工作",
            person.hire_date,
            "工龄",
            age_on(person.hire_date, on) if person.hire_date else "",
        ],
        ["单位", f"{court} {units[person.unit_id].name}", "职务职级", person.position or ""],
        ["工号", person.staff_no, "层级", {1: "资深法官", 2: "青年干警", 3: "书记员"}[person.tier]],
    ]
    document.add_heading("一、基本情况", level=1)
    table = document.add_table(rows=0, cols=4)
    table.style = "Table Grid"
    for values in profile:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = "" if value is None else str(value)

    document.add_heading("二、岗位", level=1)
    posts = [[person.position or "", f"{court} {units[person.unit_id].name}", "现任"]]
    posts += [[p.title, units[p.unit_id].name, "关键岗位在岗"] for p in held]
    posts += [[p.title, units[p.unit_id].name, ROLE_LABELS[b.role]] for b, p in backing]
    posts += [
        [
            a.title,
            units[a.host_unit_id].name if a.host_unit_id else (a.organiser or ""),
            f"{KIND_LABELS[a.kind]} {a.start_date}至{a.end_date or '今'}",
        ]
        for a in activities
        if a.kind in ("secondment", "paired_support")
    ]
    _table(document, ["岗位", "单位", "说明"], posts)

    document.add_heading("三、年度考核", level=1)
    _table(
        document,
        ["年度", "等次", "共性指标", "个性指标"],
        [[a.year, GRADE_LABELS[a.grade], a.common_score, a.post_score] for a in assessments],
    )

    document.add_heading("四、教育培训", level=1)
    _table(
        document,
        ["日期", "项目", "学时", "主办"],
        [[a.start_date, a.title, a.hours, a.organiser] for a in activities if a.kind == "training"],
    )

    document.add_heading("五、奖励与荣誉", level=1)
    honours = [
        [a.start_date, KIND_LABELS[a.kind], a.title, a.result or a.level or ""]
        for a in activities
        if a.kind in ("recognition", "award", "competition")
    ]
    if person.is_business_leader:
        honours.append(["", "称号", "审判业务带头人", ""])
    if person.is_expert_judge:
        honours.append(["", "称号", "专家型法官", ""])
    _table(document, ["日期", "类别", "名称", "等级/名次"], honours)

    audit.record(
        session,
        actor=actor,
        action="reserve.sheet.export",
        entity="person",
        entity_id=person_id,
        after={"on": on},
    )
    session.commit()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
