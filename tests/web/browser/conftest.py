"""Fixtures for the browser tests: a live server on the demo data, Debian's Chromium, a page.

They use their own SQLite copy of a migrated database with the demo loaded
(``demo_database``), served by uvicorn in a thread (``live_server``) and driven by
Playwright in Debian's Chromium (``ui``). Without Chromium they skip with the reason shown,
unless ``TALENT_TEST_REQUIRE_BROWSER=1`` (CI), where they fail.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import pytest
import uvicorn
from sqlmodel import Session

from api.deps import get_session
from api.main import create_app
from talent import db as talent_db
from talent.db import make_engine
from talent.demo.load import REFERENCE_DATE, load_demo
from talent.migrate import upgrade
from tests.web.conftest import mount_web

REQUIRE_BROWSER = os.environ.get("TALENT_TEST_REQUIRE_BROWSER") == "1"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


def _missing(message: str) -> NoReturn:
    if REQUIRE_BROWSER:
        pytest.fail(message + " and TALENT_TEST_REQUIRE_BROWSER=1")
    pytest.skip(message)


def _has_chinese_font() -> bool:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    found = subprocess.run(
        [fc_list, ":lang=zh", "family"], capture_output=True, text=True, check=False
    )
    return bool(found.stdout.strip())


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's Chromium, with a font that draws Chinese (else the pages show boxes)."""
    path = shutil.which("chromium")
    if path is None:
        _missing("Debian's chromium is not installed (apt-get install -y chromium fonts-noto-cjk)")
    if not _has_chinese_font():
        _missing("no Chinese font is installed (apt-get install -y fonts-noto-cjk)")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file with the scale-1 demo loaded, copied for each browser test."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with Session(engine) as session:
        load_demo(session, scale=1, reference_date=REFERENCE_DATE)
        session.commit()
    engine.dispose()
    return path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def live_server(demo_database: Path, tmp_path: Path) -> Iterator[str]:
    """The app on a free local port, in a thread, against a fresh copy of the demo database."""
    path = tmp_path / "live.db"
    shutil.copyfile(demo_database, path)
    engine = make_engine(f"sqlite:///{path}")
    talent_db.set_engine(engine)
    app = create_app()

    def override() -> Iterator[Session]:
        with Session(engine) as session:
            yield session

    app.dependency_overrides[get_session] = override
    mount_web(app)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the live server did not start")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    talent_db.set_engine(None)
    engine.dispose()


@dataclass
class UI:
    """A browser page on the live server that records every console error and failed request."""

    page: Any
    base: str
    name: str
    problems: list[str] = field(default_factory=list)
    allowed_statuses: set[int] = field(default_factory=set)

    def go(self, path: str) -> None:
        self.page.goto(self.base + path)

    def log_in(self, username: str, password: str) -> None:
        self.go("/login")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", password)
        with self.page.expect_navigation():
            self.page.click("form[action='/login'] button[type=submit]")

    def shots(self, label: str, focus: str | None = None) -> None:
        """Screenshots at 1366x768 and 390x844 (scrolled to ``focus`` if given).

        At 390 px the page must not scroll sideways.
        """
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for size, suffix in ((DESKTOP, "1366"), (PHONE, "390")):
            self.page.set_viewport_size(size)
            if focus:
                self.page.locator(focus).first.scroll_into_view_if_needed()
            self.page.screenshot(path=SCREENSHOTS / f"{self.name}-{label}-{suffix}.png")
        overflow = self.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, f"{label}: the page is {overflow}px wider than a 390px phone"
        self.page.set_viewport_size(DESKTOP)

    def assert_clean(self) -> None:
        assert not self.problems, "console errors or failed requests:\n" + "\n".join(self.problems)


@pytest.fixture
def ui(browser: Any, live_server: str, request: pytest.FixtureRequest) -> Iterator[UI]:
    """A fresh browser context (Chinese locale, desktop size) on the live server."""
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    helper = UI(page=page, base=live_server, name=request.node.name)

    def on_console(message: Any) -> None:
        expected = re.search(r"responded with a status of (\d+)", message.text)
        if expected and int(expected.group(1)) in helper.allowed_statuses:
            return  # Chromium logs every 4xx page; a test names the ones it expects
        if message.type == "error":
            helper.problems.append(f"console: {message.text}")

    def on_response(response: Any) -> None:
        if response.status >= 400 and response.status not in helper.allowed_statuses:
            helper.problems.append(f"HTTP {response.status}: {response.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: helper.problems.append(f"page error: {error}"))

    def on_failed(request: Any) -> None:
        # Leaving a page cancels its favicon fetch: the browser's doing, not a failure.
        if request.failure == "net::ERR_ABORTED" and request.url.endswith("/favicon.svg"):
            return
        helper.problems.append(f"request failed: {request.url} {request.failure}")

    page.on("requestfailed", on_failed)
    page.on("response", on_response)
    yield helper
    context.close()
    helper.assert_clean()
