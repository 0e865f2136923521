"""Each role sees its own menu, and only coordinators get into the admin."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import EMAILS, in_vietnamese, menu_keys, sign_in

pytestmark = pytest.mark.browser

EVERYONE = ["home", "wards", "directory", "map", "channels"]
SIGNED_IN = [*EVERYONE, "dashboard"]
OFFICERS = [*SIGNED_IN, "units", "teams", "sites"]

EXPECTED_MENUS = {
    "volunteer": SIGNED_IN,
    "team_manager": [*SIGNED_IN, "teams"],
    "site_contact": [*SIGNED_IN, "sites"],
    "officer": OFFICERS,
    "officer_university": OFFICERS,
    "coordinator": [*OFFICERS, "admin"],
}

MENU_LABELS = {
    "home": "Home",
    "wards": "Wards",
    "directory": "Directory",
    "map": "Map",
    "channels": "Community channels",
    "dashboard": "My page",
    "units": "Units",
    "teams": "Teams",
    "sites": "Sites",
    "admin": "Administration",
}


def test_a_visitor_who_has_not_signed_in_sees_only_the_public_menu(
    page: Page,
) -> None:
    page.goto("/")

    assert menu_keys(page) == EVERYONE


@pytest.mark.parametrize("role", list(EXPECTED_MENUS))
def test_after_signing_in_each_role_sees_exactly_its_menu(
    page: Page, role: str
) -> None:
    sign_in(page, EMAILS[role])

    expected = EXPECTED_MENUS[role]
    assert menu_keys(page) == expected
    labels = page.locator("[data-menu]").all_inner_texts()
    assert labels == [in_vietnamese(MENU_LABELS[key]) for key in expected]


def test_a_coordinator_opens_the_administration_from_the_menu(page: Page) -> None:
    sign_in(page, EMAILS["coordinator"])

    page.locator("[data-menu=admin]").click()

    expect(page).to_have_url(re.compile(r"/quan-tri/$"))
    expect(page.locator("#site-name")).to_have_text(
        in_vietnamese("Volunteer portal administration")
    )
    expect(page.locator("#content-main")).to_be_visible()


def test_an_officer_is_refused_the_administration(page: Page) -> None:
    sign_in(page, EMAILS["officer"])

    page.goto("/quan-tri/units/unit/")

    expect(page).to_have_url(re.compile(r"/quan-tri/login/\?next="))
    expect(page.locator(".errornote")).to_contain_text(EMAILS["officer"])
    expect(page.locator("#changelist")).to_have_count(0)
