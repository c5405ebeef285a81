"""The pool through the API: nomination with eligibility, the lifecycle and its undo,
effective-dated history, review cycles with exit flags, calibration of the band."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session, col, select

from models import AuditEvent, Person
from tests.api.reserve.conftest import API, TODAY, grade_recent, nominate, review

THIS_CYCLE = str(TODAY.year)


def _transition(client, headers, candidate_id: int, action: str, **extra):
    return client.post(
        f"{API}/reserve/candidates/{candidate_id}/transitions",
        json={"action": action, **extra},
        headers=headers,
    )


def test_nomination_reports_eligibility_with_every_failed_rule_named(
    client, auth_headers, org
) -> None:
    # clerk: tier 3, born 1995, hired 2020, no grades
    created = nominate(
        client,
        auth_headers["reviewer"],
        org["clerk"],
        reason="基层推荐",
        source="party_branch",
        recommending_unit_id=org["civil"],
    )
    assert created["status"] == "nominated" and created["source"] == "party_branch"
    assert created["eligibility"]["eligible"] is False
    assert created["eligibility"]["reasons"] == ["tier", "assessment_grades"]
    assert {d["rule"] for d in created["eligibility"]["details"]} == {"tier", "assessment_grades"}
    assert created["readiness"] is not None


def test_an_eligible_nominee_and_the_list_with_readiness(
    client, auth_headers, eligible_young
) -> None:
    reviewer = auth_headers["reviewer"]
    grade_recent(client, reviewer, eligible_young, ["competent", "excellent", "competent"])
    created = nominate(client, reviewer, eligible_young)
    assert created["eligibility"] == {
        "eligible": True,
        "reasons": [],
        "details": [],
        "on": TODAY.isoformat(),
    }
    assert created["source"] == "organisation_department"
    listed = client.get(
        f"{API}/reserve/candidates", params={"status": "nominated"}, headers=reviewer
    )
    assert listed.status_code == 200
    (row,) = listed.json()
    assert row["id"] == created["id"] and 0 <= row["readiness"] <= 1
    assert row["band"] in ("ready_now", "ready_1_2", "ready_3_5") and 1 <= row["box"] <= 9
    assert (
        client.get(
            f"{API}/reserve/candidates", params={"status": "in_pool"}, headers=reviewer
        ).json()
        == []
    )
    assert (
        client.get(
            f"{API}/reserve/candidates", params={"status": "bogus"}, headers=reviewer
        ).status_code
        == 422
    )
    assert (
        client.get(f"{API}/reserve/candidates", params={"limit": 501}, headers=reviewer).status_code
        == 422
    )


def test_nomination_errors(client, auth_headers, eligible_young) -> None:
    reviewer = auth_headers["reviewer"]
    assert (
        client.post(
            f"{API}/reserve/candidates", json={"person_id": 99999}, headers=reviewer
        ).status_code
        == 404
    )
    missing = client.post(f"{API}/reserve/candidates", json={"reason": "x"}, headers=reviewer)
    assert missing.status_code == 422 and "person_id" in str(missing.json()["detail"])
    bad_source = client.post(
        f"{API}/reserve/candidates",
        json={"person_id": eligible_young, "source": "self"},
        headers=reviewer,
    )
    assert bad_source.status_code == 422 and "source" in str(bad_source.json()["detail"])
    nominate(client, reviewer, eligible_young)
    again = client.post(
        f"{API}/reserve/candidates", json={"person_id": eligible_young}, headers=reviewer
    )
    assert again.status_code == 409 and again.json()["detail"]["rule"] == "already_in_pool"


def test_admission_needs_eligibility_and_names_the_rule(client, auth_headers, org) -> None:
    reviewer = auth_headers["reviewer"]
    candidate = nominate(client, reviewer, org["clerk"])
    refused = review(client, reviewer, candidate["id"], THIS_CYCLE, "admit")
    assert refused.status_code == 409
    assert refused.json()["detail"]["rule"] == "not_eligible"
    assert refused.json()["detail"]["reasons"] == ["tier", "assessment_grades"]
    exited = review(client, reviewer, candidate["id"], THIS_CYCLE, "exit", comment="不符合条件")
    assert exited.status_code == 201 and exited.json()["status"] == "removed"


def test_lifecycle_with_undo_and_every_transition_logged(
    client, auth_headers, admitted, session: Session
) -> None:
    reviewer = auth_headers["reviewer"]
    cid = admitted["id"]
    assert (
        _transition(client, reviewer, cid, "appoint").json()["detail"]["rule"]
        == "illegal_transition"
    )
    listed = _transition(client, reviewer, cid, "list_for_inspection", reason="拟提拔考察")
    assert listed.status_code == 200 and listed.json()["status"] == "inspection"
    appointed = _transition(client, reviewer, cid, "appoint", reason="任命为副庭长")
    assert appointed.json()["status"] == "appointed"
    undone = client.post(
        f"{API}/reserve/candidates/{cid}/undo", json={"reason": "任命未获批准"}, headers=reviewer
    )
    assert undone.status_code == 200 and undone.json()["status"] == "inspection"
    no_reason = _transition(client, reviewer, cid, "remove")
    assert no_reason.status_code == 422 and "reason" in str(no_reason.json()["detail"])
    removed = _transition(client, reviewer, cid, "remove", reason="本人申请退出")
    assert (
        removed.json()["status"] == "removed" and removed.json()["removal_reason"] == "本人申请退出"
    )
    restored = client.post(
        f"{API}/reserve/candidates/{cid}/undo", json={"reason": "误操作"}, headers=reviewer
    )
    assert restored.json()["status"] == "inspection" and restored.json()["removal_reason"] is None

    events = client.get(f"{API}/reserve/candidates/{cid}/history", headers=reviewer).json()
    assert [(e["action"], e["to_status"], e["reverted"]) for e in events] == [
        ("nominate", "nominated", False),
        ("admit", "in_pool", False),
        ("list_for_inspection", "inspection", False),
        ("appoint", "appointed", True),
        ("undo_appoint", "inspection", False),
        ("remove", "removed", True),
        ("undo_remove", "inspection", False),
    ]
    assert events[4]["reverts_event_id"] == events[3]["id"]
    page = client.get(
        f"{API}/reserve/candidates/{cid}/history",
        params={"limit": 2, "offset": 1},
        headers=reviewer,
    ).json()
    assert [e["id"] for e in page] == [events[1]["id"], events[2]["id"]]
    actions = session.exec(
        select(AuditEvent.action)
        .where(col(AuditEvent.action).like("reserve.candidate.%"))
        .where(AuditEvent.action != "reserve.candidate.event")
        .order_by(col(AuditEvent.seq))
    ).all()
    assert actions == [
        "reserve.candidate.nominate",
        "reserve.candidate.admit",
        "reserve.candidate.list_for_inspection",
        "reserve.candidate.appoint",
        "reserve.candidate.undo_appoint",
        "reserve.candidate.remove",
        "reserve.candidate.undo_remove",
    ]
    detail = client.get(f"{API}/reserve/candidates/{cid}", headers=reviewer).json()
    assert (
        len(detail["history"]) == 7
        and detail["readiness_detail"]["person_id"] == admitted["person_id"]
    )


def test_undo_with_nothing_to_undo_and_unknown_ids(client, auth_headers, eligible_young) -> None:
    reviewer = auth_headers["reviewer"]
    candidate = nominate(client, reviewer, eligible_young)
    nothing = client.post(
        f"{API}/reserve/candidates/{candidate['id']}/undo", json={"reason": "x"}, headers=reviewer
    )
    assert nothing.status_code == 409 and nothing.json()["detail"]["rule"] == "nothing_to_undo"
    for path, body in (
        ("undo", {"reason": "x"}),
        ("transitions", {"action": "remove", "reason": "x"}),
    ):
        assert (
            client.post(
                f"{API}/reserve/candidates/999/{path}", json=body, headers=reviewer
            ).status_code
            == 404
        )
    assert client.get(f"{API}/reserve/candidates/999", headers=reviewer).status_code == 404
    bad = _transition(client, reviewer, candidate["id"], "promote")
    assert bad.status_code == 422 and "action" in str(bad.json()["detail"])


def test_who_was_in_the_pool_on_a_past_date(
    client, auth_headers, eligible_young, org, session
) -> None:
    reviewer = auth_headers["reviewer"]
    grade_recent(client, reviewer, eligible_young, ["excellent", "excellent", "excellent"])
    start = TODAY - timedelta(days=200)
    candidate = nominate(client, reviewer, eligible_young, recommended_on=start.isoformat())
    cycle = client.post(
        f"{API}/reserve/cycles",
        json={"code": f"{TODAY.year}-A", "review_date": (start + timedelta(days=10)).isoformat()},
        headers=reviewer,
    )
    assert cycle.status_code == 201
    assert review(client, reviewer, candidate["id"], f"{TODAY.year}-A", "admit").status_code == 201
    removed_on = start + timedelta(days=100)
    _transition(
        client,
        reviewer,
        candidate["id"],
        "remove",
        reason="调离",
        effective_date=removed_on.isoformat(),
    )

    def members(day: date) -> list[int]:
        response = client.get(
            f"{API}/reserve/pool", params={"on": day.isoformat()}, headers=reviewer
        )
        assert response.status_code == 200
        return [c["id"] for c in response.json()]

    assert members(start) == []  # nominated, not yet admitted
    assert members(start + timedelta(days=10)) == [candidate["id"]]
    assert members(removed_on - timedelta(days=1)) == [candidate["id"]]
    assert members(removed_on) == []
    client.post(
        f"{API}/reserve/candidates/{candidate['id']}/undo",
        json={"reason": "调离未成行"},
        headers=reviewer,
    )
    assert members(removed_on + timedelta(days=5)) == [candidate["id"]]  # the corrected record
    early = _transition(
        client, reviewer, candidate["id"], "list_for_inspection", effective_date=start.isoformat()
    )
    assert early.status_code == 422 and "effective_date" in str(early.json()["detail"])


def test_a_new_cycle_flags_members_who_no_longer_meet_the_policy(
    client, auth_headers, admitted, session: Session
) -> None:
    reviewer = auth_headers["reviewer"]
    person = session.get(Person, admitted["person_id"])
    assert person is not None
    client.post(
        f"{API}/reserve/people/{person.id}/list-items",
        json={
            "polarity": "negative",
            "item_date": (TODAY - timedelta(days=30)).isoformat(),
            "kind": "discipline",
            "item": "违反审判纪律",
        },
        headers=reviewer,
    )
    cycle = client.post(f"{API}/reserve/cycles", json={"code": f"{TODAY.year}-B"}, headers=reviewer)
    assert cycle.status_code == 201
    (flag,) = cycle.json()["flags"]
    assert flag["candidate_id"] == admitted["id"] and flag["reasons"] == ["negative_list"]
    assert "negative-list" in flag["details"][0]["message"]
    assert (
        client.get(f"{API}/reserve/cycles/{TODAY.year}-B", headers=reviewer).json()["flags"]
        == cycle.json()["flags"]
    )
    duplicate = client.post(
        f"{API}/reserve/cycles", json={"code": f"{TODAY.year}-B"}, headers=reviewer
    )
    assert duplicate.status_code == 409 and duplicate.json()["detail"]["rule"] == "duplicate_cycle"
    # retaining a flagged member needs a comment; exit takes the flag reasons
    bare = review(client, reviewer, admitted["id"], f"{TODAY.year}-B", "retain")
    assert bare.status_code == 422 and "comment" in str(bare.json()["detail"])
    exited = review(client, reviewer, admitted["id"], f"{TODAY.year}-B", "exit")
    assert exited.status_code == 201
    body = exited.json()
    assert (
        body["flagged"] is True
        and body["status"] == "removed"
        and body["reasons"] == ["negative_list"]
    )
    events = client.get(
        f"{API}/reserve/candidates/{admitted['id']}/history", headers=reviewer
    ).json()
    assert events[-1]["action"] == "exit" and "negative_list" in events[-1]["reason"]


def test_review_calibrates_the_band_and_keeps_both(client, auth_headers, admitted) -> None:
    reviewer = auth_headers["reviewer"]
    reviews = client.get(
        f"{API}/reserve/candidates/{admitted['id']}/reviews", headers=reviewer
    ).json()
    (first,) = reviews
    assert first["decision"] == "admit" and first["band"] == first["band_suggested"]
    other = next(b for b in ("ready_now", "ready_1_2", "ready_3_5") if b != first["band_suggested"])
    cycle = f"{TODAY.year}-C"
    silent = review(client, reviewer, admitted["id"], cycle, "retain", band=other)
    assert silent.status_code == 422 and "band_comment" in str(silent.json()["detail"])
    kept = review(
        client, reviewer, admitted["id"], cycle, "retain", band=other, band_comment="经评审会校准"
    )
    assert kept.status_code == 201
    assert (kept.json()["band_suggested"], kept.json()["band"]) == (first["band_suggested"], other)
    again = review(client, reviewer, admitted["id"], cycle, "retain")
    assert again.status_code == 409 and again.json()["detail"]["rule"] == "already_reviewed"
    listed = client.get(f"{API}/reserve/candidates", headers=reviewer).json()
    assert listed[0]["band"] == other and listed[0]["last_decision"]["cycle"] == cycle
    readiness = client.get(
        f"{API}/reserve/people/{admitted['person_id']}/readiness", headers=reviewer
    ).json()
    assert (
        readiness["band_confirmed"] == other
        and readiness["band_suggested"] == first["band_suggested"]
    )


def test_review_body_is_checked(client, auth_headers, admitted) -> None:
    reviewer = auth_headers["reviewer"]
    for body, field in (
        ({"cycle": "next", "decision": "retain"}, "cycle"),
        ({"cycle": "2026", "decision": "keep"}, "decision"),
        ({"cycle": "2026", "decision": "retain", "band": "soon"}, "band"),
        ({"decision": "retain"}, "cycle"),
    ):
        response = client.post(
            f"{API}/reserve/candidates/{admitted['id']}/reviews", json=body, headers=reviewer
        )
        assert response.status_code == 422 and field in str(response.json()["detail"]), body
    # a year number is the cycle code of that year: this one was decided at admission
    numeric = review(client, reviewer, admitted["id"], TODAY.year, "retain")
    assert numeric.status_code == 409 and numeric.json()["detail"]["rule"] == "already_reviewed"
    assert (
        client.post(
            f"{API}/reserve/candidates/999/reviews",
            json={"cycle": "2026", "decision": "admit"},
            headers=reviewer,
        ).status_code
        == 404
    )


def test_recommendation_document_is_attached_and_read_back(
    client, auth_headers, eligible_young, session
) -> None:
    reviewer = auth_headers["reviewer"]
    candidate = nominate(client, reviewer, eligible_young)
    content = "党组推荐意见：该同志政治坚定，业务精通。".encode()
    uploaded = client.post(
        f"{API}/reserve/candidates/{candidate['id']}/documents",
        files={"file": ("推荐材料.txt", content, "text/plain")},
        headers=reviewer,
    )
    assert uploaded.status_code == 201
    doc = uploaded.json()
    assert doc["size"] == len(content) and doc["filename"] == "推荐材料.txt"
    read = client.get(
        f"{API}/reserve/candidates/{candidate['id']}/documents/{doc['id']}", headers=reviewer
    )
    assert read.status_code == 200 and read.content == content
    empty = client.post(
        f"{API}/reserve/candidates/{candidate['id']}/documents",
        files={"file": ("empty.txt", b"", "text/plain")},
        headers=reviewer,
    )
    assert empty.status_code == 422
    assert (
        client.get(
            f"{API}/reserve/candidates/{candidate['id']}/documents/999", headers=reviewer
        ).status_code
        == 404
    )
    detail = client.get(f"{API}/reserve/candidates/{candidate['id']}", headers=reviewer).json()
    assert [d["id"] for d in detail["documents"]] == [doc["id"]]
    logged = session.exec(
        select(AuditEvent.action).where(col(AuditEvent.entity) == "recommendation_document")
    ).all()
    assert sorted(logged) == ["reserve.document.attach", "reserve.document.read"]


def test_dates_outside_the_service_years_are_refused(client, auth_headers, eligible_young) -> None:
    reviewer = auth_headers["reviewer"]
    for path in ("reserve/candidates", "reserve/pool", "reserve/composition", "reserve/ninebox"):
        response = client.get(f"{API}/{path}", params={"on": "1800-01-01"}, headers=reviewer)
        assert response.status_code == 422 and "on" in str(response.json()["detail"]), path
    cycle = client.post(
        f"{API}/reserve/cycles",
        json={"code": "1901", "review_date": "0001-01-02"},
        headers=reviewer,
    )
    assert cycle.status_code == 422 and "review_date" in str(cycle.json()["detail"])
    future = client.post(
        f"{API}/reserve/cycles",
        json={"code": "2099", "review_date": date(TODAY.year + 1, 1, 1).isoformat()},
        headers=reviewer,
    )
    assert future.status_code == 422 and "review_date" in str(future.json()["detail"])
    late = client.post(
        f"{API}/reserve/candidates",
        json={
            "person_id": eligible_young,
            "recommended_on": (TODAY + timedelta(days=3)).isoformat(),
        },
        headers=reviewer,
    )
    assert late.status_code == 422 and "recommended_on" in str(late.json()["detail"])


def test_the_list_filters_by_search_band_eligibility_and_exit_flag(
    client, auth_headers, admitted, org, session: Session
) -> None:
    """The pool page's filters, on the API too: q, band, eligible, flagged, order."""
    reviewer = auth_headers["reviewer"]
    nominate(client, reviewer, org["young2"])  # never graded: not eligible
    url = f"{API}/reserve/candidates"

    def names(**query) -> list[str]:
        response = client.get(url, params=query, headers=reviewer)
        assert response.status_code == 200, response.text
        return [c["name"] for c in response.json()]

    assert names() == ["张伟", "刘洋"]  # by id
    assert names(q="Y002") == ["刘洋"] and names(q="张") == ["张伟"] and names(q="%") == []
    assert names(eligible=True) == ["张伟"] and names(eligible=False) == ["刘洋"]
    listed = client.get(url, headers=reviewer).json()
    band = listed[0]["band"]
    assert "张伟" in names(band=band)
    ready = sorted(listed, key=lambda c: (-c["readiness"], c["id"]))
    assert names(order="readiness") == [c["name"] for c in ready]
    assert names(flagged=True) == []
    # 张伟 ages out: the next cycle flags him, and the flag filter finds him
    person = session.get(Person, org["young"])
    assert person is not None
    person.birth_date = date(TODAY.year - 45, 1, 1)
    session.add(person)
    session.commit()
    opened = client.post(
        f"{API}/reserve/cycles", json={"code": f"{THIS_CYCLE}-2"}, headers=reviewer
    )
    assert opened.status_code == 201, opened.text
    assert names(flagged=True) == ["张伟"] and names(flagged=False) == ["刘洋"]
    assert names(flagged=True, eligible=True) == []
    bad = client.get(url, params={"band": "soon"}, headers=reviewer)
    assert bad.status_code == 422 and "band" in bad.text
    assert client.get(url, params={"q": "x" * 65}, headers=reviewer).status_code == 422
