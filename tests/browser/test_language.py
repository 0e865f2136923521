"""The portal speaks Vietnamese first and English on request."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import in_english, in_vietnamese

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("browser_language", ["vi-VN", "en-US", "fr-FR"])
def test_the_home_page_is_in_vietnamese_unless_english_is_asked_for(
    new_page: Callable[..., Page], browser_language: str
) -> None:
    # Whatever the browser is set to (many phones here are set to English),
    # the portal speaks Vietnamese until the visitor picks another language.
    page = new_page(locale=browser_language)

    page.goto("/")

    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.locator("[data-menu=home]")).to_have_text(in_vietnamese("Home"))
    expect(page.locator("main h1")).to_have_text(
        in_vietnamese("Volunteer portal of Ho Chi Minh City")
    )


def test_switching_to_english_changes_the_menu_and_stays_chosen(
    page: Page,
) -> None:
    page.goto("/")
    expect(page.locator("[data-menu=wards]")).to_have_text(in_vietnamese("Wards"))

    with page.expect_navigation():
        page.get_by_role("combobox").select_option("en")

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("[data-menu=home]")).to_have_text(in_english("Home"))
    expect(page.locator("[data-menu=wards]")).to_have_text(in_english("Wards"))

    page.locator("[data-menu=wards]").click()
    expect(page.locator("main h1")).to_have_text(
        in_english("Wards and communes of Ho Chi Minh City")
    )


def test_the_pages_are_styled_by_bootstrap_served_by_the_portal(
    page: Page,
) -> None:
    with page.expect_response(lambda r: "bootstrap.min.css" in r.url) as answer:
        page.goto("/")

    assert answer.value.ok
    assert answer.value.url.startswith(page.url.rstrip("/") + "/static/")
    # The navigation bar's colour comes from Bootstrap's "bg-primary".
    navbar = page.locator("nav.navbar")
    expect(navbar).to_have_css("background-color", "rgb(13, 110, 253)")
    assert page.evaluate("typeof window.htmx") == "object"
    page.screenshot(path="/tmp/browser-home.png", full_page=True)
