"""Review pack (JSON and XLSX), comparison, the cadre information sheet (DOCX), the
9-box grid, composition, star selection and an age-out flag at a new cycle."""

from __future__ import annotations

import io
from datetime import date

from docx import Document
from openpyxl import load_workbook
from sqlmodel import Session, col, select

from models import AuditEvent, Person
from tests.api.reserve.conftest import API, TODAY, nominate, review


def test_review_pack_json_and_xlsx(client, auth_headers, admitted, org, session: Session) -> None:
    reviewer = auth_headers["reviewer"]
    other = nominate(client, reviewer, org["clerk"])  # nominated, not eligible
    pack = client.get(f"{API}/reserve/review-pack", headers=reviewer)
    assert pack.status_code == 200
    body = pack.json()
    assert body["cycle"] == str(TODAY.year) and body["years"] == list(
        range(TODAY.year - 5, TODAY.year)
    )
    rows = {r["candidate_id"]: r for r in body["candidates"]}
    assert set(rows) == {admitted["id"], other["id"]}
    mine = rows[admitted["id"]]
    assert mine["status"] == "in_pool" and mine["eligible"] is True and mine["reasons"] == []
    assert mine["last_decision"]["decision"] == "admit"
    assert [mine["grades"][str(y)] for y in body["years"]] == [
        None,
        None,
        "excellent",
        "competent",
        "excellent",
    ]
    assert rows[other["id"]]["reasons"] == ["tier", "assessment_grades"]
    readiness = [r["readiness"] for r in body["candidates"]]
    assert readiness == sorted(readiness, reverse=True)

    xlsx = client.get(f"{API}/reserve/review-pack", params={"format": "xlsx"}, headers=reviewer)
    assert xlsx.status_code == 200 and xlsx.headers["content-type"].startswith(
        "application/vnd.openxmlformats"
    )
    sheet = load_workbook(io.BytesIO(xlsx.content))["优秀年轻干部库"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["编号", "姓名", "工号"] and f"{TODAY.year - 1}年考核" in header
    assert "上次决定" in header
    values = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert values[admitted["id"]][header.index("状态")] == "在库"
    assert values[admitted["id"]][header.index(f"{TODAY.year - 1}年考核")] == "优秀"
    assert values[other["id"]][header.index("符合条件")] == "否"
    for params, status in (({"format": "pdf"}, 422), ({"cycle": "1999"}, 404)):
        pack = client.get(f"{API}/reserve/review-pack", params=params, headers=reviewer)
        assert pack.status_code == status, params
    exports = session.exec(
        select(AuditEvent).where(AuditEvent.action == "reserve.pack.export")
    ).all()
    assert len(exports) == 2


def test_compare_two_to_five(client, auth_headers, admitted, org) -> None:
    reviewer = auth_headers["reviewer"]
    other = nominate(client, reviewer, org["young2"])
    compared = client.get(
        f"{API}/reserve/compare",
        params={"candidate_ids": [other["id"], admitted["id"]]},
        headers=reviewer,
    )
    assert compared.status_code == 200
    side = compared.json()["candidates"]
    assert [c["candidate"]["id"] for c in side] == [other["id"], admitted["id"]]
    assert side[1]["grades"][str(TODAY.year - 1)] == "excellent"
    assert set(side[1]["readiness"]["breakdown"]) == {"performance", "potential"}
    assert len(side[0]["training"]) == 3
    one = client.get(
        f"{API}/reserve/compare", params={"candidate_ids": [admitted["id"]]}, headers=reviewer
    )
    assert one.status_code == 422 and "candidate_ids" in str(one.json()["detail"])
    same = client.get(
        f"{API}/reserve/compare", params={"candidate_ids": [admitted["id"]] * 2}, headers=reviewer
    )
    assert same.status_code == 422
    missing = client.get(
        f"{API}/reserve/compare", params={"candidate_ids": [admitted["id"], 999]}, headers=reviewer
    )
    assert missing.status_code == 404


def test_cadre_information_sheet_docx(client, auth_headers, admitted, session: Session) -> None:
    reviewer = auth_headers["reviewer"]
    person = admitted["person_id"]
    client.post(
        f"{API}/reserve/people/{person}/activities",
        json={"kind": "training", "title": "政治轮训班", "start_date": "2025-04-01", "hours": 32},
        headers=reviewer,
    )
    client.post(
        f"{API}/reserve/people/{person}/political-entries",
        json={"entry_date": "2025-06-01", "kind": "talk", "item": "不应出现在采集表上的谈话记录"},
        headers=reviewer,
    )
    response = client.get(f"{API}/reserve/people/{person}/sheet", headers=reviewer)
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "干部信息采集表" in text and "三、年度考核" in text and "五、奖励与荣誉" in text
    assert admitted["name"] in cells and "优秀" in cells and "政治轮训班" in cells
    assert "谈话记录" not in cells + text  # the political file stays out of the sheet
    logged = session.exec(
        select(AuditEvent).where(AuditEvent.action == "reserve.sheet.export")
    ).all()
    assert [(e.actor_name, e.entity_id) for e in logged] == [("reviewer", str(person))]
    assert client.get(f"{API}/reserve/people/999/sheet", headers=reviewer).status_code == 404


def test_ninebox_composition_and_readiness(client, auth_headers, admitted) -> None:
    reviewer = auth_headers["reviewer"]
    grid = client.get(f"{API}/reserve/ninebox", headers=reviewer).json()
    assert [b["box"] for b in grid["boxes"]] == list(range(1, 10))
    placed = [c["candidate_id"] for b in grid["boxes"] for c in b["candidates"]]
    assert placed == [admitted["id"]]
    composition = client.get(f"{API}/reserve/composition", headers=reviewer).json()
    assert composition["size"] == 1
    assert composition["by_court"] == [{"key": "乌海市中级人民法院", "count": 1}]
    assert composition["by_age_band"] == [{"key": "30-34", "count": 1}]
    readiness = client.get(
        f"{API}/reserve/people/{admitted['person_id']}/readiness", headers=reviewer
    )
    body = readiness.json()
    assert body["cohort_size"] == 4  # the active tier-1/2 people of the org fixture
    assert 1 <= body["box"] <= 9 and body["band"] == body["band_confirmed"]


def test_stars_rank_with_breakdown(client, auth_headers, org) -> None:
    reviewer = auth_headers["reviewer"]
    year = TODAY.year - 1
    for key, rate in (("young", 0.98), ("young2", 0.85)):
        client.post(
            f"{API}/reserve/people/{org[key]}/case-metrics",
            json={
                "period": str(year),
                "cases_closed": 150,
                "on_time_rate": rate,
                "acceptance_rate": rate,
                "reversal_rate": 1 - rate,
                "public_satisfaction": rate,
            },
            headers=reviewer,
        )
        client.post(
            f"{API}/reserve/people/{org[key]}/political-entries",
            json={
                "entry_date": f"{year}-12-15",
                "kind": "annual_review",
                "item": "年度政治素质考察",
                "score": 100 * rate,
            },
            headers=reviewer,
        )
    ranked = client.get(f"{API}/reserve/stars", params={"year": year, "tier": 2}, headers=reviewer)
    assert ranked.status_code == 200
    rows = ranked.json()
    assert [r["person_id"] for r in rows] == [org["young"], org["young2"]]
    assert rows[0]["score"] == 1.0 and set(rows[0]["breakdown"]) == {"political", "case", "public"}
    assert client.get(f"{API}/reserve/stars", headers=reviewer).status_code == 422


def test_a_member_who_ages_out_is_flagged_at_the_next_cycle(
    client, auth_headers, admitted, session: Session
) -> None:
    reviewer = auth_headers["reviewer"]
    person = session.get(Person, admitted["person_id"])
    assert person is not None
    person.birth_date = date(TODAY.year - 41, 1, 1)  # over the policy's 40 by now
    session.add(person)
    session.commit()
    cycle = client.post(f"{API}/reserve/cycles", json={"code": f"{TODAY.year}-Z"}, headers=reviewer)
    assert [(f["candidate_id"], f["reasons"]) for f in cycle.json()["flags"]] == [
        (admitted["id"], ["age"])
    ]
    kept = review(
        client, reviewer, admitted["id"], f"{TODAY.year}-Z", "retain", comment="破格保留：业务骨干"
    )
    assert kept.status_code == 201 and kept.json()["flagged"] and kept.json()["status"] == "in_pool"
    flags = session.exec(
        select(AuditEvent).where(col(AuditEvent.action) == "reserve.cycle.flag")
    ).all()
    assert len(flags) == 1
