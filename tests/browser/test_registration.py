"""A volunteer creates an account in Chromium."""

import pytest
from playwright.sync_api import Page, expect

from portal.accounts.forms import RegistrationForm
from portal.accounts.models import User
from tests.browser.helpers import DASHBOARD, in_vietnamese

pytestmark = pytest.mark.browser

NEW_VOLUNTEER = {
    "full_name": "Hoàng Thị Mùa Hè",
    "email": "muahe.hoang@example.vn",
    "phone": "0987 654 321",
    "password": "xanh-la-cay-2026",
}


def _fill_registration(page: Page) -> None:
    page.goto("/tai-khoan/dang-ky/")
    for name, value in NEW_VOLUNTEER.items():
        page.locator(f"input[name={name}]").fill(value)


def test_a_volunteer_who_consents_gets_an_account_and_lands_on_their_page(
    page: Page,
) -> None:
    _fill_registration(page)
    page.locator("input[name=consent]").check()

    with page.expect_navigation():
        page.locator("main button[type=submit]").click()

    expect(page).to_have_url(DASHBOARD)
    expect(page.get_by_test_id("user-name")).to_have_text(NEW_VOLUNTEER["full_name"])
    expect(page.get_by_role("alert")).to_have_text(
        in_vietnamese("Welcome! Your volunteer account is ready.")
    )
    user = User.objects.get(email=NEW_VOLUNTEER["email"])
    assert user.phone == "0987654321"
    assert user.consented_at is not None


def test_registering_without_consent_is_refused_under_the_consent_box(
    page: Page,
) -> None:
    _fill_registration(page)

    with page.expect_navigation():
        page.locator("main button[type=submit]").click()

    consent_error = page.locator(".form-check .invalid-feedback")
    expect(consent_error).to_have_text(
        in_vietnamese(
            RegistrationForm.base_fields["consent"].error_messages["required"]
        )
    )
    expect(page.get_by_test_id("user-name")).to_have_count(0)
    assert not User.objects.filter(email=NEW_VOLUNTEER["email"]).exists()
