"""Each role sees its own menu, and only coordinators get into the admin."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import (
    EMAILS,
    in_vietnamese,
    menu_keys,
    open_menu,
    sign_in,
)

pytestmark = pytest.mark.browser

PUBLIC = ["home", "activities", "directory", "map", "wards", "channels"]
EVERYONE = [*PUBLIC, "figures"]
SIGNED_IN = [*EVERYONE, "dashboard", "notices", "my_shifts", "hours"]
OFFICERS = [
    *SIGNED_IN,
    "organise",
    "coordination",
    "suggestions",
    "coverage",
    "units",
    "teams",
    "sites",
    "rounds",
    "import",
]

EXPECTED_MENUS = {
    "volunteer": SIGNED_IN,
    "team_manager": [
        *SIGNED_IN,
        "organise",
        "coordination",
        "suggestions",
        "teams",
    ],
    "site_contact": [*SIGNED_IN, "coordination", "sites"],
    "officer": OFFICERS,
    "officer_university": OFFICERS,
    "coordinator": [
        *SIGNED_IN,
        "organise",
        "coordination",
        "suggestions",
        "coverage",
        "plans",
        "units",
        "teams",
        "sites",
        "rounds",
        "import",
        "admin",
    ],
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

    assert menu_keys(page) == EVERYONE
    expect(page.locator("[data-menu-group]")).to_have_count(0)


@pytest.mark.parametrize("role", list(EXPECTED_MENUS))
def test_after_signing_in_each_role_sees_exactly_its_menu(
    page: Page, role: str
) -> None:
    sign_in(page, EMAILS[role])

    expected = EXPECTED_MENUS[role]
    assert menu_keys(page) == expected
    labels = page.locator("[data-menu]").all_inner_texts()
    assert labels == [in_vietnamese(MENU_LABELS[key]) for key in expected]


def test_a_coordinators_pages_are_grouped_under_four_headings(page: Page) -> None:
    sign_in(page, EMAILS["coordinator"])

    groups = page.locator("[data-menu-group]")
    expect(groups).to_have_text(
        [in_vietnamese(label) for label in ("Explore", "Mine", "Organise", "Manage")]
    )
    expect(page.locator("[data-menu=admin]")).to_be_hidden()


def test_a_coordinator_opens_the_administration_from_the_menu(page: Page) -> None:
    sign_in(page, EMAILS["coordinator"])

    open_menu(page, "admin")

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
