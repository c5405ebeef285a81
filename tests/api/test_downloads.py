"""Download names: ASCII for old clients, UTF-8 for browsers, on the API and the pages."""

from __future__ import annotations

from urllib.parse import unquote

from api.downloads import attachment


def _names(disposition: str) -> tuple[str, str]:
    parts = dict(part.strip().split("=", 1) for part in disposition.split(";")[1:] if "=" in part)
    return parts["filename"].strip('"'), unquote(parts["filename*"].removeprefix("UTF-8''"))


def test_a_chinese_name_gets_an_ascii_fallback_with_its_extension() -> None:
    response = attachment(b"x", "text/csv", "花名册导入模板.csv")
    assert response.headers["content-disposition"].startswith("attachment;")
    assert _names(response.headers["content-disposition"]) == ("download.csv", "花名册导入模板.csv")


def test_an_ascii_name_is_kept_and_quotes_cannot_break_the_header() -> None:
    plain = attachment(b"x", "text/csv", "mentoring-report-2026.csv")
    assert _names(plain.headers["content-disposition"]) == (
        "mentoring-report-2026.csv",
        "mentoring-report-2026.csv",
    )
    quoted = attachment(b"x", "text/csv", 'a"b.csv')
    assert _names(quoted.headers["content-disposition"]) == ("download.csv", 'a"b.csv')


def test_the_roster_template_is_named_in_the_language_asked(client, auth_headers) -> None:
    for lang, name in (("zh", "花名册导入模板.xlsx"), ("en", "roster-template.xlsx")):
        response = client.get(
            "/api/v1/people/import/template",
            params={"format": "xlsx", "lang": lang},
            headers=auth_headers["planner"],
        )
        assert response.status_code == 200, response.text
        assert _names(response.headers["content-disposition"])[1] == name
