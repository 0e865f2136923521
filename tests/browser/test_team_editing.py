"""An officer keeps a team of their unit up to date from a phone."""

import re

import pytest
from playwright.sync_api import Page, expect

from portal.teams.models import Team
from tests.browser.helpers import EMAILS, PHONE_VIEWPORT, in_vietnamese, sign_in

pytestmark = pytest.mark.browser

TEAM = "CLB Tình nguyện Bến Thành"
PHONE_ERROR = "This is not a Vietnamese phone number, e.g. 0908123456."


def _open_the_team_form(page: Page) -> None:
    """From the officer's page to the team's form, through the phone menu."""
    sign_in(page, EMAILS["officer"])

    teams_link = page.locator("[data-menu=teams]")
    expect(teams_link).to_be_hidden()
    page.locator(".navbar-toggler").tap()
    page.locator("[data-menu-group=manage]").tap()
    teams_link.tap()
    page.get_by_role("link", name=TEAM).tap()
    page.get_by_role("link", name=in_vietnamese("Edit")).tap()
    expect(page).to_have_url(re.compile(r"/doi-nhom/\d+/sua/$"))


def _save(page: Page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=in_vietnamese("Save")).tap()


def test_an_officer_edits_their_units_team_on_a_phone_and_sees_it_saved(
    phone_page: Page,
) -> None:
    page = phone_page
    _open_the_team_form(page)

    page.locator("input[name=member_count]").fill("52")
    page.locator("input[name=leader_name]").fill("Phạm Minh Khoa")
    page.locator("input[name=phone]").fill("0908.765.432")
    _save(page)

    expect(page).to_have_url(re.compile(r"/doi-nhom/\d+/$"))
    expect(page.get_by_role("alert")).to_have_text(in_vietnamese("Saved."))
    details = page.locator("main dl")
    expect(details).to_contain_text("Phạm Minh Khoa")
    expect(details).to_contain_text("52")

    page.get_by_role("link", name=in_vietnamese("Edit")).tap()
    expect(page.locator("input[name=member_count]")).to_have_value("52")
    expect(page.locator("input[name=phone]")).to_have_value("0908765432")


def test_a_bad_phone_number_is_shown_under_the_phone_field(
    phone_page: Page,
) -> None:
    page = phone_page
    _open_the_team_form(page)

    phone = page.locator("input[name=phone]")
    phone.fill("12345")
    _save(page)

    error = page.locator(".invalid-feedback[data-field=phone]")
    expect(error).to_have_text(in_vietnamese(PHONE_ERROR))
    expect(page.locator(".invalid-feedback")).to_have_count(1)
    phone_box = phone.bounding_box()
    error_box = error.bounding_box()
    assert phone_box is not None and error_box is not None
    assert error_box["y"] >= phone_box["y"] + phone_box["height"]
    expect(phone).to_have_value("12345")
    assert Team.objects.get(name=TEAM).phone == "0908123456"


def test_the_team_form_fits_a_phone_screen(phone_page: Page) -> None:
    page = phone_page
    _open_the_team_form(page)

    page_width = page.evaluate("document.documentElement.scrollWidth")
    screen_width = PHONE_VIEWPORT["width"]
    too_wide = page.locator("main input, main select, main textarea").evaluate_all(
        f"""fields => fields
            .filter(field => field.getBoundingClientRect().right > {screen_width})
            .map(field => field.name)"""
    )
    assert page_width <= screen_width, (
        f"The team form is {page_width}px wide on a {screen_width}px screen; "
        f"these fields reach past its edge: {too_wide}"
    )
