"""The planner opens a person from the roster, declares a conflict and pairs by hand (Chromium).

On the scale-1 demo behind a live server (``tests/web/browser/conftest.py``): every request
that leaves 127.0.0.1 is aborted and fails the test, as does any console error; the roster
and each step of the person page are saved at 1366 and 390 px.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from sqlmodel import Session, col, select

from api.web.names import UnitNames
from models import Link, Pairing, Person
from talent.db import get_engine
from talent.matching.run_views import mentor_suggestions
from tests.web.browser.conftest import UI

PLANNER = ("planner", "demo-planner-2026")


def block_the_internet(ui: UI) -> list[str]:
    """Abort every request whose host is not 127.0.0.1, and list what was attempted."""
    attempted: list[str] = []

    def handle(route: Any) -> None:
        if urlsplit(route.request.url).hostname != "127.0.0.1":
            attempted.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    ui.page.context.route("**/*", handle)
    return attempted


def an_unpaired_clerk() -> tuple[Person, list[Person], str]:
    """A clerk without a mentor who has at least two suggested mentors, the mentors, a label.

    The label is how the conflict picker names the second mentor: name (unit · court).
    """
    with Session(get_engine()) as session:
        paired = select(Pairing.mentee_id).where(
            Pairing.status == "active", Pairing.link == Link.young_clerk.value
        )
        clerks = session.exec(
            select(Person)
            .where(Person.tier == 3, col(Person.active).is_(True), col(Person.id).not_in(paired))
            .order_by(col(Person.id))
        ).all()
        for clerk in clerks:
            found = mentor_suggestions(session, person_id=clerk.id, link=Link.young_clerk)
            if len(found) >= 2:
                mentors = [session.get(Person, s.mentor_id) for s in found]
                units = UnitNames.load(session, "zh")
                second = mentors[1]
                assert second is not None
                return (
                    clerk,
                    [m for m in mentors if m],
                    f"{second.name}（{units.full(second.unit_id)}）",
                )
    raise AssertionError("the demo has no unpaired clerk with two suggested mentors")


def test_planner_opens_a_person_declares_a_conflict_and_pairs_by_hand(ui: UI) -> None:
    page = ui.page
    attempted = block_the_internet(ui)
    clerk, mentors, conflict_label = an_unpaired_clerk()
    ui.log_in(*PLANNER)

    # The roster: count, columns, sorting; find the clerk and open the page by the name.
    page.click("nav.mainnav >> text=花名册")
    page.wait_for_selector("[data-testid=roster-count]")
    assert "共 " in page.inner_text("[data-testid=roster-count]")
    with page.expect_navigation():
        page.click("[data-testid=sort-age]")
    assert page.get_attribute("[data-testid=sort-age]", "href") is not None
    assert page.locator("th[aria-sort=ascending]").count() == 1
    ui.shots("roster-sorted")
    page.fill("#q", clerk.name)
    with page.expect_navigation():
        page.click("form[role=search] button[type=submit]")
    with page.expect_navigation():
        page.locator("[data-testid=roster] a.person-link", has_text=clerk.name).first.click()
    page.wait_for_selector("[data-testid=person-head]")
    assert clerk.name in page.inner_text("[data-testid=person-head]")
    suggestions = page.locator("[data-testid=suggestion]")
    assert suggestions.count() >= 2
    assert mentors[1].name in suggestions.nth(1).inner_text()
    assert "/ 100" in suggestions.first.inner_text()
    assert suggestions.first.locator(".bars .bar-row").count() >= 4
    ui.shots("person")
    ui.shots("person-suggestions", focus="[data-testid=manual]")

    # Declare a conflict with the second suggested mentor: they leave the suggestions.
    page.fill("#other", conflict_label)
    page.fill("#conflict_reason", "近亲属关系")
    with page.expect_navigation():
        page.click("[data-testid=conflict-submit]")
    page.wait_for_selector(f"text=已申报利益冲突：{clerk.name}—{mentors[1].name}。")
    row = page.locator("[data-testid=conflict-row]").first
    assert mentors[1].name in row.inner_text() and "近亲属关系" in row.inner_text()
    suggested = page.locator("[data-testid=suggestion] .suggestion-head a.person-link")
    assert mentors[1].name not in suggested.all_inner_texts()
    ui.shots("person-conflict", focus="[data-testid=conflicts]")

    # Pair by hand with the top suggestion: the flash names both, the pairing is listed.
    top = page.locator("[data-testid=suggestion]").first
    mentor_name = top.locator(".suggestion-head a.person-link").inner_text()
    with page.expect_navigation():
        top.locator("[data-testid=pair]").click()
    page.wait_for_selector(f"text=已结对：{mentor_name}—{clerk.name}")
    pairings = page.inner_text("[data-testid=pairings]")
    assert mentor_name in pairings and "进行中" in pairings
    assert "已有进行中的结对" in page.inner_text("[data-testid=manual]")
    chain = page.inner_text("[data-testid=chain]")
    assert mentor_name in chain
    ui.shots("person-paired")
    ui.shots("person-paired-chain", focus="[data-testid=chain]")

    # The profile form opens in place (a click on its summary).
    page.click("[data-testid=edit-open]")
    assert page.is_visible("[data-testid=profile-form]")
    ui.shots("person-edit", focus="[data-testid=profile-form]")

    # The mentor's name leads to their page, where the clerk is a mentee.
    with page.expect_navigation():
        page.locator("[data-testid=pairings] a.person-link", has_text=mentor_name).first.click()
    assert clerk.name in page.inner_text("[data-testid=pairings]")
    assert not attempted, f"requests left 127.0.0.1: {attempted}"
    ui.assert_clean()
