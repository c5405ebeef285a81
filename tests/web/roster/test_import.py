"""The roster import page through TestClient: upload, row-level errors, dry run, success,
the template downloads, CSRF and roles (both databases)."""

from __future__ import annotations

import io
import re

import pytest
from fastapi.testclient import TestClient
from openpyxl import Workbook, load_workbook
from sqlmodel import Session, func, select

from models import Person
from models.schemas import PersonPublic
from talent.roster import spreadsheet as roster_import
from tests.conftest import TEST_PASSWORD
from tests.web.conftest import csrf_of, log_in

API = "/api/v1"
GOOD_CSV = (
    "工号,姓名,单位,层级,带教名额\n"
    "N001,孙丽,乌海市中级人民法院/立案庭,书记员,\n"
    "S001,,,,4\n"  # the senior judge of the fixture: capacity 3 -> 4
).encode("utf-8-sig")
BAD_CSV = (
    "工号,姓名,单位,层级,出生日期\n"
    "N001,孙丽,乌海市中级人民法院/立案庭,书记员,1990-02-30\n"
    "N002,周强,不存在的法院,青年干警,\n"
    "N003,吴芳,乌海市中级人民法院/立案庭,第九层级,\n"
).encode()


def _people(session: Session) -> int:
    session.expire_all()
    return session.exec(select(func.count()).select_from(Person)).one()


def _upload(
    client: TestClient, token: str, content: bytes, name: str = "roster.csv", **fields: str
):
    return client.post(
        "/roster/import",
        data={"csrf_token": token, **fields},
        files={"file": (name, content, "text/csv")},
        follow_redirects=False,
    )


def _rows(html: str, testid: str) -> list[list[str]]:
    table = re.search(rf'data-testid="{testid}">(.*?)</table>', html, re.S)
    assert table, testid
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S)
        if "<td" in row
    ]


def test_the_form_is_multipart_with_csrf_and_the_roster_links_to_it(
    client: TestClient, users, org
) -> None:
    log_in(client, "planner", TEST_PASSWORD)
    html = client.get("/roster/import").text
    assert 'enctype="multipart/form-data"' in html
    assert 'name="file" type="file"' in html and 'name="csrf_token"' in html
    assert 'href="/roster/import/template.xlsx"' in html
    assert 'data-testid="import-link"' in client.get("/roster").text
    client.cookies.clear()
    log_in(client, "reviewer", TEST_PASSWORD)
    assert 'data-testid="import-link"' not in client.get("/roster").text


def test_a_file_with_errors_shows_every_row_and_writes_nothing(
    client: TestClient, session: Session, users, org
) -> None:
    token = log_in(client, "planner", TEST_PASSWORD)
    before = _people(session)
    response = _upload(client, token, BAD_CSV)
    assert response.status_code == 422
    assert "未导入任何人员" in response.text
    rows = _rows(response.text, "error-rows")
    assert [(row[0], row[1]) for row in rows] == [
        ("2", "出生日期"),
        ("3", "单位"),
        ("4", "层级"),
    ]
    assert all(row[2] for row in rows)
    assert "不存在的法院" in rows[1][2]
    assert _people(session) == before


def test_a_clean_file_is_imported_and_the_summary_follows_the_redirect(
    client: TestClient, session: Session, users, org
) -> None:
    token = log_in(client, "planner", TEST_PASSWORD)
    before = _people(session)
    response = _upload(client, token, GOOD_CSV)
    assert response.status_code == 303
    assert response.headers["location"] == "/roster/import"
    page = client.get("/roster/import").text
    assert "花名册已导入：新增 1 人，更新 1 人，0 人无变化。" in page
    assert 'data-testid="created">1<' in page and 'data-testid="updated">1<' in page
    assert _people(session) == before + 1
    added = session.exec(select(Person).where(Person.staff_no == "N001")).one()
    assert (added.name, added.tier, added.unit_id) == ("孙丽", 3, org["filing"])
    senior = PersonPublic.model_validate(session.get(Person, org["senior"]))
    assert senior.mentor_capacity == 4
    # The summary is shown once.
    assert 'data-testid="import-done"' not in client.get("/roster/import").text


def test_a_dry_run_counts_and_writes_nothing(
    client: TestClient, session: Session, users, org
) -> None:
    token = log_in(client, "planner", TEST_PASSWORD)
    before = _people(session)
    response = _upload(client, token, GOOD_CSV, dry_run="1")
    assert response.status_code == 200
    assert 'data-testid="import-check"' in response.text
    assert re.search(r"将新增</dt><dd>1<", response.text)
    assert 'name="dry_run" value="1" checked' in response.text
    assert _people(session) == before


def test_an_xlsx_roster_is_read_too(client: TestClient, session: Session, users, org) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["工号", "姓名", "单位", "层级"])
    sheet.append(["N010", "钱多多", "海勃湾区人民法院/民事审判庭", "青年干警"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    token = log_in(client, "planner", TEST_PASSWORD)
    response = _upload(client, token, buffer.getvalue(), name="roster.xlsx")
    assert response.status_code == 303
    added = session.exec(select(Person).where(Person.staff_no == "N010")).one()
    assert added.unit_id == org["district_civil"]


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        (None, "", "请选择要导入的花名册文件"),
        (b"", "empty.csv", "文件是空的"),
        (b"\x00\x01\x02binary\xff\xfe" * 50, "photo.csv", None),
    ],
)
def test_no_file_or_not_a_roster_is_an_error_next_to_the_field(
    client: TestClient, session: Session, users, org, content, name, expected
) -> None:
    token = log_in(client, "planner", TEST_PASSWORD)
    before = _people(session)
    if content is None:
        response = client.post("/roster/import", data={"csrf_token": token})
    else:
        response = _upload(client, token, content, name=name)
    assert response.status_code == 422
    error = re.search(r'<p class="field-error" id="err-file" role="alert">(.*?)</p>', response.text)
    assert error and error.group(1)
    if expected:
        assert expected in error.group(1)
    assert _people(session) == before


def test_without_the_csrf_field_nothing_is_imported(
    client: TestClient, session: Session, users, org
) -> None:
    log_in(client, "planner", TEST_PASSWORD)
    before = _people(session)
    response = client.post("/roster/import", files={"file": ("roster.csv", GOOD_CSV, "text/csv")})
    assert response.status_code == 403
    assert _people(session) == before


def test_the_templates_are_the_apis(client: TestClient, users, org, auth_headers) -> None:
    log_in(client, "planner", TEST_PASSWORD)
    xlsx = client.get("/roster/import/template.xlsx")
    assert xlsx.status_code == 200
    assert xlsx.headers["content-type"] == roster_import.TEMPLATE_MEDIA_TYPES["xlsx"]
    assert "attachment" in xlsx.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    headers = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    assert headers == roster_import.template_headers("zh")
    page_csv = client.get("/roster/import/template.csv")
    api_csv = client.get(
        f"{API}/people/import/template", params={"format": "csv"}, headers=auth_headers["planner"]
    )
    assert page_csv.content == api_csv.content
    english = client.get("/roster/import/template.csv", params={"lang": "en"})
    assert english.content.decode("utf-8-sig").startswith(roster_import.template_headers("en")[0])


@pytest.mark.parametrize("role", ["mentor", "reviewer"])
def test_only_planners_and_admins_import(
    client: TestClient, session: Session, users, org, role: str
) -> None:
    log_in(client, role, TEST_PASSWORD)
    token = csrf_of(client.get("/").text)
    before = _people(session)
    assert client.get("/roster/import").status_code == 403
    assert client.get("/roster/import/template.xlsx").status_code == 403
    assert _upload(client, token, GOOD_CSV).status_code == 403
    assert _people(session) == before
