"""Evaluation records through the API: assessments against post standards, case metrics,
the political file, the list with closing, development activities and training hours;
every write audited, errors 422 / 404 / 409."""

from __future__ import annotations

from sqlmodel import Session

from tests.api.reserve.conftest import API, TODAY, grade, reserve_actions


def _post(client, headers, person_id: int, what: str, body: dict):
    return client.post(f"{API}/reserve/people/{person_id}/{what}", json=body, headers=headers)


def test_assessments_with_a_post_standard(client, auth_headers, org) -> None:
    reviewer = auth_headers["reviewer"]
    standard = client.post(
        f"{API}/reserve/standards",
        json={
            "code": "judge",
            "name": "员额法官考核标准",
            "post": "员额法官",
            "common_weight": 0.4,
        },
        headers=reviewer,
    )
    assert standard.status_code == 201
    duplicate = client.post(
        f"{API}/reserve/standards",
        json={"code": "judge", "name": "x", "post": "y"},
        headers=reviewer,
    )
    assert (
        duplicate.status_code == 409 and duplicate.json()["detail"]["rule"] == "duplicate_standard"
    )
    created = grade(
        client,
        reviewer,
        org["senior"],
        2025,
        "优秀",
        common_score=90,
        post_score=80,
        standard_code="judge",
    )
    assert created["grade"] == "excellent" and created["grade_label"] == "优秀"
    assert created["total_score"] == 84.0  # 0.4 * 90 + 0.6 * 80
    plain = grade(client, reviewer, org["senior"], 2024, "competent")
    assert plain["total_score"] is None and plain["standard_code"] is None
    listed = client.get(
        f"{API}/reserve/people/{org['senior']}/assessments", headers=reviewer
    ).json()
    assert [a["year"] for a in listed] == [2024, 2025]
    again = _post(client, reviewer, org["senior"], "assessments", {"year": 2025, "grade": "称职"})
    assert again.status_code == 409 and again.json()["detail"]["rule"] == "duplicate_assessment"
    for body, field in (
        ({"year": 2025, "grade": "良好"}, "grade"),
        ({"year": 2023, "grade": "优秀", "common_score": 120}, "common_score"),
        ({"year": 2023, "grade": "优秀", "standard_code": "nope"}, "standard_code"),
        ({"year": 1800, "grade": "优秀"}, "year"),
        ({"year": 2023, "grade": "优秀", "mood": "good"}, "mood"),
    ):
        response = _post(client, reviewer, org["senior"], "assessments", body)
        assert response.status_code == 422 and field in str(response.json()["detail"]), body
    assert (
        _post(client, reviewer, 99999, "assessments", {"year": 2025, "grade": "优秀"}).status_code
        == 404
    )


def test_case_metrics_per_period(client, auth_headers, org) -> None:
    reviewer = auth_headers["reviewer"]
    body = {
        "period": "2025-H1",
        "cases_closed": 118,
        "on_time_rate": 0.97,
        "reversal_rate": 0.02,
        "acceptance_rate": 0.91,
        "public_satisfaction": 0.95,
    }
    created = _post(client, reviewer, org["young"], "case-metrics", body)
    assert created.status_code == 201
    assert (created.json()["period_start"], created.json()["period_end"]) == (
        "2025-01-01",
        "2025-06-30",
    )
    again = _post(client, reviewer, org["young"], "case-metrics", body)
    assert again.status_code == 409 and again.json()["detail"]["rule"] == "duplicate_case_metric"
    for change, field in (
        ({"period": "2025-H3"}, "period"),
        ({"period": "2025-Q2", "on_time_rate": 1.5}, "on_time_rate"),
        ({"period": "2025-Q2", "cases_closed": -1}, "cases_closed"),
    ):
        response = _post(client, reviewer, org["young"], "case-metrics", body | change)
        assert response.status_code == 422 and field in str(response.json()["detail"]), change
    listed = client.get(
        f"{API}/reserve/people/{org['young']}/case-metrics", headers=reviewer
    ).json()
    assert [m["period"] for m in listed] == ["2025-H1"]


def test_list_items_close_and_dismiss(client, auth_headers, org) -> None:
    reviewer = auth_headers["reviewer"]
    created = _post(
        client,
        reviewer,
        org["young"],
        "list-items",
        {
            "polarity": "negative",
            "item_date": "2025-04-01",
            "kind": "complaint",
            "item": "当事人投诉",
        },
    )
    assert created.status_code == 201 and created.json()["status"] == "open"
    item_id = created.json()["id"]
    early = client.post(
        f"{API}/reserve/list-items/{item_id}/close",
        json={"closed_on": "2025-01-01"},
        headers=reviewer,
    )
    assert early.status_code == 422 and "closed_on" in str(early.json()["detail"])
    reopen = client.post(
        f"{API}/reserve/list-items/{item_id}/close",
        json={"closed_on": "2025-05-01", "status": "open"},
        headers=reviewer,
    )
    assert reopen.status_code == 422
    closed = client.post(
        f"{API}/reserve/list-items/{item_id}/close",
        json={"closed_on": "2025-05-01", "note": "经核查已整改"},
        headers=reviewer,
    )
    assert closed.status_code == 200
    assert (closed.json()["status"], closed.json()["closed_on"]) == ("closed", "2025-05-01")
    twice = client.post(
        f"{API}/reserve/list-items/{item_id}/close",
        json={"closed_on": "2025-06-01"},
        headers=reviewer,
    )
    assert twice.status_code == 409 and twice.json()["detail"]["rule"] == "list_item_not_open"
    assert (
        client.post(
            f"{API}/reserve/list-items/999/close",
            json={"closed_on": "2025-06-01"},
            headers=reviewer,
        ).status_code
        == 404
    )
    positive = _post(
        client,
        reviewer,
        org["young"],
        "list-items",
        {
            "polarity": "positive",
            "item_date": "2025-08-01",
            "kind": "commendation",
            "item": "办案表现突出",
        },
    )
    assert positive.status_code == 201
    only_positive = client.get(
        f"{API}/reserve/people/{org['young']}/list-items",
        params={"polarity": "positive"},
        headers=reviewer,
    )
    assert [i["id"] for i in only_positive.json()] == [positive.json()["id"]]


def test_activities_and_training_hours_against_the_requirement(client, auth_headers, org) -> None:
    reviewer = auth_headers["reviewer"]
    year = TODAY.year
    for title, hours in (
        ("审判业务能力提升培训班", 40),
        ("政治轮训班", 32),
        ("庭审驾驭能力实训", 24),
    ):
        response = _post(
            client,
            reviewer,
            org["young"],
            "activities",
            {"kind": "training", "title": title, "start_date": f"{year}-03-01", "hours": hours},
        )
        assert response.status_code == 201
    hours = client.get(
        f"{API}/reserve/people/{org['young']}/training-hours", headers=reviewer
    ).json()
    assert [h["year"] for h in hours] == [year - 2, year - 1, year]
    assert hours[-1] == {"year": year, "hours": 96.0, "required_hours": 90.0, "met": True}
    assert hours[0]["met"] is False
    secondment = _post(
        client,
        reviewer,
        org["young"],
        "activities",
        {
            "kind": "secondment",
            "title": "挂职：海勃湾区人民法院民事审判庭",
            "start_date": "2024-03-01",
            "end_date": "2024-12-31",
            "host_unit_id": org["district_civil"],
        },
    )
    assert secondment.status_code == 201
    recognition = _post(
        client,
        reviewer,
        org["senior"],
        "activities",
        {
            "kind": "recognition",
            "title": "市级审判业务带头人",
            "start_date": "2024-03-15",
            "recognition": "business_leader",
            "level": "municipal",
        },
    )
    assert recognition.status_code == 201
    for body, field in (
        ({"kind": "recognition", "title": "x", "start_date": "2024-01-01"}, "recognition"),
        ({"kind": "award", "title": "x", "start_date": "2024-01-01", "level": "galactic"}, "level"),
        (
            {
                "kind": "training",
                "title": "x",
                "start_date": "2024-02-01",
                "end_date": "2024-01-01",
            },
            "end_date",
        ),
        ({"kind": "holiday", "title": "x", "start_date": "2024-01-01"}, "kind"),
    ):
        response = _post(client, reviewer, org["young"], "activities", body)
        assert response.status_code == 422 and field in str(response.json()["detail"]), body
    unknown_host = _post(
        client,
        reviewer,
        org["young"],
        "activities",
        {"kind": "secondment", "title": "x", "start_date": "2024-01-01", "host_unit_id": 999},
    )
    assert unknown_host.status_code == 404
    listed = client.get(
        f"{API}/reserve/people/{org['young']}/activities",
        params={"kind": "secondment"},
        headers=reviewer,
    ).json()
    assert [a["kind"] for a in listed] == ["secondment"]


def test_every_record_write_is_audited(client, auth_headers, org, session: Session) -> None:
    reviewer = auth_headers["reviewer"]
    person = org["young"]
    grade(client, reviewer, person, 2025)
    _post(client, reviewer, person, "case-metrics", {"period": "2025", "cases_closed": 200})
    _post(
        client,
        reviewer,
        person,
        "political-entries",
        {"entry_date": "2025-05-01", "kind": "talk", "item": "谈心谈话"},
    )
    _post(
        client,
        reviewer,
        person,
        "list-items",
        {"polarity": "positive", "item_date": "2025-05-01", "kind": "x", "item": "y"},
    )
    _post(
        client,
        reviewer,
        person,
        "activities",
        {"kind": "training", "title": "t", "start_date": "2025-05-01", "hours": 8},
    )
    assert reserve_actions(session) == [
        "reserve.assessment.create",
        "reserve.case_metric.create",
        "reserve.political_entry.create",
        "reserve.list_item.create",
        "reserve.activity.create",
    ]
