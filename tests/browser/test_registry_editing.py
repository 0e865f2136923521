"""Officers and site contacts keep the registries from a phone."""

import re

import pytest
from playwright.sync_api import Page, expect

from portal.sites.models import Need, Site
from portal.teams.models import Team
from tests.browser.helpers import EMAILS, PHONE_VIEWPORT, sign_in

pytestmark = pytest.mark.browser

NEW_TEAM = "Câu lạc bộ TN Bến Thành"
EXISTING_TEAM = "CLB Tình nguyện Bến Thành"


def _fields_past_the_edge(page: Page) -> tuple[int, list[str]]:
    width = PHONE_VIEWPORT["width"]
    page_width = page.evaluate("document.documentElement.scrollWidth")
    too_wide = page.locator("main input, main select, main textarea").evaluate_all(
        f"""fields => fields
            .filter(field => field.getBoundingClientRect().right > {width})
            .map(field => field.name)"""
    )
    return page_width, too_wide


def _save(page: Page) -> None:
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.tap()


def test_an_officer_adds_a_team_confirms_a_possible_duplicate_and_it_is_saved(
    phone_page: Page,
) -> None:
    page = phone_page
    sign_in(page, EMAILS["officer"])
    page.goto("/doi-nhom/")
    with page.expect_navigation():
        page.locator("[data-action=add-team]").tap()

    width, too_wide = _fields_past_the_edge(page)
    assert width <= PHONE_VIEWPORT["width"], too_wide

    page.locator("select[name=unit]").select_option(label="Đoàn phường Bến Thành")
    page.locator("input[name=name]").fill(NEW_TEAM)
    page.locator("select[name=kind]").select_option("club")
    page.locator("select[name=ward]").select_option(label="Phường Bến Thành")
    page.locator("input[name=leader_name]").fill("Lâm Thị Hạnh")
    page.locator("input[name=fields]").first.check()
    _save(page)

    warning = page.get_by_test_id("duplicates")
    expect(warning).to_contain_text(EXISTING_TEAM)
    assert not Team.objects.filter(name=NEW_TEAM).exists()

    page.locator("input[name=confirm_duplicate]").check()
    _save(page)

    expect(page).to_have_url(re.compile(r"/doi-nhom/\d+/$"))
    expect(page.locator("main h1")).to_have_text(NEW_TEAM)
    assert Team.objects.get(name=NEW_TEAM).fields.count() == 1


def test_the_site_form_fits_a_phone_screen(phone_page: Page) -> None:
    page = phone_page
    sign_in(page, EMAILS["officer"])
    page.goto("/dia-chi/them/")

    width, too_wide = _fields_past_the_edge(page)

    assert width <= PHONE_VIEWPORT["width"], too_wide


def test_a_site_contact_adds_a_need_from_a_phone(phone_page: Page) -> None:
    page = phone_page
    sign_in(page, EMAILS["site_contact"])
    site_id = Site.objects.get(name="Mái ấm Hoa Hồng").pk
    page.goto(f"/dia-chi/{site_id}/")
    with page.expect_navigation():
        page.locator("[data-action=add-need]").tap()

    width, too_wide = _fields_past_the_edge(page)
    assert width <= PHONE_VIEWPORT["width"], too_wide

    page.locator("select[name=category]").select_option("food")
    page.locator("textarea[name=description]").fill("Sữa bột cho trẻ dưới 3 tuổi")
    page.locator("input[name=quantity]").fill("24")
    page.locator("input[name=quantity_unit]").fill("hộp")
    page.locator("select[name=urgency]").select_option("high")
    _save(page)

    need = page.locator("[data-part=needs] li", has_text="Sữa bột cho trẻ")
    expect(need).to_be_visible()
    assert Need.objects.get(description="Sữa bột cho trẻ dưới 3 tuổi").quantity == 24
