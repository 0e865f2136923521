"""Every role against the needs API and against creating teams and sites.

Expectations are written out by hand from what people were told: everyone
reads open needs; a site's contacts and the officers of its unit (and
coordinators) post and change its needs and see the closed ones; officers
create teams and sites in their own units only.
"""

from typing import Any

import pytest
from django.test import Client

from portal.sites.models import Need, Site
from portal.teams.models import Team
from portal.units.models import Unit

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous", "volunteer", "team_manager", "site_contact",
    "officer", "officer_university", "coordinator",
]  # fmt: skip

ROSES = "Mái ấm Hoa Hồng"  # Bến Thành, the site contact's
SUNRISE = "Nhà mở Ánh Dương"  # Bến Thành
CHILDREN = "Trung tâm Bảo trợ trẻ em Sài Gòn"  # Sài Gòn
SCHOOL = "Trường chuyên biệt Ánh Sáng"  # the university's

SITES_CHANGED = {
    "anonymous": set(),
    "volunteer": set(),
    "team_manager": set(),
    "site_contact": {ROSES},
    "officer": {ROSES, SUNRISE},
    "officer_university": {SCHOOL},
    "coordinator": {ROSES, SUNRISE, CHILDREN, SCHOOL},
}

# The needs each test starts from: (site, status).
NEEDS = {
    "roses-open": (ROSES, "open"),
    "children-open": (CHILDREN, "open"),
    "sunrise-done": (SUNRISE, "fulfilled"),
}
PUBLIC_NEEDS = {"roses-open", "children-open"}
NEEDS_SEEN = {
    "anonymous": PUBLIC_NEEDS,
    "volunteer": PUBLIC_NEEDS,
    "team_manager": PUBLIC_NEEDS,
    "site_contact": PUBLIC_NEEDS,
    "officer": PUBLIC_NEEDS | {"sunrise-done"},
    "officer_university": PUBLIC_NEEDS,
    "coordinator": set(NEEDS),
}

BEN_THANH_UNIT = "doan-p-ben-thanh"
SAI_GON_UNIT = "doan-p-sai-gon"
UNITS_CREATED_IN = {
    "anonymous": set(),
    "volunteer": set(),
    "team_manager": set(),
    "site_contact": set(),
    "officer": {BEN_THANH_UNIT},
    "officer_university": set(),
    "coordinator": {BEN_THANH_UNIT, SAI_GON_UNIT},
}


@pytest.fixture
def needs(demo: Any) -> dict[str, Need]:
    Need.objects.all().delete()
    return {
        key: Need.objects.create(
            site=Site.objects.get(name=site),
            category="food",
            description=key,
            status=status,
        )
        for key, (site, status) in NEEDS.items()
    }


def client_for(request: pytest.FixtureRequest, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    return client


def refused_anonymously(response: Any) -> bool:
    return response.status_code in (401, 403)


@pytest.mark.parametrize("role", ROLES)
def test_the_needs_list_shows_open_needs_and_those_in_scope(
    request: pytest.FixtureRequest, role: str, needs: dict[str, Need]
) -> None:
    client = client_for(request, role)

    response = client.get("/api/v1/needs/", {"page_size": 200})

    assert response.status_code == 200
    seen = {row["description"] for row in response.json()["results"]}
    assert seen == NEEDS_SEEN[role]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("key", sorted(NEEDS))
def test_a_need_reads_when_seen_and_changes_only_in_scope(
    request: pytest.FixtureRequest, role: str, key: str, needs: dict[str, Need]
) -> None:
    client = client_for(request, role)
    need = needs[key]
    seen = key in NEEDS_SEEN[role]
    in_scope = NEEDS[key][0] in SITES_CHANGED[role]

    read = client.get(f"/api/v1/needs/{need.pk}/")
    change = client.patch(
        f"/api/v1/needs/{need.pk}/",
        {"status": "withdrawn"},
        content_type="application/json",
    )

    assert read.status_code == (200 if seen else 404)
    if role == "anonymous":
        assert refused_anonymously(change)
    elif in_scope:
        assert change.status_code == 200
    else:
        assert change.status_code == (403 if seen else 404)
    need.refresh_from_db()
    assert (need.status == "withdrawn") == (in_scope and role != "anonymous")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("site_name", [ROSES, SUNRISE, CHILDREN, SCHOOL])
def test_a_need_is_posted_only_for_a_site_in_scope(
    request: pytest.FixtureRequest, role: str, site_name: str, needs: dict[str, Need]
) -> None:
    client = client_for(request, role)
    site = Site.objects.get(name=site_name)
    allowed = site_name in SITES_CHANGED[role]

    response = client.post(
        "/api/v1/needs/",
        {"site": site.pk, "category": "supplies", "description": "Tập vở"},
        content_type="application/json",
    )

    if role == "anonymous":
        assert refused_anonymously(response)
    else:
        assert response.status_code == (201 if allowed else 403)
    posted = Need.objects.filter(site=site, description="Tập vở").exists()
    assert posted == (allowed and role != "anonymous")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("unit_code", [BEN_THANH_UNIT, SAI_GON_UNIT])
def test_a_team_is_created_only_in_a_unit_the_caller_manages(
    request: pytest.FixtureRequest, role: str, unit_code: str
) -> None:
    client = client_for(request, role)
    request.getfixturevalue("demo")
    unit = Unit.objects.get(code=unit_code)
    allowed = unit_code in UNITS_CREATED_IN[role]

    response = client.post(
        "/api/v1/teams/",
        {"unit": unit.pk, "name": "Nhóm Mới", "kind": "group", "leader_name": "A"},
        content_type="application/json",
    )

    if role == "anonymous":
        assert refused_anonymously(response)
    else:
        assert response.status_code == (201 if allowed else 403)
    assert Team.objects.filter(name="Nhóm Mới").exists() == allowed


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("unit_code", [BEN_THANH_UNIT, SAI_GON_UNIT])
def test_a_site_is_created_only_in_a_unit_the_caller_manages(
    request: pytest.FixtureRequest, role: str, unit_code: str
) -> None:
    client = client_for(request, role)
    request.getfixturevalue("demo")
    unit = Unit.objects.get(code=unit_code)
    allowed = unit_code in UNITS_CREATED_IN[role]

    response = client.post(
        "/api/v1/sites/",
        {"unit": unit.pk, "name": "Mái ấm Mới", "category": "shelter"},
        content_type="application/json",
    )

    if role == "anonymous":
        assert refused_anonymously(response)
    else:
        assert response.status_code == (201 if allowed else 403)
    assert Site.objects.filter(name="Mái ấm Mới").exists() == allowed
