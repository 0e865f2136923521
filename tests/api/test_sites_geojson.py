"""The map's GeoJSON: what it holds for whom, filters, and refreshing."""

from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from portal.sites.models import Need, Site

pytestmark = pytest.mark.django_db

URL = "/api/v1/sites.geojson"
ROSES = "Mái ấm Hoa Hồng"  # protected
SUNRISE = "Nhà mở Ánh Dương"


@pytest.fixture
def placed(demo: Any) -> dict[str, Site]:
    """Every demo site with a position in the city centre."""
    cache.clear()
    sites = {}
    for n, site in enumerate(Site.objects.order_by("pk")):
        site.latitude = Decimal("10.77") + Decimal(n) / 1000
        site.longitude = Decimal("106.70")
        site.save()
        sites[site.name] = site
    return sites


def features(client: Client, **params: Any) -> dict[str, dict[str, Any]]:
    response = client.get(URL, params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    body = response.json()
    assert body["type"] == "FeatureCollection"
    return {f["properties"]["name"]: f for f in body["features"]}


def test_the_public_map_leaves_out_protected_sites(
    placed: dict[str, Site], client: Client
) -> None:
    shown = features(client)

    expected = {name for name, site in placed.items() if not site.is_protected}
    assert set(shown) == expected


def test_a_feature_carries_its_point_and_properties(
    placed: dict[str, Site], client: Client
) -> None:
    site = placed[SUNRISE]

    feature = features(client)[SUNRISE]

    assert feature["geometry"] == {
        "type": "Point",
        "coordinates": [float(site.longitude), float(site.latitude)],
    }
    assert feature["properties"] == {
        "id": site.pk,
        "name": SUNRISE,
        "category": site.category,
        "ward": site.ward.name,
        "has_open_needs": site.needs.filter(status="open").exists(),
        "url": f"/dia-chi-tinh-nguyen/{site.pk}/",
    }


def test_an_officer_sees_protected_sites_on_the_map(
    placed: dict[str, Site], client: Client, officer: Any
) -> None:
    client.force_login(officer)

    assert set(features(client)) == set(placed)


def test_a_site_contact_sees_their_own_protected_site_only(
    placed: dict[str, Site], client: Client, site_contact: Any
) -> None:
    client.force_login(site_contact)

    shown = set(features(client))

    hidden = {n for n, s in placed.items() if s.is_protected and n != ROSES}
    assert ROSES in shown
    assert shown == set(placed) - hidden


def test_sites_without_a_position_are_left_out(
    placed: dict[str, Site], client: Client
) -> None:
    Site.objects.filter(pk=placed[SUNRISE].pk).update(latitude=None)
    cache.clear()

    assert SUNRISE not in features(client)


def test_the_map_narrows_by_category_ward_and_open_needs(
    placed: dict[str, Site], client: Client
) -> None:
    site = placed[SUNRISE]
    Need.objects.filter(status="open").update(status="fulfilled")
    Need.objects.create(site=site, category="food", description="Gạo")

    by_category = features(client, category=site.category)
    by_ward = features(client, ward=site.ward_id)
    with_needs = features(client, has_open_needs="true")

    categories = {f["properties"]["category"] for f in by_category.values()}
    assert categories == {site.category}
    assert set(by_ward) == {
        n for n, s in placed.items() if s.ward_id == site.ward_id and not s.is_protected
    }
    assert set(with_needs) == {SUNRISE}
    assert features(client, category="nothing-like-this") == {}


def test_a_changed_site_shows_on_the_next_request(
    placed: dict[str, Site], client: Client
) -> None:
    before = features(client)
    site = placed[SUNRISE]
    site.name = "Nhà mở Ánh Dương mới"
    site.save()

    after = features(client)

    assert SUNRISE in before
    assert SUNRISE not in after
    assert "Nhà mở Ánh Dương mới" in after


def test_a_new_need_shows_on_the_next_request(
    placed: dict[str, Site], client: Client
) -> None:
    Need.objects.filter(status="open").update(status="fulfilled")
    before = features(client, has_open_needs="true")

    Need.objects.create(site=placed[SUNRISE], category="food", description="Gạo")

    assert before == {}
    assert set(features(client, has_open_needs="true")) == {SUNRISE}


def test_the_answer_comes_from_the_cache_until_something_changes(
    placed: dict[str, Site], client: Client, django_assert_num_queries: Any
) -> None:
    features(client)

    # Only what finding the caller costs: nobody is signed in here.
    with django_assert_num_queries(0):
        features(client)
