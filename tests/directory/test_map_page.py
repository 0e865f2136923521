"""The map page: its filters and where its markers come from."""

from decimal import Decimal
from typing import Any

from django.test import Client

from portal.sites.models import Site


def test_the_map_page_loads_the_site_feed_and_the_tiles_it_is_given(
    demo: Any, client: Client, settings: Any
) -> None:
    settings.MAP_TILE_URL = "https://tiles.example.vn/{z}/{x}/{y}.png"

    html = client.get("/ban-do/").content.decode()

    assert 'data-geojson="/api/v1/sites.geojson"' in html
    assert 'data-tiles="https://tiles.example.vn/{z}/{x}/{y}.png"' in html
    assert "vendor/markercluster/leaflet.markercluster.js" in html
    assert "js/site-map.js" in html


def test_the_map_filters_offer_categories_and_the_wards_that_have_sites(
    demo: Any, client: Client
) -> None:
    html = client.get("/ban-do/").content.decode()

    for value, label in Site.Category.choices:
        assert f'<option value="{value}">{label}</option>' in html
    assert '<option value="26743">Phường Bến Thành</option>' in html
    assert 'name="has_open_needs" value="true"' in html


def test_the_map_page_itself_carries_no_site_position(
    demo: Any, client: Client
) -> None:
    site = Site.objects.get(name="Mái ấm Hoa Hồng")
    site.latitude, site.longitude = Decimal("10.772345"), Decimal("106.698765")
    site.save(update_fields=["latitude", "longitude"])

    html = client.get("/ban-do/").content.decode()

    assert "10.772345" not in html
    assert "Mái ấm Hoa Hồng" not in html
