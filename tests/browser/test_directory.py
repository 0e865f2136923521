"""Checking a group in the public directory, from a phone."""

import re
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, Request, expect

pytestmark = pytest.mark.browser


def _live_search_for(text: str) -> Callable[[Request], bool]:
    def matches(request: Request) -> bool:
        query = parse_qs(urlsplit(request.url).query)
        return query.get("q") == [text] and request.headers.get("hx-request") == "true"

    return matches


def test_typing_a_phone_number_finds_the_registered_team_as_you_type(
    phone_page: Page,
) -> None:
    page = phone_page
    page.goto("/danh-ba/")
    rows = page.get_by_test_id("directory-results").locator("li")
    expect(rows.first).to_be_visible()

    with page.expect_request(_live_search_for("0908 123 456")):
        page.locator("#directory-q").press_sequentially("0908 123 456", delay=30)

    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("CLB Tình nguyện Bến Thành")
    expect(rows.first).to_contain_text("Đoàn phường Bến Thành")
    expect(rows.first.get_by_test_id("verified-badge")).to_be_visible()
    # The address follows the search, so the result can be shared.
    expect(page).to_have_url(re.compile(r"/danh-ba/\?q=0908(%20|\+)123(%20|\+)456"))
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375


def test_a_group_that_is_not_verified_is_reported_as_not_registered(
    page: Page,
) -> None:
    page.goto("/danh-ba/")

    page.locator("#directory-q").fill("bua com yeu thuong")
    page.locator("#directory-q").press("Enter")

    notice = page.get_by_test_id("directory-empty")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("bua com yeu thuong")
    expect(page.get_by_test_id("directory-results")).to_have_count(0)


def test_choosing_a_ward_narrows_the_list_and_a_result_opens_the_teams_page(
    page: Page,
) -> None:
    page.goto("/danh-ba/")

    page.locator("#directory-ward").select_option(label="Xã Bình Chánh")
    results = page.get_by_test_id("directory-results")
    expect(results.locator("li")).to_have_count(1)
    results.get_by_role("link", name="CLB Hiến máu tình nguyện Bình Chánh").click()

    expect(page).to_have_url(re.compile(r"/danh-ba/\d+/$"))
    expect(page.get_by_test_id("registration")).to_contain_text("Đoàn xã Bình Chánh")
    expect(page.get_by_test_id("unit-chain")).to_contain_text("Thành Đoàn")
