"""Coordination in the browser: a site's calendar, asking and accepting a
visit, claiming a need against another team, and a promise that lapses."""

import re
from datetime import datetime, time, timedelta
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from portal.accounts.models import User
from portal.coordination import services
from portal.coordination.models import NeedClaim, Visit
from portal.demo.data import DEMO_PASSWORD
from portal.sites.models import Need, Site
from portal.teams.models import Team
from portal.teams.services import add_team_manager
from tests.browser.helpers import EMAILS, open_menu, sign_in

pytestmark = pytest.mark.browser

ROSES = "Mái ấm Hoa Hồng"
BEN_THANH_CLUB = "CLB Tình nguyện Bến Thành"
EXAM_TEAM = "Đội hình Tiếp sức mùa thi"
SECOND_MANAGER = "doitruong.tiepsuc@example.vn"


def _second_manager() -> User:
    user = User.objects.create_user(
        email=SECOND_MANAGER,
        phone="0901999003",
        password=DEMO_PASSWORD,
        full_name="Ngô Thị Hoa",
        consented_at=timezone.now(),
    )
    add_team_manager(team=Team.objects.get(name=EXAM_TEAM), user=user)
    return user


def _next_saturday() -> Any:
    today = timezone.localdate()
    return today + timedelta(days=(5 - today.weekday()) % 7 or 7)


def _at(day: Any, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _rice() -> Need:
    return Need.objects.get(site__name=ROSES, description="Gạo cho tháng tới")


def test_a_team_sees_the_calendar_asks_is_warned_of_a_clash_and_the_site_accepts(
    page: Page, new_page: Any
) -> None:
    saturday = _next_saturday()
    Visit.objects.create(
        site=Site.objects.get(name=ROSES),
        team=Team.objects.get(name=EXAM_TEAM),
        starts_at=_at(saturday, 8, 30),
        ends_at=_at(saturday, 10),
        head_count=6,
        purpose=Visit.Purpose.MEALS,
        status=Visit.Status.ACCEPTED,
    )
    site = Site.objects.get(name=ROSES)

    sign_in(page, EMAILS["team_manager"])
    page.goto(f"/dia-chi-tinh-nguyen/{site.pk}/")
    page.get_by_test_id("calendar-link").click()
    day = page.locator(f"[data-day='{saturday.isoformat()}']")
    if not day.count():
        page.get_by_test_id("next").click()
    expect(day).to_contain_text(EXAM_TEAM)

    page.get_by_test_id("ask").click()
    page.locator("input[name=day]").fill(saturday.isoformat())
    page.locator("input[name=starts]").fill("09:00")
    page.locator("input[name=ends]").fill("10:30")
    page.locator("input[name=head_count]").fill("8")
    page.locator("select[name=purpose]").select_option("meals")
    page.locator("main button[type=submit]").click()

    warnings = page.get_by_test_id("clash-warnings")
    expect(warnings).to_contain_text(EXAM_TEAM)
    expect(warnings).to_contain_text(saturday.strftime("%d/%m/%Y") + " 08:30")
    assert not Visit.objects.filter(team__name=BEN_THANH_CLUB, site=site).exists()

    page.locator("input[name=confirm_clash]").check()
    page.locator("main button[type=submit]").click()
    expect(page.get_by_test_id("visit-status")).to_have_attribute(
        "data-status", "pending"
    )
    visit = Visit.objects.get(team__name=BEN_THANH_CLUB, site=site)

    contact = new_page(locale="vi-VN")
    sign_in(contact, EMAILS["site_contact"])
    contact.goto("/dieu-phoi/")
    contact.locator(f"[data-visit='{visit.pk}'] a").click()
    contact.get_by_test_id("accept").click()

    expect(contact.get_by_test_id("visit-status")).to_have_attribute(
        "data-status", "accepted"
    )
    visit.refresh_from_db()
    assert visit.status == Visit.Status.ACCEPTED


def test_two_teams_claim_one_need_and_the_second_is_refused_past_its_quantity(
    page: Page, new_page: Any
) -> None:
    _second_manager()
    rice = _rice()
    deliver_by = (timezone.localdate() + timedelta(days=7)).isoformat()

    sign_in(page, EMAILS["team_manager"])
    page.goto(f"/dia-chi-tinh-nguyen/{rice.site_id}/")
    page.locator(f"[data-open-need='{rice.pk}'] [data-testid=claim]").click()
    page.locator("input[name=quantity]").fill("150")
    page.locator("input[name=deliver_by]").fill(deliver_by)
    page.locator("main button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/dieu-phoi/$"))

    other = new_page(locale="vi-VN")
    sign_in(other, SECOND_MANAGER)
    other.goto(f"/dieu-phoi/nhu-cau/{rice.pk}/nhan/")
    expect(other.get_by_test_id("left")).to_contain_text("50")
    other.locator("input[name=quantity]").fill("80")
    other.locator("input[name=deliver_by]").fill(deliver_by)
    other.locator("main button[type=submit]").click()

    error = other.locator("[data-field=quantity]")
    expect(error).to_contain_text("50")
    expect(error).to_contain_text("80")
    assert NeedClaim.objects.filter(need=rice).count() == 1

    other.locator("input[name=quantity]").fill("50")
    other.locator("main button[type=submit]").click()
    expect(other).to_have_url(re.compile(r"/dieu-phoi/$"))

    other.goto(f"/dia-chi-tinh-nguyen/{rice.site_id}/")
    expect(other.get_by_test_id("site-help")).to_be_visible()
    expect(other.locator(f"[data-open-need='{rice.pk}']")).to_have_count(0)
    assert _rice().status == Need.Status.CLAIMED


def test_a_promise_past_its_date_lapses_and_the_need_opens_again(
    page: Page,
) -> None:
    rice = _rice()
    today = timezone.localdate()
    services.claim_need(
        by=User.objects.get(email=EMAILS["team_manager"]),
        team=Team.objects.get(name=BEN_THANH_CLUB),
        need=rice,
        quantity=200,
        deliver_by=today + timedelta(days=2),
    )
    assert _rice().status == Need.Status.CLAIMED

    # The nightly command runs three days after the promised date; the
    # browser then looks in the present (the live server runs real time).
    three_days_late = _at(today + timedelta(days=5), 0, 5)
    with time_machine.travel(three_days_late, tick=False):
        call_command("lapse_claims", "--now")

    sign_in(page, EMAILS["site_contact"])
    page.goto("/thong-bao/")
    expect(page.locator("main")).to_contain_text(BEN_THANH_CLUB)

    page.goto(f"/dia-chi-tinh-nguyen/{rice.site_id}/")
    line = page.locator(f"[data-open-need='{rice.pk}']")
    expect(line).to_contain_text("200")

    assert _rice().status == Need.Status.OPEN
    assert NeedClaim.objects.get(need=rice).status == NeedClaim.Status.LAPSED


def test_the_coverage_board_draws_the_map_and_the_gini_chart(page: Page) -> None:
    Site.objects.update(latitude=10.77, longitude=106.70)
    sign_in(page, EMAILS["coordinator"])

    open_menu(page, "coverage")

    expect(page.get_by_test_id("sites").locator("[data-site]")).to_have_count(6)
    expect(page.locator("#coverage-map")).to_have_attribute("data-points", "6")
    # Points are drawn on one canvas: thousands of them stay quick to pan.
    expect(page.locator("#coverage-map canvas")).to_have_count(1)
    expect(page.locator("#gini-chart")).to_have_attribute("data-loaded", "true")
    expect(page.get_by_test_id("gini-tet").locator("tbody tr")).to_have_count(1)
