"""An organiser posts an activity; volunteers fill its shift and waitlist.

One volunteer cancels and the first on the waitlist moves up and is told.
"""

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from portal.accounts.models import User
from portal.activities.models import Activity, SignUp
from portal.notices.models import Notice
from tests.browser.helpers import EMAILS, in_vietnamese, sign_in

pytestmark = pytest.mark.browser

TEAM = "CLB Tình nguyện Bến Thành"
TITLE = "Chủ nhật xanh: dọn rác kênh Thị Nghè"
PASSWORD = "mat-khau-rieng-2026"


def _volunteers() -> list[str]:
    """Three volunteers' e-mails, with the same password."""
    emails = []
    for n in (1, 2, 3):
        user = User.objects.create_user(
            email=f"tnv.trinh{n}@example.test",
            phone=f"093300000{n}",
            password=PASSWORD,
            full_name=f"Trịnh Văn {n}",
        )
        emails.append(user.email)
    return emails


def _post_the_activity(page: Page) -> str:
    sign_in(page, EMAILS["team_manager"])
    page.goto("/hoat-dong/quan-ly/")
    page.get_by_role("link", name=in_vietnamese("New activity")).click()
    page.locator("input[name=title]").fill(TITLE)
    page.locator("select[name=team]").select_option(label=TEAM)
    page.locator("input[name=place]").fill("Cầu Thị Nghè")
    with page.expect_navigation():
        page.get_by_role("button", name=in_vietnamese("Save")).click()
    expect(page).to_have_url(re.compile(r"/hoat-dong/\d+/ca/$"))

    shift_form = page.get_by_test_id("shift-form")
    shift_form.locator("input[name=starts_at]").fill("2031-06-01T07:00")
    shift_form.locator("input[name=ends_at]").fill("2031-06-01T10:00")
    shift_form.locator("input[name=capacity]").fill("2")
    with page.expect_navigation():
        shift_form.get_by_role("button", name=in_vietnamese("Add the shift")).click()
    expect(page.get_by_role("alert")).to_have_text(in_vietnamese("Shifts added."))

    page.get_by_role("link", name=TITLE).click()
    with page.expect_navigation():
        page.get_by_role("button", name=in_vietnamese("Publish"), exact=True).click()
    expect(page.get_by_test_id("activity-state")).to_have_text(
        in_vietnamese("Published")
    )
    return page.url


def _sign_up(page: Page, email: str, url: str, password: str) -> None:
    """Sign in and tap the shift's one button: sign up, or join the waitlist."""
    sign_in(page, email, password)
    page.goto(url)
    with page.expect_navigation():
        page.locator("[data-testid^=shift-] form button").click()


def test_volunteers_fill_a_shift_and_the_next_in_line_moves_up(
    page: Page, new_page: Any
) -> None:
    url = _post_the_activity(page)
    volunteers = _volunteers()
    pages = []
    for email in volunteers:
        person = new_page(locale="vi-VN")
        _sign_up(person, email, url, PASSWORD)
        pages.append(person)

    first, second, third = pages
    for confirmed in (first, second):
        expect(confirmed.get_by_test_id("my-status")).to_have_text(
            in_vietnamese("You are signed up")
        )
    expect(third.get_by_test_id("my-status")).to_contain_text("1")
    expect(third.get_by_test_id("shift-places")).to_contain_text("0")

    with first.expect_navigation():
        first.get_by_role("button", name=in_vietnamese("Cancel my sign-up")).click()
    expect(first.get_by_role("alert")).to_have_text(
        in_vietnamese("The sign-up is cancelled.")
    )

    third.reload()
    expect(third.get_by_test_id("my-status")).to_have_text(
        in_vietnamese("You are signed up")
    )
    activity = Activity.objects.get(title=TITLE)
    promoted = SignUp.objects.get(
        shift__activity=activity, volunteer__email=volunteers[2]
    )
    assert promoted.status == "confirmed"
    assert Notice.objects.filter(
        user__email=volunteers[2], key=f"signup-{promoted.pk}-promoted"
    ).exists()

    page.goto(url)
    page.get_by_role("link", name=in_vietnamese("Roster")).click()
    roster = page.get_by_test_id("roster")
    expect(roster).to_contain_text("0933000003")
    expect(roster).not_to_contain_text(
        User.objects.get(email=volunteers[0]).phone or "-"
    )
