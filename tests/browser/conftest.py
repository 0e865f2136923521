"""Fixtures for the browser tests: Debian's Chromium driven by Playwright.

One browser is started for all of them; every test gets a fresh context
(no cookies, no storage) pointed at pytest-django's live server, with the
demo data committed by ``seeded_transactional_db`` so that the server
thread can see it.
"""

import os
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import Browser, Page, Playwright, expect, sync_playwright

from tests.browser.helpers import PHONE_VIEWPORT

ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-gpu",
]

# Long enough for a slow first page on a loaded two-core machine.
TIMEOUT_MS = 15_000


@pytest.fixture(scope="package")
def playwright() -> Iterator[Playwright]:
    """Playwright, started once for all the browser tests.

    Its sync API keeps an asyncio event loop running in the test thread
    for as long as it is started. Django sees that running loop and
    refuses ORM calls from the thread (SynchronousOnlyOperation), although
    the fixtures and tests call the ORM synchronously and never while the
    loop is doing anything of theirs; DJANGO_ALLOW_ASYNC_UNSAFE lifts that
    check. Playwright and the variable both end with the last browser test
    (package scope, not session): later tests keep Django's check, and the
    commands they start do not inherit the variable, which
    ``manage.py check --deploy`` rightly refuses.
    """
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        with sync_playwright() as driver:
            yield driver
    finally:
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous


@pytest.fixture(scope="package")
def browser(playwright: Playwright) -> Iterator[Browser]:
    chromium = playwright.chromium.launch(
        executable_path=getattr(settings, "CHROMIUM_PATH", "/usr/bin/chromium"),
        args=CHROMIUM_ARGS,
        headless=True,
    )
    expect.set_options(timeout=TIMEOUT_MS)
    yield chromium
    chromium.close()


@pytest.fixture
def portal_url(live_server: Any, seeded_transactional_db: None) -> str:
    return str(live_server.url)


def _page_in_new_context(
    browser: Browser, base_url: str, **options: Any
) -> Iterator[Page]:
    context = browser.new_context(base_url=base_url, **options)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def page(browser: Browser, portal_url: str) -> Iterator[Page]:
    """A desktop-sized page in a browser set to Vietnamese."""
    yield from _page_in_new_context(browser, portal_url, locale="vi-VN")


@pytest.fixture
def phone_page(browser: Browser, portal_url: str) -> Iterator[Page]:
    """A page the size of a small phone, with touch, set to Vietnamese."""
    yield from _page_in_new_context(
        browser,
        portal_url,
        locale="vi-VN",
        viewport=PHONE_VIEWPORT,
        is_mobile=True,
        has_touch=True,
    )


@pytest.fixture
def new_page(browser: Browser, portal_url: str) -> Iterator[Any]:
    """Open pages in further fresh contexts, e.g. with another language."""
    contexts = []

    def open_page(**options: Any) -> Page:
        context = browser.new_context(base_url=portal_url, **options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
