"""A coordinator plans a week for the city; a team manager accepts."""

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from portal.coordination.models import Visit
from portal.planning import profiles
from portal.planning.models import Plan, PlanAssignment
from portal.sites.models import Site
from tests.browser.helpers import EMAILS, open_menu, sign_in

pytestmark = pytest.mark.browser

TILES = "https://tiles.invalid/{z}/{x}/{y}.png"
BT_CLUB = "CLB Tình nguyện Bến Thành"
POSITIONS = {
    "Mái ấm Hoa Hồng": ("10.772100", "106.698000"),
    "Nhà mở Ánh Dương": ("10.773000", "106.699500"),
    "Trung tâm Bảo trợ trẻ em Sài Gòn": ("10.780000", "106.700000"),
    "Cơ sở nuôi dưỡng người cao tuổi Bình Chánh": ("10.690000", "106.570000"),
}


@pytest.fixture
def city(seeded_transactional_db: None, settings: Any) -> Iterator[None]:
    # No internet in tests: tiles point nowhere and their failure is fine.
    settings.MAP_TILE_URL = TILES
    for name, (lat, lon) in POSITIONS.items():
        Site.objects.filter(name=name).update(
            latitude=Decimal(lat), longitude=Decimal(lon)
        )
    profiles.forget()
    yield
    profiles.forget()


def test_a_coordinator_plans_a_week_and_a_team_manager_accepts(
    page: Page, new_page: Any, city: None
) -> None:
    sign_in(page, EMAILS["coordinator"])
    open_menu(page, "plans")
    page.locator("input[name=name]").fill("Tuần tình nguyện thử")
    # The form offers next week, Monday to Sunday.
    with page.expect_navigation():
        page.locator("[data-action=make-plan]").click()

    expect(page.get_by_role("heading", name="Tuần tình nguyện thử")).to_be_visible()
    expect(page.locator(".alert-success")).to_contain_text("Kế hoạch đã được lập")
    table = page.locator("[data-testid=plan-table]")
    plan = Plan.objects.get(name="Tuần tình nguyện thử")
    planned = plan.assignments.select_related("site", "team")
    assert planned.count() >= 6
    for row in planned:
        expect(table.locator(f"[data-assignment='{row.pk}']")).to_contain_text(
            row.site.name
        )
    # Lines from the teams' wards to the positioned sites reach the map.
    expect(page.locator("[data-testid=plan-map]")).to_have_attribute(
        "data-count", re.compile(r"[1-9]")
    )
    expect(page.locator("[data-figure=covered]")).to_have_text(
        f"{plan.covered_sites} / {plan.site_count}"
    )

    with page.expect_navigation():
        page.locator("[data-action=send-plan]").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã gửi")

    manager = new_page(locale="vi-VN")
    sign_in(manager, EMAILS["team_manager"])
    open_menu(manager, "suggestions")
    mine = plan.assignments.filter(team__name=BT_CLUB).select_related("site")
    first = mine.first()
    row = manager.locator(f"[data-assignment='{first.pk}']")
    expect(row).to_contain_text(first.site.name)
    with manager.expect_navigation():
        row.locator("[data-action=accept]").click()

    expect(manager.locator(".alert-success")).to_contain_text("Đã nhận")
    expect(row.locator("[data-status=accepted]")).to_be_visible()
    first.refresh_from_db()
    assert first.status == PlanAssignment.Status.ACCEPTED
    visit = Visit.objects.get(pk=first.visit_id)
    assert visit.status == Visit.Status.PENDING
    assert visit.team.name == BT_CLUB
