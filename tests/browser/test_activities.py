"""An organiser posts an activity; volunteers fill its shift and waitlist.

One volunteer cancels and the first on the waitlist moves up and is told.
The whole path then goes on to the day of the shift: check-in by QR code,
verified hours and a certificate checked on its public page.
"""

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import Page, expect

from portal.accounts.models import User
from portal.activities.models import Activity, SignUp
from portal.hours.models import HourRecord
from portal.notices.models import Notice
from tests.browser.helpers import EMAILS, in_vietnamese, sign_in
from tests.hours.pdf import link_targets

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


def _post_the_activity(
    page: Page, starts: str = "2031-06-01T07:00", ends: str = "2031-06-01T10:00"
) -> str:
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
    shift_form.locator("input[name=starts_at]").fill(starts)
    shift_form.locator("input[name=ends_at]").fill(ends)
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


def test_the_whole_path_from_posting_to_a_certificate_checked_online(
    page: Page, new_page: Any
) -> None:
    # A shift two days ahead, in Vietnam time as the form takes it, so the
    # cancellation cutoff (12 hours by default) is still open today.
    day = timezone.localdate() + dt.timedelta(days=2)
    tz = timezone.get_current_timezone()
    starts = dt.datetime.combine(day, dt.time(7, 0), tzinfo=tz)
    url = _post_the_activity(
        page, starts=f"{day.isoformat()}T07:00", ends=f"{day.isoformat()}T10:00"
    )
    pages = []
    for email in _volunteers():
        person = new_page(locale="vi-VN")
        _sign_up(person, email, url, PASSWORD)
        pages.append(person)
    first, _, third = pages
    with first.expect_navigation():
        first.get_by_role("button", name=in_vietnamese("Cancel my sign-up")).click()
    third.reload()
    expect(third.get_by_test_id("my-status")).to_have_text(
        in_vietnamese("You are signed up")
    )

    # The morning of the shift, a little early: the organiser scans the
    # code on the phone of the volunteer who moved up from the waitlist.
    with time_machine.travel(starts - dt.timedelta(minutes=5), tick=True):
        third.goto("/gio-tinh-nguyen/")
        third.get_by_role("link", name=in_vietnamese("My QR code")).click()
        expect(third.get_by_test_id("qr").locator("svg")).to_be_visible()
        code = third.get_by_test_id("code").inner_text().strip()

        page.goto("/gio-tinh-nguyen/quet/")
        page.locator("input[name=code]").fill(code)
        with page.expect_navigation():
            page.get_by_role("button", name=in_vietnamese("Send the code")).click()
        expect(page.get_by_role("alert")).to_contain_text("Trịnh Văn 3")

    # The end of the shift: the volunteer scans the shift's leaving code,
    # handed to the page's scanner hook as the camera reader would.
    shift_id = SignUp.objects.get(volunteer__full_name="Trịnh Văn 3").shift_id
    with time_machine.travel(starts + dt.timedelta(hours=3, minutes=1), tick=True):
        page.goto(f"/gio-tinh-nguyen/ca/{shift_id}/")
        leave_code = page.get_by_test_id("code-out").inner_text().strip()
        third.goto("/gio-tinh-nguyen/quet/")
        with third.expect_navigation():
            third.evaluate("code => window.portalScanned(code)", leave_code)
        expect(third.get_by_role("alert")).to_contain_text("đã điểm danh ra lúc")

        page.goto(f"/gio-tinh-nguyen/ca/{shift_id}/")
        row = page.locator("[data-volunteer='Trịnh Văn 3']")
        row.get_by_role("button", name=in_vietnamese("Verify")).click()
        expect(row.locator("[data-status]")).to_have_attribute(
            "data-status", "verified"
        )
        # Three hours, not three and five minutes: never more than the shift.
        record = HourRecord.objects.get(signup__volunteer__full_name="Trịnh Văn 3")
        assert record.minutes == 180

        third.goto("/gio-tinh-nguyen/")
        expect(third.locator("[data-total=hours]")).to_have_text(re.compile("3"))
        activity = Activity.objects.get(title=TITLE)
        with third.expect_download() as download:
            third.locator(f"[data-certificate='{activity.pk}']").click()
        with open(download.value.path(), "rb") as downloaded:
            pdf = downloaded.read()

    (address,) = set(link_targets(pdf))
    checker = new_page(locale="vi-VN")
    checker.goto(address)
    expect(checker.locator("[data-verdict]")).to_have_attribute(
        "data-verdict", "genuine"
    )
    certificate = checker.get_by_test_id("certificate")
    expect(certificate).to_contain_text("Trịnh Văn 3")
    expect(certificate).to_contain_text(TITLE)
    expect(certificate.locator("[data-field=hours]")).to_have_text("3,00")
