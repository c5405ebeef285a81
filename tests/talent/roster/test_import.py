"""The roster import: reading files, parsing cells, resolving units, checking and applying rows."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlmodel import Session, func, select
from typer.testing import CliRunner

import models
from talent import audit, clock
from talent.audit import Actor
from talent.cli import app as cli_app
from talent.errors import InvalidInput, RuleViolation
from talent.roster import importing as roster_service
from talent.roster import spreadsheet as ri
from talent.roster.importing import import_roster
from talent.roster.spreadsheet import reading
from tests.roster_files import ZH_HEADER, csv_bytes, person_row, xlsx_bytes

ACTOR = Actor(None, "test")

UNITS = ri.UnitDirectory(
    [
        ri.UnitRecord(1, "乌海市中级人民法院", None, "Wuhai Intermediate People's Court"),
        ri.UnitRecord(2, "民事审判第一庭", 1),
        ri.UnitRecord(3, "立案庭", 1),
        ri.UnitRecord(4, "海勃湾区人民法院", 1),
        ri.UnitRecord(5, "立案庭", 4),
        ri.UnitRecord(6, "乌达区人民法院", 1),
        ri.UnitRecord(7, "立案庭", 6),
    ]
)


def check(content: bytes, known: dict[str, ri.KnownPerson] | None = None) -> ri.RosterCheck:
    return ri.check_roster(ri.read_table(content), units=UNITS, known=known or {})


# --- headers -----------------------------------------------------------------------------
def test_every_alias_names_exactly_its_own_column() -> None:
    for column in ri.COLUMNS:
        for alias in (column.key, column.zh, column.en, *column.aliases):
            assert ri.HEADER_ALIASES[ri.header_key(alias)] == column.key, alias


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("工号", "staff_no"),
        ("staff_no", "staff_no"),
        ("Staff No.", "staff_no"),
        ("工号*", "staff_no"),
        ("工号（必填）", "staff_no"),
        ("ＳＴＡＦＦ＿ＮＯ", "staff_no"),
        ("人员编号", "staff_no"),
        ("出生日期(yyyy-mm-dd)", "birth_date"),
        ("出生年月", "birth_date"),
        ("Date of Birth", "birth_date"),
        ("参加工作时间", "hire_date"),
        ("单位/部门", "unit"),
        ("Unit ID", "unit"),
        ("梯队", "tier"),
        ("带教人数", "mentor_capacity"),
        ("审判业务带头人", "is_business_leader"),
        ("专家型法官", "is_expert_judge"),
        ("发展目标", "goals"),
        ("在职", "active"),
    ],
)
def test_header_variants_map_to_columns(header: str, key: str) -> None:
    assert ri.HEADER_ALIASES[ri.header_key(header)] == key


def test_unknown_column_is_one_warning_and_row_number_column_is_silent() -> None:
    content = csv_bytes(
        [["1", *person_row("T1"), "备注甲"], ["2", *person_row("T2"), "备注乙"]],
        header=["序号", *ZH_HEADER, "备注"],
    )
    result = check(content)
    assert result.errors == []
    assert [(w.row, w.field, w.code) for w in result.warnings] == [(1, "备注", "unknown_column")]
    assert [row.staff_no for row in result.rows] == ["T1", "T2"]


def test_values_under_no_header_are_warned_about() -> None:
    content = csv_bytes([[*person_row("T1"), "", "stray"]], header=[*ZH_HEADER, ""])
    warnings = check(content).warnings
    assert [(w.code, w.params["letter"]) for w in warnings] == [("unnamed_column", "K")]


def test_two_columns_for_one_field_is_an_error_on_the_header_row() -> None:
    result = check(csv_bytes([[*person_row("T1"), "王五"]], header=[*ZH_HEADER, "name"]))
    assert [(e.row, e.field, e.code) for e in result.errors] == [(1, "name", "duplicate_column")]
    assert "姓名" in result.errors[0].message("zh") and "name" in result.errors[0].message("en")


# --- reading files -----------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_csv_encodings_read_the_same(encoding: str) -> None:
    rows = [
        person_row("T1", name="欧阳娜娜"),
        person_row("T2", name="王建国", unit="乌海市中级人民法院/立案庭"),
    ]
    table = ri.read_table(csv_bytes(rows, encoding=encoding))
    assert [cells["name"] for _, cells in table.rows] == ["欧阳娜娜", "王建国"]
    assert table.headers["staff_no"] == "工号"


@pytest.mark.parametrize("delimiter", ["\t", ";"])
def test_tab_and_semicolon_separated_files(delimiter: str) -> None:
    text = delimiter.join(ZH_HEADER) + "\r\n" + delimiter.join(map(str, person_row("T1"))) + "\r\n"
    result = check(text.encode("utf-8"))
    assert result.errors == [] and result.rows[0].values["unit_id"] == 2


def test_row_numbers_are_the_spreadsheet_rows_even_below_a_title_and_across_blank_rows() -> None:
    text = "乌海市中级人民法院干警花名册,,,,,,,,\r\n" + csv_bytes(
        [
            person_row("T1"),
            ["", "", "", "", "", "", "", "", ""],
            person_row("T2", birth="1990-02-30"),
        ]
    ).decode("utf-8-sig")
    table = ri.read_table(text.encode("utf-8"))
    assert table.header_row == 2
    assert [row for row, _ in table.rows] == [3, 5]
    errors = ri.check_roster(table, units=UNITS, known={}).errors
    assert [(e.row, e.field) for e in errors] == [(5, "birth_date")]


def test_a_quoted_cell_with_a_line_break_is_one_row() -> None:
    content = csv_bytes([person_row("T1"), person_row("T2")], header=ZH_HEADER)
    content = content.replace("法官助理".encode(), '"法官\n助理"'.encode(), 1)
    assert [row for row, _ in ri.read_table(content).rows] == [2, 3]


def test_xlsx_cells_keep_their_types() -> None:
    rows = [
        [
            1001,
            "张伟",
            "男",
            "民事审判第一庭",
            "审判员",
            1.0,
            datetime(1975, 4, 3),
            date(1998, 8, 1),
            3,
        ],
        [None] * 9,
        ["1002", "李娜", "女", 3, None, "书记员", "1999年12月1日", 43_000, None],
    ]
    table = ri.read_table(xlsx_bytes(rows))
    assert [row for row, _ in table.rows] == [2, 4]
    result = ri.check_roster(table, units=UNITS, known={})
    assert result.errors == []
    first, second = result.rows
    assert first.staff_no == "1001" and first.values["tier"] == 1
    assert first.values["birth_date"] == date(1975, 4, 3) and first.values["mentor_capacity"] == 3
    assert second.values["unit_id"] == 3 and second.values["tier"] == 3
    assert second.values["hire_date"] == date(2017, 9, 22)  # Excel serial 43000


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "empty_file"),
        (b"\xef\xbb\xbf\r\n  \r\n", "empty_file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old_xls"),
        (b"PK\x03\x04 this is not really a zip", "bad_xlsx"),
        (bytes(range(256)) * 4, "not_table"),
        (b"\x81\xff\xfe\x80 not any encoding \xff", "bad_encoding"),
        ("姓名,单位\n张三,立案庭\n".encode(), "no_header"),
        (b"x" * (ri.MAX_FILE_BYTES + 1), "too_large"),
    ],
)
def test_files_that_are_no_roster_table_are_refused_with_a_reason(
    content: bytes, code: str
) -> None:
    with pytest.raises(ri.UnreadableRoster) as raised:
        ri.read_table(content)
    assert raised.value.issue.code == code
    assert raised.value.issue.message("zh") != raised.value.issue.message("en")


def test_row_limit_counts_data_rows_not_blank_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "MAX_ROWS", 3)
    blank = [""] * len(ZH_HEADER)
    fits = csv_bytes([person_row("T1"), *[blank] * 20, person_row("T2"), person_row("T3")])
    assert [row for row, _ in ri.read_table(fits).rows] == [2, 23, 24]
    with pytest.raises(ri.UnreadableRoster) as raised:
        ri.read_table(csv_bytes([person_row(f"T{i}") for i in range(4)]))
    assert raised.value.issue.message("en") == "too many data rows: at most 3; split the file"


def test_an_xlsx_that_unpacks_too_far_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "MAX_XLSX_UNPACKED_BYTES", 1000)
    with pytest.raises(ri.UnreadableRoster) as raised:
        ri.read_table(xlsx_bytes([person_row("T1")]))
    assert raised.value.issue.code == "too_large"


def test_a_zip_that_is_not_a_workbook_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    with pytest.raises(ri.UnreadableRoster) as raised:
        ri.read_table(buffer.getvalue())
    assert raised.value.issue.code == "bad_xlsx"


def test_a_stray_control_character_is_not_taken_for_a_binary_file() -> None:
    result = check(csv_bytes([person_row("T1", name="张\x0b三")]))
    assert [row.values["name"] for row in result.rows] == ["张三"]  # and the padding rule drops it


def test_a_cell_beyond_the_csv_limit_is_an_error_not_a_crash() -> None:
    huge = "专" * 200_000
    result = check(csv_bytes([person_row("T1"), [*person_row("T2")[:-1], huge]]))
    assert [(e.row, e.field, e.code) for e in result.errors] == [(3, "file", "broken_csv")]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_give_a_table_or_a_refusal(content: bytes) -> None:
    try:
        table = ri.read_table(content)
    except ri.UnreadableRoster as refusal:
        assert refusal.issue.message("zh") and refusal.issue.message("en")
        return
    result = ri.check_roster(table, units=UNITS, known={})
    for issue in [*result.errors, *result.warnings]:
        assert issue.render("zh").message and issue.render("en").message


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=30), min_size=9, max_size=9
    )
)
def test_any_cell_text_gives_rows_or_issues(cells: list[str]) -> None:
    result = check(csv_bytes([cells]))
    assert len(result.rows) + len({e.row for e in result.errors}) <= 1
    for issue in result.errors:
        assert issue.row in (1, 2) and issue.message("en")


CELLS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**300, max_value=10**301),
    st.floats(),
    st.text(max_size=40),
    st.text(st.characters(categories=["Nd"]), min_size=1, max_size=5000),
    st.datetimes(),
    st.dates(),
    st.times(),
    st.sampled_from(
        ["1985-02-30", "三", "立案庭", "乌海市中级人民法院/立案庭", "", "是", "男", "9" * 5000]
    ),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.fixed_dictionaries({c.key: CELLS for c in ri.COLUMNS}), min_size=1, max_size=5))
def test_any_typed_cells_give_rows_or_issues_never_an_exception(
    rows: list[dict[str, ri.Cell]],
) -> None:
    table = ri.RosterTable(
        header_row=1,
        headers={c.key: c.zh for c in ri.COLUMNS},
        rows=[(n, cells) for n, cells in enumerate(rows, start=2)],
    )
    result = ri.check_roster(table, units=UNITS, known={"1": ri.KnownPerson(id=1)})
    assert len(result.rows) + len({e.row for e in result.errors}) == len(rows)
    for issue in result.errors:
        assert issue.message("zh") and issue.message("en")


# --- cells -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "1985-03-01",
        "1985-3-1",
        "1985/3/1",
        "1985/03/01",
        "1985.3.1",
        "1985年3月1日",
        "1985 年 3 月 1 日",
        "19850301",
        "１９８５－０３－０１",
        "1985-03-01 00:00:00",
        "1985-03",
        "1985年3月",
        "1985.03",
    ],
)
def test_dates_in_the_formats_rosters_use(text: str) -> None:
    assert ri.parse_date(text) == date(1985, 3, 1)


@pytest.mark.parametrize(
    "text", ["1985-02-30", "1985-13-01", "01/03/1985", "1985", "昨天", "1985-3-1-2", "31.5"]
)
def test_bad_dates_are_refused(text: str) -> None:
    with pytest.raises(ri.CellError):
        ri.parse_date(text)


@given(st.dates(min_value=date(1930, 1, 1), max_value=date(2099, 12, 31)))
def test_every_written_date_form_reads_back(day: date) -> None:
    forms = [
        day.isoformat(),
        f"{day.year}/{day.month}/{day.day}",
        f"{day.year}年{day.month}月{day.day}日",
        day.strftime("%Y%m%d"),
        datetime(day.year, day.month, day.day),
        day,
    ]
    assert {ri.parse_date(form) for form in forms} == {day}


@pytest.mark.parametrize(
    ("value", "tier"),
    [
        ("1", 1),
        (2, 2),
        (3.0, 3),
        ("一", 1),
        ("二", 2),
        ("三", 3),
        ("资深法官", 1),
        ("青年干警", 2),
        ("书记员", 3),
        ("Clerk", 3),
        ("第二层级", 2),
        ("３", 3),
    ],
)
def test_tiers(value: ri.Cell, tier: int) -> None:
    assert ri.PARSERS["tier"](value) == tier


@pytest.mark.parametrize(
    ("value", "flag"),
    [
        ("是", True),
        ("否", False),
        ("YES", True),
        ("no", False),
        (1, True),
        ("0", False),
        (True, True),
        ("√", True),
    ],
)
def test_flags(value: ri.Cell, flag: bool) -> None:
    assert ri.PARSERS["is_expert_judge"](value) is flag


@pytest.mark.parametrize(
    ("value", "gender"), [("男", "male"), ("女", "female"), ("Male", "male"), ("F", "female")]
)
def test_genders(value: str, gender: str) -> None:
    assert ri.PARSERS["gender"](value) == gender


@pytest.mark.parametrize(
    ("parser", "value"),
    [
        ("tier", "4"),
        ("tier", "一级法官"),
        ("gender", "未知"),
        ("is_business_leader", "maybe"),
        ("mentor_capacity", "很多"),
        ("mentor_capacity", 2.5),
        ("mentor_capacity", True),
        ("mentor_capacity", "9" * 5000),
        ("birth_date", "9" * 5000),
        ("birth_date", float("nan")),
        ("hire_date", float("inf")),
    ],
)
def test_unparseable_cells(parser: str, value: ri.Cell) -> None:
    with pytest.raises(ri.CellError):
        ri.PARSERS[parser](value)


def test_padded_chinese_names_lose_their_padding_but_latin_names_keep_spaces() -> None:
    assert ri.parse_name("王　伟") == "王伟" and ri.parse_name(" 欧阳 娜娜 ") == "欧阳娜娜"
    assert ri.parse_name("Anna Li") == "Anna Li"


# --- units -------------------------------------------------------------------------------
def test_units_by_name_path_english_name_or_id() -> None:
    assert UNITS.resolve("民事审判第一庭") == 2
    assert UNITS.resolve("乌海市中级人民法院/立案庭") == 3
    assert UNITS.resolve("海勃湾区人民法院/立案庭") == 5
    assert UNITS.resolve("乌海市中级人民法院 / 海勃湾区人民法院 / 立案庭") == 5
    assert UNITS.resolve("乌海市中级人民法院／乌达区人民法院／立案庭") == 7
    assert UNITS.resolve("wuhai intermediate people's court") == 1
    assert UNITS.resolve("4") == 4 and UNITS.resolve(6.0) == 6


def test_an_ambiguous_name_names_every_candidate() -> None:
    with pytest.raises(ri.CellError) as raised:
        UNITS.resolve("立案庭")
    assert raised.value.code == "ambiguous_unit"
    assert raised.value.params["candidates"] == [
        "乌海市中级人民法院/立案庭",
        "海勃湾区人民法院/立案庭",
        "乌达区人民法院/立案庭",
    ]
    message = ri.Issue(
        2, "unit", "ambiguous_unit", {"value": "立案庭", **raised.value.params}
    ).message("zh")
    assert "乌海市中级人民法院/立案庭、海勃湾区人民法院/立案庭、乌达区人民法院/立案庭" in message
    assert "如 乌海市中级人民法院/立案庭" in message


def test_an_unknown_unit_suggests_close_names() -> None:
    with pytest.raises(ri.CellError) as raised:
        UNITS.resolve("民事审判一庭")
    issue = ri.Issue(2, "unit", raised.value.code, {"value": "民事审判一庭", **raised.value.params})
    assert issue.code == "unknown_unit"
    assert "是否是：民事审判第一庭" in issue.message("zh")
    assert "did you mean: 民事审判第一庭" in issue.message("en")
    for unknown in ("99", "9" * 5000, "٩٩"):
        with pytest.raises(ri.CellError):
            UNITS.resolve(unknown)


# --- checking rows -----------------------------------------------------------------------
def test_a_new_person_needs_name_unit_and_tier_a_known_one_does_not() -> None:
    content = csv_bytes(
        [["N1", "", "", "", "", "", "", "", ""], ["K1", "", "", "", "", "", "", "", "4"]]
    )
    result = check(content, known={"K1": ri.KnownPerson(id=9)})
    assert [(e.row, e.field, e.code) for e in result.errors] == [
        (2, "name", "required"),
        (2, "unit", "required"),
        (2, "tier", "required"),
    ]
    assert "N1" in result.errors[0].message("zh")
    assert [(r.staff_no, r.person_id, r.values) for r in result.rows] == [
        ("K1", 9, {"mentor_capacity": 4})
    ]


def test_every_bad_cell_is_reported_with_its_column() -> None:
    content = csv_bytes(
        [
            ["T 1", "张三", "男", "民事审判第一庭", "", "2", "1990-01-01", "1989-01-01", ""],
            ["T2", "x" * 65, "男", "民事审判第一庭", "", "2", "", "", "51"],
            [
                "T3",
                "李四",
                "?",
                "不存在的庭",
                "",
                "九",
                "1990-02-30",
                (clock.today() + timedelta(days=2)).isoformat(),
                "-1",
            ],
            ["T2", "王五", "男", "民事审判第一庭", "", "2", "", "", ""],
            ["", "赵六", "男", "民事审判第一庭", "", "2", "", "", ""],
        ]
    )
    result = check(content)
    assert [(e.row, e.field, e.code) for e in result.errors] == [
        (2, "staff_no", "bad_staff_no"),
        (2, "hire_date", "date_order"),
        (3, "name", "too_long"),
        (3, "mentor_capacity", "too_big"),
        (4, "gender", "bad_gender"),
        (4, "unit", "unknown_unit"),
        (4, "tier", "bad_tier"),
        (4, "birth_date", "bad_date"),
        (4, "hire_date", "future_date"),
        (4, "mentor_capacity", "too_small"),
        (5, "staff_no", "duplicate_staff_no"),
        (6, "staff_no", "missing_staff_no"),
    ]
    assert result.rows == []
    messages = {e.code: e.message("en") for e in result.errors}
    assert messages["too_long"] == "the name is too long: at most 64 characters, found 65"
    assert messages["duplicate_staff_no"] == "staff number T2 already appears in row 3"


def test_dates_are_checked_against_what_a_known_person_already_has() -> None:
    known = {"K1": ri.KnownPerson(id=1, birth_date=date(1990, 1, 1), hire_date=date(2015, 1, 1))}
    header = ["工号", "入职日期"]
    result = check(csv_bytes([["K1", "1989-12-31"]], header=header), known=known)
    assert [(e.row, e.field, e.code) for e in result.errors] == [(2, "hire_date", "date_order")]
    assert check(csv_bytes([["K1", "2016-01-01"]], header=header), known=known).errors == []


def test_long_free_text_is_refused_with_its_length() -> None:
    result = check(
        csv_bytes([["K1", "民" * 4001]], header=["工号", "专长"]),
        known={"K1": ri.KnownPerson(id=1)},
    )
    assert [(e.field, e.params) for e in result.errors] == [
        ("expertise", {"limit": 4000, "length": 4001})
    ]


# --- the template ------------------------------------------------------------------------
@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_template_reads_back_with_every_column_and_no_rows(file_format: str, lang: str) -> None:
    table = ri.read_table(ri.template(file_format, lang))
    assert set(table.headers) == {column.key for column in ri.COLUMNS}
    assert table.rows == [] and table.errors == []
    assert [w.code for w in table.warnings] == ["no_rows"]
    assert list(table.headers.values()) == ri.template_headers(lang)


def test_the_xlsx_template_explains_itself() -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(ri.template("xlsx", "zh")))
    sheet, notes = workbook.worksheets
    assert sheet["A1"].value == "工号" and sheet["A1"].comment is not None
    assert sheet["A2"].number_format == "@" and sheet["G2"].number_format == "yyyy-mm-dd"
    assert notes.title == "填写说明" and notes.max_row > len(ri.COLUMNS)
    example = {row[0]: row[3] for row in notes.iter_rows(min_row=2, max_row=15, values_only=True)}
    checked = check(csv_bytes([list(example.values())], header=list(example)))
    assert checked.errors == [] and checked.rows[0].values["unit_id"] == 3


# --- applying to the database ------------------------------------------------------------
def _count(session: Session, table: type) -> int:
    return session.exec(select(func.count()).select_from(table)).one()


def _person(session: Session, staff_no: str) -> models.Person:
    session.expire_all()
    return session.exec(select(models.Person).where(models.Person.staff_no == staff_no)).one()


def test_import_creates_people_with_defaults_and_audit_events(
    session: Session, org: dict[str, int]
) -> None:
    content = csv_bytes(
        [
            person_row("T1", tier="资深法官"),
            person_row("T2", unit="乌海市中级人民法院/立案庭", tier="书记员", capacity="1"),
        ],
        header=ZH_HEADER,
    )
    result = import_roster(session, content=content, actor=ACTOR, filename="roster.csv")
    assert (result.created, result.updated, result.unchanged, result.errors) == (2, 0, 0, [])
    senior, clerk = _person(session, "T1"), _person(session, "T2")
    assert (
        senior.mentor_capacity == models.DEFAULT_CAPACITY_BY_TIER[1]
        and senior.unit_id == org["civil"]
    )
    assert (
        clerk.mentor_capacity == 1 and clerk.unit_id == org["filing"] and clerk.gender == "female"
    )
    events = session.exec(select(models.AuditEvent).order_by(models.AuditEvent.seq)).all()
    assert [(e.action, e.entity_id) for e in events] == [
        ("person.create", str(senior.id)),
        ("person.create", str(clerk.id)),
        ("person.import", None),
    ]
    assert json.loads(events[0].after)["staff_no"] == "T1"
    assert (
        json.loads(events[2].after)["created"] == 2
        and json.loads(events[2].after)["file"] == "roster.csv"
    )
    assert audit.verify(session).ok


def test_import_upserts_and_leaves_unchanged_rows_alone(
    session: Session, org: dict[str, int]
) -> None:
    first = csv_bytes([person_row("T1"), person_row("T2")])
    import_roster(session, content=first, actor=ACTOR)
    events_before = _count(session, models.AuditEvent)
    second = csv_bytes(
        [person_row("T1"), person_row("T2", name="周敏敏", capacity="2"), person_row("T3")]
    )
    result = import_roster(session, content=second, actor=ACTOR)
    assert (result.created, result.updated, result.unchanged) == (1, 1, 1)
    changed = _person(session, "T2")
    assert (changed.name, changed.mentor_capacity) == ("周敏敏", 2)
    updates = session.exec(
        select(models.AuditEvent).where(models.AuditEvent.action == "person.update")
    ).all()
    assert len(updates) == 1 and updates[0].entity_id == str(changed.id)
    assert (
        json.loads(updates[0].before)["name"] == "周敏"
        and json.loads(updates[0].after)["name"] == "周敏敏"
    )
    assert _count(session, models.AuditEvent) == events_before + 3  # create T3, update T2, summary


def test_a_file_of_some_columns_updates_only_those(session: Session, org: dict[str, int]) -> None:
    before = _person(session, "S001")
    content = csv_bytes([["S001", "5", "是"]], header=["工号", "带教名额", "审判业务带头人"])
    result = import_roster(session, content=content, actor=ACTOR)
    assert (result.created, result.updated, result.errors) == (0, 1, [])
    after = _person(session, "S001")
    assert (after.mentor_capacity, after.is_business_leader) == (5, True)
    assert (after.name, after.unit_id, after.tier, after.birth_date) == (
        before.name,
        before.unit_id,
        before.tier,
        before.birth_date,
    )


def test_bad_date_in_row_7_and_unknown_unit_in_row_12_write_nothing(
    session: Session, org: dict[str, int]
) -> None:
    rows = [person_row(f"T{i}") for i in range(2, 13)]
    rows[7 - 2] = person_row("T7", birth="1988-02-30")
    rows[12 - 2] = person_row("T12", unit="知识产权审判庭")
    people, events = _count(session, models.Person), _count(session, models.AuditEvent)
    result = import_roster(session, content=csv_bytes(rows), actor=ACTOR, lang="en")
    assert [(e.row, e.field) for e in result.errors] == [(7, "birth_date"), (12, "unit")]
    assert "'1988-02-30' is not a valid date" in result.errors[0].message
    assert "unit '知识产权审判庭' does not exist" in result.errors[1].message
    assert (result.created, result.updated, result.error_count) == (0, 0, 2)
    assert (_count(session, models.Person), _count(session, models.AuditEvent)) == (people, events)


def test_dry_run_reports_the_same_and_writes_nothing(session: Session, org: dict[str, int]) -> None:
    content = csv_bytes(
        [person_row("T1"), person_row("S001", name="王建国", unit="民事审判第一庭", tier=1)]
    )
    people, events = _count(session, models.Person), _count(session, models.AuditEvent)
    dry = import_roster(session, content=content, actor=ACTOR, dry_run=True)
    assert (_count(session, models.Person), _count(session, models.AuditEvent)) == (people, events)
    assert _person(session, "S001").gender is None
    real = import_roster(session, content=content, actor=ACTOR)
    assert dry.dry_run and not real.dry_run
    assert dry.model_dump(exclude={"dry_run"}) == real.model_dump(exclude={"dry_run"})
    assert (real.created, real.updated) == (1, 1)


def test_an_unreadable_file_is_invalid_input_on_file(session: Session, org: dict[str, int]) -> None:
    with pytest.raises(InvalidInput) as raised:
        import_roster(session, content=b"\x00\x01\x02garbage", actor=ACTOR, lang="en")
    assert raised.value.field == "file" and raised.value.message == "this is not a CSV or XLSX file"


def test_a_staff_no_taken_meanwhile_is_a_rule_violation_and_writes_nothing(
    session: Session, org: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    # As if S001 were added by someone else after the file was checked against the roster.
    monkeypatch.setattr(roster_service, "_people_by_staff_no", lambda _session, _staff_nos: {})
    people = _count(session, models.Person)
    content = csv_bytes([person_row("T1"), person_row("S001")])
    with pytest.raises(RuleViolation) as raised:
        import_roster(session, content=content, actor=ACTOR, lang="en")
    assert raised.value.rule == "roster_changed" and "nothing was written" in raised.value.message
    assert _count(session, models.Person) == people


def test_errors_listed_are_capped_but_counted(session: Session, org: dict[str, int]) -> None:
    content = csv_bytes([["", "x"]] * 1500, header=["工号", "姓名"])
    result = import_roster(session, content=content, actor=ACTOR)
    assert len(result.errors) == 1000 and result.error_count == 1500


def test_ten_thousand_rows_with_chinese_headers_import(
    session: Session, org: dict[str, int]
) -> None:
    header = [
        "工号",
        "姓名",
        "性别",
        "单位",
        "层级",
        "出生日期",
        "入职日期",
        "专长",
        "审判业务带头人",
    ]
    units = ["民事审判第一庭", "乌海市中级人民法院/立案庭", "海勃湾区人民法院/民事审判庭"]
    rows = [
        [
            f"W{i:05d}",
            f"干警{i}",
            "男女"[i % 2],
            units[i % 3],
            ["资深法官", "青年干警", "书记员"][i % 3],
            f"{1960 + i % 30}/{1 + i % 12}/{1 + i % 28}",
            f"{2000 + i % 20}年{1 + i % 12}月1日",
            "调解",
            "否",
        ]
        for i in range(10_000)
    ]
    people = _count(session, models.Person)
    result = import_roster(session, content=csv_bytes(rows, header=header), actor=ACTOR)
    assert (result.created, result.errors) == (10_000, [])
    assert _count(session, models.Person) == people + 10_000
    assert _count(session, models.AuditEvent) == 10_001
    assert _person(session, "W09999").birth_date == date(1969, 4, 4)


# --- the command line --------------------------------------------------------------------
def test_cli_imports_and_reports(session: Session, org: dict[str, int], tmp_path: Path) -> None:
    path = tmp_path / "花名册.csv"
    path.write_bytes(csv_bytes([person_row("T1"), person_row("T2")], encoding="gb18030"))
    dry = CliRunner().invoke(cli_app, ["import", str(path), "--dry-run", "--lang", "en"])
    assert dry.exit_code == 0, dry.output
    assert "dry run, nothing written: would have 2 created, 0 updated, 0 unchanged" in dry.stdout
    assert _count(session, models.Person) == 6
    done = CliRunner().invoke(cli_app, ["import", str(path)])
    assert done.exit_code == 0 and "已导入：新增 2 人，更新 0 人，未变 0 人" in done.stdout
    assert _count(session, models.Person) == 8


def test_cli_prints_every_error_and_exits_1(
    session: Session, org: dict[str, int], tmp_path: Path
) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(csv_bytes([person_row("T1", tier="九"), person_row("T2", unit="立案")]))
    result = CliRunner().invoke(cli_app, ["import", str(path)])
    assert result.exit_code == 1
    assert "第 2 行 [tier] 层级“九”无法识别" in result.stderr
    assert "第 3 行 [unit] 单位“立案”不存在" in result.stderr
    assert "导入失败：2 处错误，未写入任何数据" in result.stderr
    assert _count(session, models.Person) == 6


def test_cli_refuses_a_file_that_is_no_roster(
    session: Session, org: dict[str, int], tmp_path: Path
) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    result = CliRunner().invoke(cli_app, ["import", str(path), "--lang", "en"])
    assert result.exit_code == 1 and "the file is empty" in result.stderr
