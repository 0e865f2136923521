"""Signing in with an e-mail address or a phone number, in Chromium."""

import re

import pytest
from playwright.sync_api import Page, expect

from portal.accounts.forms import SignInForm
from tests.browser.helpers import (
    DASHBOARD,
    EMAILS,
    NAMES,
    SIGN_IN_PATH,
    in_vietnamese,
    sign_in,
)

pytestmark = pytest.mark.browser


def test_a_volunteer_signs_in_with_their_e_mail_and_sees_their_page(
    page: Page,
) -> None:
    sign_in(page, EMAILS["volunteer"])

    expect(page).to_have_url(DASHBOARD)
    expect(page.get_by_test_id("user-name")).to_have_text(NAMES["volunteer"])
    expect(page.locator("main h1")).to_have_text(
        in_vietnamese("Hello, %(name)s") % {"name": NAMES["volunteer"]}
    )


def test_a_volunteer_signs_in_with_a_phone_number_written_with_dots(
    page: Page,
) -> None:
    sign_in(page, "0901.000.006")

    expect(page).to_have_url(DASHBOARD)
    expect(page.get_by_test_id("user-name")).to_have_text(NAMES["volunteer"])


def test_a_wrong_password_is_refused_with_a_message_in_vietnamese(
    page: Page,
) -> None:
    sign_in(page, EMAILS["volunteer"], password="not-the-password")

    expect(page).to_have_url(re.compile(re.escape(SIGN_IN_PATH) + "$"))
    expect(page.get_by_role("alert")).to_have_text(
        in_vietnamese(SignInForm.error_messages["invalid_login"])
    )
    expect(page.get_by_test_id("user-name")).to_have_count(0)
