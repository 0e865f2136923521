"""Picking a site's position by tapping the map on the site form."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import EMAILS, sign_in

pytestmark = pytest.mark.browser


def test_tapping_the_map_fills_the_latitude_and_longitude(phone_page: Page) -> None:
    page = phone_page
    sign_in(page, EMAILS["officer"])
    page.goto("/dia-chi/them/")
    picker = page.locator("#position-picker")
    picker.scroll_into_view_if_needed()
    expect(picker.locator(".leaflet-container, .leaflet-pane").first).to_be_attached()

    picker.click(position={"x": 150, "y": 120})

    latitude = float(page.locator("#id_latitude").input_value())
    longitude = float(page.locator("#id_longitude").input_value())
    # The map opens on the city, so a tap lands inside Ho Chi Minh City.
    assert 10.3 < latitude < 11.3
    assert 106.3 < longitude < 107.1
    expect(picker.locator(".leaflet-marker-icon")).to_have_count(1)
