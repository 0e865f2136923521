"""A whole collection round, played in the browser with the clock frozen.

The coordinator opens a round asking the Bến Thành ward union and the
university; reminders go out; Bến Thành submits, is returned with a
comment on one team and submits again; the university submits a day late;
both are approved and the merged Mẫu 1 holds exactly what they sent.
"""

import datetime as dt
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from portal.notices.models import Notice
from portal.rounds.models import Assignment, Round, Submission
from tests.browser.helpers import EMAILS, in_vietnamese, sign_in

pytestmark = pytest.mark.browser

OPENS = dt.date(2026, 3, 2)
DUE = dt.date(2026, 3, 20)
VN = dt.timezone(dt.timedelta(hours=7))


@contextmanager
def on(day: dt.date, hour: int = 9) -> Iterator[None]:
    """The portal's clock on a Vietnam date; it runs on from there."""
    moment = dt.datetime(day.year, day.month, day.day, hour, tzinfo=VN)
    with time_machine.travel(moment, tick=True):
        yield


def click_and_wait(page: Page, locator: Any) -> None:
    with page.expect_navigation():
        locator.click()


def open_the_round(page: Page) -> None:
    sign_in(page, EMAILS["coordinator"])
    page.goto("/dot-ra-soat/")
    click_and_wait(page, page.locator("[data-action=open-round]"))
    page.locator("input[name=reference]").fill("125-CV/TĐTN-BMT")
    page.locator("input[name=title]").fill("Rà soát CLB, đội, nhóm 2026")
    page.locator("select[name=lists]").select_option("both")
    page.locator("input[name=opens_on]").fill(OPENS.isoformat())
    page.locator("input[name=due_on]").fill(DUE.isoformat())
    page.locator("input[name=focal_name]").fill("Nguyễn Thị Điều Phối")
    page.locator("input[name=focal_phone]").fill("0901 000 001")
    page.locator("input[name=focal_email]").fill("dieuphoi@demo.tinhnguyen.vn")
    page.get_by_label("Đoàn phường Bến Thành", exact=True).check()
    page.get_by_label("Đoàn trường ĐH Khoa học Tự nhiên", exact=True).check()
    click_and_wait(page, page.get_by_role("button", name="Mở đợt", exact=True))
    expect(page.get_by_role("alert")).to_have_text(in_vietnamese("The round is open."))


def submit_as(page: Page, who: str, unit: str) -> None:
    sign_in(page, EMAILS[who])
    page.goto("/dot-ra-soat/")
    mine = page.locator("[data-testid=my-rounds] [data-assignment]", has_text=unit)
    click_and_wait(page, mine.filter(has_text="125-CV/TĐTN-BMT"))
    click_and_wait(page, page.locator("[data-action=submit]"))


def reminders_sent() -> list[tuple[str, str]]:
    rows = Notice.objects.filter(key__contains="-unit-").values_list(
        "user__email", "key"
    )
    return sorted((email, key.rsplit("-", 1)[-1]) for email, key in rows)


def test_a_whole_round_from_opening_to_the_merged_list(
    page: Page, new_page: Any, settings: Any
) -> None:
    # The browser's own clock is not frozen: session cookies must not
    # carry an expiry date it would find long past.
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.SESSION_COOKIE_AGE = 90 * 24 * 3600
    mail.outbox = []
    coordinator = page
    ben_thanh = new_page(locale="vi-VN")
    university = new_page(locale="vi-VN")

    with on(OPENS - dt.timedelta(days=3)):
        open_the_round(coordinator)
    round = Round.objects.get(reference="125-CV/TĐTN-BMT")

    with on(OPENS, hour=7):
        call_command("send_round_reminders")
        call_command("send_round_reminders")

    with on(OPENS + dt.timedelta(days=1)):
        submit_as(ben_thanh, "officer", "Đoàn phường Bến Thành")
        expect(ben_thanh.get_by_role("alert")).to_have_text(
            in_vietnamese("Submitted. The city will review it.")
        )

    first = Submission.objects.get(assignment__round=round, number=1)
    with on(OPENS + dt.timedelta(days=2)):
        coordinator.goto(f"/dot-ra-soat/bai-nop/{first.pk}/")
        coordinator.locator('input[name^="comment-teams-"]').first.fill(
            "Thiếu email của chủ nhiệm"
        )
        click_and_wait(coordinator, coordinator.locator("[data-action=return]"))

        ben_thanh.reload()
        expect(ben_thanh.locator("[data-comment]")).to_contain_text(
            "Thiếu email của chủ nhiệm"
        )
        expect(ben_thanh.locator("main")).to_contain_text(in_vietnamese("Returned"))

    with on(DUE - dt.timedelta(days=3), hour=7):
        call_command("send_round_reminders")

    with on(DUE - dt.timedelta(days=1)):
        click_and_wait(ben_thanh, ben_thanh.locator("[data-action=submit]"))
        second = Submission.objects.get(assignment__round=round, number=2)
        coordinator.goto(f"/dot-ra-soat/bai-nop/{second.pk}/")
        expect(coordinator.locator("[data-testid=diff-teams]")).to_be_visible()
        click_and_wait(coordinator, coordinator.locator("[data-action=approve]"))

    with on(DUE + dt.timedelta(days=1), hour=7):
        call_command("send_round_reminders")
    with on(DUE + dt.timedelta(days=1), hour=10):
        submit_as(university, "officer_university", "Đoàn trường ĐH Khoa học")
        expect(university.get_by_role("alert")).to_have_text(
            in_vietnamese("Submitted late; the city accepts it and marks it late.")
        )
        late = Submission.objects.get(
            assignment__round=round, assignment__unit__code="doan-dh-khtn"
        )
        coordinator.goto(f"/dot-ra-soat/bai-nop/{late.pk}/")
        click_and_wait(coordinator, coordinator.locator("[data-action=approve]"))
        call_command("send_round_reminders")

        coordinator.goto(f"/dot-ra-soat/{round.pk}/theo-doi/")
        expect(
            coordinator.locator("[data-row=doan-dh-khtn] [data-late]")
        ).to_be_visible()
        expect(coordinator.locator("[data-testid=progress]")).to_have_attribute(
            "aria-valuenow", "100"
        )

        coordinator.goto(f"/dot-ra-soat/{round.pk}/tong-hop/")
        with coordinator.expect_download() as download:
            coordinator.locator("[data-action=download-teams]").click()
        content = download.value.path().read_bytes()

    # Each reminder went once: the opening one to both officers, three days
    # before to both (Bến Thành had been returned), the day after only to
    # the university, which had not submitted.
    assert reminders_sent() == [
        (EMAILS["officer_university"], "3d"),
        (EMAILS["officer_university"], "opening"),
        (EMAILS["officer_university"], "overdue"),
        (EMAILS["officer"], "3d"),
        (EMAILS["officer"], "opening"),
    ]
    reminder_mails = [m for m in mail.outbox if "125-CV/TĐTN-BMT" in m.subject]
    returned = [m for m in reminder_mails if "trả lại" in m.subject]
    assert len(reminder_mails) == 6
    assert [m.to for m in returned] == [[EMAILS["officer"]]]

    assignments = {a.unit.code: a for a in round.assignments.select_related("unit")}
    assert assignments["doan-dh-khtn"].is_late is True
    assert assignments["doan-p-ben-thanh"].is_late is False
    assert {a.state for a in assignments.values()} == {Assignment.State.APPROVED}

    approved = Submission.objects.filter(assignment__round=round, status="approved")
    expected = sorted(entry["record"]["name"] for s in approved for entry in s.teams)
    sheet = load_workbook(io.BytesIO(content)).active
    written = sorted(
        row[1]
        for row in sheet.iter_rows(values_only=True)
        if isinstance(row[0], int) and row[1]
    )
    assert written == expected
    assert len(expected) == 4
    assert re.search("Đội Mùa hè xanh KHTN", " ".join(written))
