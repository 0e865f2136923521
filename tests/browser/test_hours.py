"""Check-in by QR code, verifying hours, and a certificate checked online.

A headless browser has no camera, so the scanner's camera is not used
here: the organiser types the volunteer's code into the fallback field to
check them in, and at the end the code is handed to the page's scanner
hook (``portalScanned``), the function jsQR's reading calls once it has
decoded a frame. jsQR's decoding itself is not exercised.
"""

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from portal.hours.models import Certificate, HourRecord
from portal.units.models import Unit
from tests.browser.helpers import EMAILS, PHONE_VIEWPORT, in_vietnamese, sign_in
from tests.hours.factories import make_activity, make_shift, sign_up
from tests.hours.pdf import link_targets

pytestmark = pytest.mark.browser

TITLE = "Tiếp sức mùa thi – điểm Trường THPT Bùi Thị Xuân"


@pytest.fixture
def signup(portal_url: str) -> Any:
    from portal.accounts.models import User

    activity = make_activity(title=TITLE)
    shift = make_shift(
        activity, starts_at=timezone.now() - dt.timedelta(minutes=10), hours=3
    )
    volunteer = User.objects.get(email=EMAILS["volunteer"])
    return sign_up(shift, volunteer)


def phone(browser: Browser, portal_url: str) -> Page:
    context = browser.new_context(
        base_url=portal_url,
        locale="vi-VN",
        viewport=PHONE_VIEWPORT,
        is_mobile=True,
        has_touch=True,
    )
    context.set_default_timeout(15_000)
    return context.new_page()


def volunteers_code(page: Page, signup: Any) -> str:
    page.goto(f"/gio-tinh-nguyen/ma/{signup.pk}/")
    expect(page.get_by_test_id("qr").locator("svg")).to_be_visible()
    return page.get_by_test_id("code").inner_text().strip()


def test_check_in_by_qr_verify_hours_and_check_the_certificate(
    browser: Browser, portal_url: str, page: Page, signup: Any
) -> None:
    volunteer = phone(browser, portal_url)
    organiser = phone(browser, portal_url)
    sign_in(volunteer, EMAILS["volunteer"])
    sign_in(organiser, EMAILS["team_manager"])

    # Arrival: the organiser types the code shown on the volunteer's phone.
    organiser.goto("/gio-tinh-nguyen/quet/")
    organiser.locator("input[name=code]").fill(volunteers_code(volunteer, signup))
    with organiser.expect_navigation():
        organiser.get_by_role("button", name=in_vietnamese("Send the code")).tap()
    expect(organiser.get_by_role("alert")).to_contain_text("Đặng Văn Tình Nguyện")

    # The same code again is refused: each volunteer code works once.
    used = volunteer.get_by_test_id("code").inner_text().strip()
    organiser.locator("input[name=code]").fill(used)
    organiser.get_by_role("button", name=in_vietnamese("Send the code")).tap()
    expect(organiser.locator("[data-field=code]")).to_contain_text(
        "Mã điểm danh: mã này đã được dùng"
    )

    # Leaving: the volunteer scans the shift's code from the organiser's
    # page, handed over as the camera reader would.
    organiser.goto(f"/gio-tinh-nguyen/ca/{signup.shift_id}/")
    leave_code = organiser.get_by_test_id("code-out").inner_text().strip()
    volunteer.goto("/gio-tinh-nguyen/quet/")
    with volunteer.expect_navigation():
        volunteer.evaluate("code => window.portalScanned(code)", leave_code)
    expect(volunteer.get_by_role("alert")).to_contain_text("đã điểm danh ra lúc")
    assert HourRecord.objects.get(signup=signup).check_out_at is not None

    # The organiser corrects the hours on the shift page, with a reason.
    organiser.goto(f"/gio-tinh-nguyen/ca/{signup.shift_id}/")
    row = organiser.locator("[data-volunteer='Đặng Văn Tình Nguyện']")
    row.locator("input[name=hours]").fill("5")
    row.locator("input[name=reason]").fill("Ở lại dọn dẹp")
    row.get_by_role("button", name=in_vietnamese("Verify")).tap()
    expect(organiser.get_by_role("alert")).to_contain_text("3,00 giờ")
    row.locator("input[name=hours]").fill("2,5")
    row.locator("input[name=reason]").fill("Quên quét mã khi về")
    row.get_by_role("button", name=in_vietnamese("Verify")).tap()
    expect(row.locator("[data-status]")).to_have_attribute("data-status", "verified")

    # The volunteer downloads the certificate from their record.
    volunteer.goto("/gio-tinh-nguyen/")
    expect(volunteer.locator("[data-total=hours]")).to_have_text(re.compile("2,5"))
    link = volunteer.locator(f"[data-certificate='{signup.shift.activity_id}']")
    with volunteer.expect_download() as download:
        link.tap()
    with open(download.value.path(), "rb") as downloaded:
        pdf = downloaded.read()
    assert pdf.startswith(b"%PDF")

    # Its QR code's address opens the public page, for anyone.
    (address,) = set(link_targets(pdf))
    page.goto(address)
    expect(page.locator("[data-verdict]")).to_have_attribute("data-verdict", "genuine")
    certificate = page.get_by_test_id("certificate")
    expect(certificate).to_contain_text("Đặng Văn Tình Nguyện")
    expect(certificate).to_contain_text(TITLE)
    expect(certificate.locator("[data-field=hours]")).to_have_text("2,50")
    expect(certificate).to_contain_text(Unit.objects.get(code="doan-p-ben-thanh").name)

    # Someone changes the hours behind the portal's back: the check fails.
    Certificate.objects.filter(volunteer__email=EMAILS["volunteer"]).update(minutes=900)
    page.reload()
    expect(page.locator("[data-verdict]")).to_have_attribute("data-verdict", "altered")
    expect(page.get_by_test_id("certificate")).to_have_count(0)

    volunteer.context.close()
    organiser.context.close()
