"""POST /api/v1/people/import and GET /api/v1/people/import/template."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import openpyxl
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, func, select

import models
from api.routers import roster_import as roster_import_router
from talent.roster import spreadsheet as ri
from tests.roster_files import ZH_HEADER, csv_bytes, person_row, xlsx_bytes

IMPORT = "/api/v1/people/import"
TEMPLATE = "/api/v1/people/import/template"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def app(app: FastAPI) -> FastAPI:
    """The app, with the import router mounted as api/main.py mounts it (until it does)."""
    mounted = any(
        getattr(route, "original_router", None) is roster_import_router.router
        or getattr(route, "path", None) == IMPORT
        for route in app.routes
    )
    if not mounted:
        app.include_router(roster_import_router.router, prefix="/api/v1")
    return app


def upload(
    content: bytes, name: str = "roster.csv", media: str = "text/csv"
) -> dict[str, tuple[str, bytes, str]]:
    return {"file": (name, content, media)}


def people_count(session: Session) -> int:
    session.expire_all()
    return session.exec(select(func.count()).select_from(models.Person)).one()


def audit_count(session: Session) -> int:
    return session.exec(select(func.count()).select_from(models.AuditEvent)).one()


def test_planner_imports_a_roster(
    client: TestClient, auth_headers: dict, session: Session, org: dict
) -> None:
    content = csv_bytes(
        [person_row("T1"), person_row("T2", unit="乌海市中级人民法院/立案庭", tier="书记员")]
    )
    response = client.post(IMPORT, files=upload(content), headers=auth_headers["planner"])
    assert response.status_code == 200, response.text
    body = response.json()
    assert {k: body[k] for k in ("created", "updated", "errors", "dry_run")} == {
        "created": 2,
        "updated": 0,
        "errors": [],
        "dry_run": False,
    }
    listed = client.get(
        "/api/v1/people", params={"q": "T2"}, headers=auth_headers["planner"]
    ).json()
    assert [(p["staff_no"], p["unit_id"], p["tier"]) for p in listed] == [("T2", org["filing"], 3)]


def test_admin_imports_an_xlsx_with_date_cells(
    client: TestClient, auth_headers: dict, session: Session, org: dict
) -> None:
    content = xlsx_bytes(
        [
            [
                2024001,
                "韩梅",
                "女",
                "海勃湾区人民法院/民事审判庭",
                None,
                2,
                date(1993, 6, 1),
                None,
                None,
            ]
        ]
    )
    response = client.post(
        IMPORT, files=upload(content, "花名册.xlsx", XLSX), headers=auth_headers["admin"]
    )
    assert response.status_code == 200 and response.json()["created"] == 1, response.text
    person = session.exec(select(models.Person).where(models.Person.staff_no == "2024001")).one()
    assert (person.birth_date, person.unit_id) == (date(1993, 6, 1), org["district_civil"])


def test_dry_run_counts_the_same_and_writes_nothing(
    client: TestClient, auth_headers: dict, session: Session, org: dict
) -> None:
    content = csv_bytes([person_row("T1"), person_row("S001", name="王建国", tier=1)])
    before = (people_count(session), audit_count(session))
    dry = client.post(
        IMPORT, params={"dry_run": "true"}, files=upload(content), headers=auth_headers["planner"]
    )
    assert dry.status_code == 200 and dry.json()["dry_run"] is True
    assert (people_count(session), audit_count(session)) == before
    real = client.post(IMPORT, files=upload(content), headers=auth_headers["planner"]).json()
    assert {**dry.json(), "dry_run": False} == real
    assert (real["created"], real["updated"]) == (1, 1)


def test_bad_date_in_row_7_and_unknown_unit_in_row_12_write_nothing(
    client: TestClient, auth_headers: dict, session: Session, org: dict
) -> None:
    rows = [person_row(f"T{i}") for i in range(2, 13)]
    rows[7 - 2] = person_row("T7", birth="1988/2/30")
    rows[12 - 2] = person_row("T12", unit="知识产权审判庭")
    before = (people_count(session), audit_count(session))
    response = client.post(IMPORT, files=upload(csv_bytes(rows)), headers=auth_headers["planner"])
    assert response.status_code == 200
    body = response.json()
    assert [(e["row"], e["field"]) for e in body["errors"]] == [(7, "birth_date"), (12, "unit")]
    assert body["errors"][0]["message"].startswith("出生日期“1988/2/30”不是有效日期")
    assert body["errors"][1]["message"].startswith("单位“知识产权审判庭”不存在")
    assert (body["created"], body["updated"]) == (0, 0)
    assert (people_count(session), audit_count(session)) == before


@pytest.mark.parametrize(
    ("params", "headers"),
    [({"lang": "en"}, {}), ({}, {"Accept-Language": "en-GB,en;q=0.9"})],
)
def test_messages_follow_the_request_language(
    client: TestClient, auth_headers: dict, org: dict, params: dict, headers: dict
) -> None:
    content = csv_bytes([person_row("T1", unit="立案"), person_row("T2", tier="九")])
    response = client.post(
        IMPORT, params=params, files=upload(content), headers={**auth_headers["planner"], **headers}
    )
    messages = [e["message"] for e in response.json()["errors"]]
    assert messages == [
        "unit '立案' does not exist; did you mean: 立案庭",
        "tier '九' is not recognised; use 1, 2 or 3 (or senior / young staff / clerk)",
    ]


def test_an_ambiguous_unit_names_the_candidates(
    client: TestClient, auth_headers: dict, session: Session, org: dict
) -> None:
    session.add(models.Unit(name="立案庭", kind="department", parent_id=org["district"]))
    session.commit()
    response = client.post(
        IMPORT,
        files=upload(csv_bytes([person_row("T1", unit="立案庭")])),
        headers=auth_headers["planner"],
    )
    [error] = response.json()["errors"]
    assert error["field"] == "unit"
    assert "乌海市中级人民法院/立案庭、海勃湾区人民法院/立案庭" in error["message"]
    fixed = client.post(
        IMPORT,
        files=upload(csv_bytes([person_row("T1", unit="海勃湾区人民法院/立案庭")])),
        headers=auth_headers["planner"],
    )
    assert fixed.json()["created"] == 1


def test_unknown_columns_come_back_as_warnings(
    client: TestClient, auth_headers: dict, org: dict
) -> None:
    content = csv_bytes([[*person_row("T1"), "x"]], header=[*ZH_HEADER, "政治面貌"])
    body = client.post(
        IMPORT, params={"lang": "en"}, files=upload(content), headers=auth_headers["planner"]
    ).json()
    assert body["created"] == 1
    assert body["warnings"] == [
        {"row": 1, "field": "政治面貌", "message": "unknown column '政治面貌' was ignored"}
    ]


def test_the_people_routes_still_answer_beside_the_import(
    client: TestClient, auth_headers: dict, org: dict
) -> None:
    person = client.get(f"/api/v1/people/{org['senior']}", headers=auth_headers["planner"])
    assert person.status_code == 200 and person.json()["staff_no"] == "S001"
    assert client.get("/api/v1/people/import", headers=auth_headers["planner"]).status_code in (
        405,
        422,
    )


# --- who may ------------------------------------------------------------------------------
def test_import_and_template_need_a_token(client: TestClient, org: dict) -> None:
    assert client.post(IMPORT, files=upload(csv_bytes([person_row("T1")]))).status_code == 401
    assert client.get(TEMPLATE).status_code == 401


@pytest.mark.parametrize("role", ["mentor", "reviewer"])
def test_other_roles_may_not_import(
    client: TestClient, auth_headers: dict, session: Session, role: str
) -> None:
    before = people_count(session)
    response = client.post(
        IMPORT, files=upload(csv_bytes([person_row("T1")])), headers=auth_headers[role]
    )
    assert response.status_code == 403
    assert client.get(TEMPLATE, headers=auth_headers[role]).status_code == 403
    assert people_count(session) == before


# --- malformed requests and hostile content ----------------------------------------------
def test_no_file_is_422_naming_file(client: TestClient, auth_headers: dict) -> None:
    for kwargs in ({}, {"data": {"other": "x"}}, {"json": {"file": "x"}}):
        response = client.post(IMPORT, headers=auth_headers["planner"], **kwargs)
        assert response.status_code == 422
        assert any(detail["loc"][-1] == "file" for detail in response.json()["detail"]), (
            response.text
        )


def test_a_bad_dry_run_flag_is_422_naming_it(client: TestClient, auth_headers: dict) -> None:
    response = client.post(
        IMPORT,
        params={"dry_run": "perhaps"},
        files=upload(csv_bytes([person_row("T1")])),
        headers=auth_headers["planner"],
    )
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == [
        "query",
        "dry_run",
    ]


def _zip_of_nonsense() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<nonsense")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "status"),
    [
        (b"", 422),
        (bytes(range(256)) * 64, 422),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), 422),
        (b"PK\x03\x04" + bytes(300), 422),
        (_zip_of_nonsense(), 422),
        ("%PDF-1.7 姓名 单位".encode(), 422),
        (csv_bytes([]), 200),
        (csv_bytes([[*person_row("T1")[:-1], "9" * 100_000]]), 200),
        (csv_bytes([[*person_row("T1")[:-1], "带" * 300_000]]), 200),
        (csv_bytes([["T1", "专" * 70, "?", 12.5, "", "x", "1e9", "2", "many"]]), 200),
        (csv_bytes([person_row("T1"), person_row("T1"), person_row("T1")]), 200),
        (csv_bytes([person_row("T1")]) + b'"unterminated,quote\n' * 3, 200),
        (
            csv_bytes([["A" * 40, "张三", "男", "1e999", "", "0x3", "-1985-01-01", "NaN", "inf"]]),
            200,
        ),
    ],
    ids=[
        "empty",
        "binary",
        "old-xls",
        "broken-zip",
        "zip-not-workbook",
        "pdf-like",
        "header-only",
        "huge-number",
        "huge-cell",
        "wrong-types",
        "duplicate-staff-no",
        "stray-quote",
        "odd-values",
    ],
)
def test_no_content_gives_a_500_and_none_writes_anything_when_wrong(
    client: TestClient, auth_headers: dict, session: Session, org: dict, content: bytes, status: int
) -> None:
    before = people_count(session)
    response = client.post(IMPORT, files=upload(content), headers=auth_headers["planner"])
    assert response.status_code == status, response.text
    body = response.json()
    if status == 422:
        assert body["detail"][0]["loc"] == ["body", "file"] and body["detail"][0]["msg"]
    elif content != csv_bytes([]):
        assert body["errors"] and all(
            e["row"] >= 1 and e["field"] and e["message"] for e in body["errors"]
        )
    else:
        assert (body["created"], body["errors"]) == (0, []) and body["warnings"][0][
            "message"
        ] == "文件中没有数据行"
    assert people_count(session) == before


def test_duplicate_staff_no_in_one_file_names_the_first_row(
    client: TestClient, auth_headers: dict, org: dict
) -> None:
    content = csv_bytes([person_row("T1"), person_row("T2"), person_row("T1")])
    body = client.post(
        IMPORT, params={"lang": "en"}, files=upload(content), headers=auth_headers["planner"]
    ).json()
    assert body["errors"] == [
        {"row": 4, "field": "staff_no", "message": "staff number T1 already appears in row 2"}
    ]


def test_a_file_over_10_mb_is_413(
    client: TestClient, auth_headers: dict, session: Session, org: dict
) -> None:
    content = csv_bytes([person_row("T1")]) + b"," * (ri.MAX_FILE_BYTES + 1)
    response = client.post(
        IMPORT, params={"lang": "en"}, files=upload(content), headers=auth_headers["planner"]
    )
    assert response.status_code == 413
    assert (
        response.json()["detail"]
        == "the file is too large: at most 10 MB; split it and import the parts"
    )


# --- the template ------------------------------------------------------------------------
def test_template_xlsx_by_default_with_chinese_headers(
    client: TestClient, auth_headers: dict
) -> None:
    response = client.get(TEMPLATE, headers=auth_headers["planner"])
    assert response.status_code == 200
    assert response.headers["content-type"] == XLSX
    assert "attachment" in response.headers["content-disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    assert headers[:11] == [
        "工号",
        "姓名",
        "性别",
        "单位",
        "职务",
        "层级",
        "出生日期",
        "入职日期",
        "专长",
        "发展目标",
        "带教名额",
    ]


def test_template_csv_in_english(client: TestClient, auth_headers: dict) -> None:
    response = client.get(
        TEMPLATE, params={"format": "csv", "lang": "en"}, headers=auth_headers["admin"]
    )
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert response.content.decode("utf-8-sig").splitlines() == [
        ",".join(ri.template_headers("en"))
    ]


def test_unknown_template_format_is_422_naming_format(
    client: TestClient, auth_headers: dict
) -> None:
    response = client.get(TEMPLATE, params={"format": "pdf"}, headers=auth_headers["planner"])
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == [
        "query",
        "format",
    ]


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_a_filled_in_template_imports(
    client: TestClient, auth_headers: dict, session: Session, org: dict, file_format: str
) -> None:
    blank = client.get(
        TEMPLATE, params={"format": file_format}, headers=auth_headers["planner"]
    ).content
    if file_format == "xlsx":
        workbook = openpyxl.load_workbook(io.BytesIO(blank))
        workbook.worksheets[0].append(
            [
                "T9",
                "林涛",
                "男",
                "立案庭",
                "法官助理",
                "青年干警",
                date(1994, 2, 3),
                "2019年7月1日",
                "立案",
                "提笔能写",
                1,
                "否",
                "否",
                "是",
            ]
        )
        buffer = io.BytesIO()
        workbook.save(buffer)
        filled = buffer.getvalue()
    else:
        row = "T9,林涛,男,立案庭,法官助理,青年干警,1994-02-03,2019年7月1日,立案,提笔能写,1,否,否,是"
        filled = blank + f"{row}\r\n".encode()
    response = client.post(
        IMPORT, files=upload(filled, f"roster.{file_format}"), headers=auth_headers["planner"]
    )
    assert response.json()["created"] == 1, response.text
    person = session.exec(select(models.Person).where(models.Person.staff_no == "T9")).one()
    assert (person.unit_id, person.tier, person.hire_date, person.active) == (
        org["filing"],
        2,
        date(2019, 7, 1),
        True,
    )
