"""A real Chromium (Debian's, at /usr/bin/chromium) driven by Playwright against the live test server."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError

# Playwright's synchronous API runs an event loop in this thread; the ORM calls made by the
# test itself are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(path):
        raise RuntimeError("Chromium is needed for the browser tests: apt-get install chromium (see .ci/run)")
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(autouse=True)
def no_page_outlives_its_test(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every page a test opened is closed when it ends: a hall's results screen left open goes on asking
    the live server for updates while the next tests run and change the settings under it."""
    yield
    if "browser" in request.fixturenames:
        for context in request.getfixturevalue("browser").contexts:
            context.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    opened = context.new_page()
    opened.set_default_timeout(10_000)
    yield opened
    context.close()


_axe = Axe()


def serious_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the page as it stands.

    A click on a link starts a navigation and returns; axe waits for the new
    document to load, and runs again if the old one went away under it.
    """
    for attempt in range(3):
        page.wait_for_load_state("load")
        try:
            results = _axe.run(page)
            break
        except PlaywrightError as error:
            navigating = "documentElement" in str(error) or "context was destroyed" in str(error)
            if not navigating or attempt == 2:
                raise
    violations: list[dict[str, Any]] = results.response["violations"]
    return [v for v in violations if v.get("impact") in {"serious", "critical"}]


def assert_accessible(page: Page) -> None:
    problems = serious_violations(page)
    summary = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in problems
    )
    assert not problems, f"axe found serious or critical problems on {page.url}:\n{summary}"
