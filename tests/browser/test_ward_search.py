"""Finding a ward by typing its name without accents."""

import re
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, Request, expect

pytestmark = pytest.mark.browser


def _live_search_for(text: str) -> Callable[[Request], bool]:
    """Whether a request is htmx asking for the wards matching the text."""

    def matches(request: Request) -> bool:
        query = parse_qs(urlsplit(request.url).query)
        return query.get("q") == [text] and request.headers.get("hx-request") == "true"

    return matches


def test_typing_ben_thanh_finds_phuong_ben_thanh_as_you_type(page: Page) -> None:
    page.goto("/phuong-xa/")
    rows = page.get_by_test_id("ward-results").locator("li")
    expect(rows).to_have_count(30)

    with page.expect_request(_live_search_for("ben thanh")):
        page.locator("#ward-q").press_sequentially("ben thanh", delay=40)

    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Phường Bến Thành")
    # The list changed in place: no page load, the address is unchanged.
    expect(page).to_have_url(re.compile(r"/phuong-xa/$"))
    expect(page.locator("#ward-q")).to_be_focused()
