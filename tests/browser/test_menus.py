"""Each role sees its own menu, and only coordinators get into the admin."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import EMAILS, in_vietnamese, menu_keys, sign_in

pytestmark = pytest.mark.browser

EVERYONE = ["home", "wards", "directory", "map", "channels", "activities"]
SIGNED_IN = [*EVERYONE, "dashboard", "notices", "hours", "my_shifts"]
OFFICERS = [
    *SIGNED_IN,
    "organise",
    "units",
    "teams",
    "sites",
    "coordination",
    "coverage",
    "import",
    "rounds",
    "suggestions",
]

EXPECTED_MENUS = {
    "volunteer": [*SIGNED_IN, "figures"],
    "team_manager": [
        *SIGNED_IN,
        "organise",
        "teams",
        "coordination",
        "suggestions",
        "figures",
    ],
    "site_contact": [*SIGNED_IN, "sites", "coordination", "figures"],
    "officer": [*OFFICERS, "figures"],
    "officer_university": [*OFFICERS, "figures"],
    "coordinator": [*OFFICERS, "plans", "figures", "admin"],
}

MENU_LABELS = {
    "home": "Home",
    "wards": "Wards",
    "directory": "Directory",
    "map": "Map",
    "channels": "Community channels",
    "activities": "Activities",
    "notices": "Notices",
    "hours": "My volunteer hours",
    "my_shifts": "My shifts",
    "organise": "Organise activities",
    "coordination": "Coordination",
    "coverage": "Coverage of sites",
    "import": "Import a list",
    "rounds": "Collection rounds",
    "suggestions": "Suggested visits",
    "plans": "City plans",
    "figures": "Figures",
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

    assert menu_keys(page) == [*EVERYONE, "figures"]


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
