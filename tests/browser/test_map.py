"""The public map of sites and a site's page with its needs."""

import re
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import Page, Route, expect

from portal.sites.models import Need, Site
from portal.sites.services import create_site
from portal.units.models import Unit

pytestmark = pytest.mark.browser

TILES = "https://tiles.invalid/{z}/{x}/{y}.png"
# Four sites a few dozen metres apart near Bến Thành market.
NEARBY = [
    ("Nhà mở Hoa Sữa", "10.772100", "106.698000"),
    ("Trung tâm Hy Vọng", "10.772300", "106.698200"),
    ("Mái ấm Bình Minh", "10.772500", "106.698100"),
    ("Nhà mở Tuổi Thơ", "10.772200", "106.698400"),
]
PROTECTED = "Mái ấm Hoa Hồng"


@pytest.fixture
def sites_on_map(seeded_transactional_db: None, settings: Any) -> list[Site]:
    # No internet in tests: tiles point nowhere and their failure is fine.
    settings.MAP_TILE_URL = TILES
    unit = Unit.objects.get(code="doan-p-ben-thanh")
    placed = [
        create_site(
            by=None,
            unit=unit,
            name=name,
            category=Site.Category.OPEN_HOUSE,
            ward_id=26743,
            latitude=Decimal(lat),
            longitude=Decimal(lng),
        )
        for name, lat, lng in NEARBY
    ]
    hidden = Site.objects.get(name=PROTECTED)
    hidden.latitude, hidden.longitude = Decimal("10.772400"), Decimal("106.698300")
    hidden.save(update_fields=["latitude", "longitude"])
    Need.objects.create(
        site=placed[1],
        category=Need.Category.FOOD,
        description="Gạo và sữa cho tháng 12",
        quantity=100,
        quantity_unit="kg",
        urgency=Need.Urgency.HIGH,
    )
    return placed


def _no_tiles(route: Route) -> None:
    route.abort()


def test_the_map_clusters_the_visible_sites_and_leaves_out_protected_ones(
    phone_page: Page, sites_on_map: list[Site]
) -> None:
    page = phone_page
    page.route("https://tiles.invalid/**", _no_tiles)
    placed = Site.objects.filter(latitude__isnull=False, is_protected=False)

    page.goto("/ban-do/")

    expect(page.locator("#site-map")).to_have_attribute(
        "data-markers", str(placed.count())
    )
    cluster = page.locator(".marker-cluster")
    expect(cluster).to_have_count(1)
    expect(cluster).to_have_text(str(len(NEARBY)))
    listed = page.get_by_test_id("map-list")
    for site in sites_on_map:
        expect(listed).to_contain_text(site.name)
    expect(listed).not_to_contain_text(PROTECTED)
    assert PROTECTED not in page.content()


def test_opening_a_cluster_shows_each_site_and_its_page(
    page: Page, sites_on_map: list[Site]
) -> None:
    page.route("https://tiles.invalid/**", _no_tiles)
    page.goto("/ban-do/")
    cluster = page.locator(".marker-cluster")
    expect(cluster).to_have_count(1)

    cluster.click()
    markers = page.locator(".leaflet-marker-icon[title]")
    expect(markers).to_have_count(len(NEARBY))
    # A click while the map still zooms in would land on a moving marker.
    expect(page.locator(".leaflet-zoom-anim, .leaflet-cluster-anim")).to_have_count(0)
    expect(page.locator(f'.leaflet-marker-icon[title="{PROTECTED}"]')).to_have_count(0)
    page.locator('.leaflet-marker-icon[title="Trung tâm Hy Vọng"]').click()
    page.locator(".leaflet-popup").get_by_role("link").click()

    expect(page).to_have_url(re.compile(r"/dia-chi-tinh-nguyen/\d+/$"))
    needs = page.get_by_test_id("needs")
    expect(needs).to_contain_text("Gạo và sữa cho tháng 12")
    expect(needs).to_contain_text("100 kg")


def test_the_open_needs_filter_keeps_only_sites_that_need_something(
    page: Page, sites_on_map: list[Site]
) -> None:
    page.route("https://tiles.invalid/**", _no_tiles)
    page.goto("/ban-do/")
    expect(page.locator("#site-map")).to_have_attribute("data-markers", "4")

    page.locator("#map-needs").check()

    expect(page.locator("#site-map")).to_have_attribute("data-markers", "1")
    listed = page.get_by_test_id("map-list").locator("li")
    expect(listed).to_have_count(1)
    expect(listed).to_contain_text("Trung tâm Hy Vọng")


def test_a_protected_sites_page_shows_its_needs_but_not_where_it_is(
    page: Page, sites_on_map: list[Site]
) -> None:
    site = Site.objects.get(name=PROTECTED)
    Need.objects.create(
        site=site,
        category=Need.Category.TUTORING,
        description="Dạy kèm tiếng Anh lớp 5",
        urgency=Need.Urgency.NORMAL,
    )

    page.goto(f"/dia-chi-tinh-nguyen/{site.pk}/")

    expect(page.get_by_test_id("needs")).to_contain_text("Dạy kèm tiếng Anh lớp 5")
    expect(page.locator("#site-position")).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text("12 Lê Thánh Tôn")
