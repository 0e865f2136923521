"""The registry API: filters and search, protected fields, writes, refusals."""

from typing import Any

import pytest
from django.test import Client

from portal.sites.models import Need, Site
from portal.teams.models import Field, Team

pytestmark = pytest.mark.django_db

ROSES = "Mái ấm Hoa Hồng"
BT_CLUB = "CLB Tình nguyện Bến Thành"
BEN_THANH = 26743
SAI_GON = 26740


def names(response: Any) -> list[str]:
    assert response.status_code == 200
    return [row["name"] for row in response.json()["results"]]


def test_a_search_without_accents_in_any_order_finds_the_site(
    demo: Any, client: Client
) -> None:
    found = names(client.get("/api/v1/sites/", {"search": "hoa hong mai am"}))

    assert found == [ROSES]


def test_a_search_with_one_typo_still_finds_the_team(demo: Any, client: Client) -> None:
    found = names(client.get("/api/v1/teams/", {"search": "tinh nguyen bem thanh"}))

    assert BT_CLUB in found


def test_a_team_is_found_by_its_phone_written_with_dots(
    demo: Any, client: Client
) -> None:
    found = names(client.get("/api/v1/teams/", {"search": "0908.123.456"}))

    assert found == [BT_CLUB]


def test_the_site_list_narrows_by_ward_and_category(demo: Any, client: Client) -> None:
    in_ward = names(client.get("/api/v1/sites/", {"ward": SAI_GON}))
    shelters = names(client.get("/api/v1/sites/", {"category": "shelter"}))

    expected_ward = Site.objects.filter(ward_id=SAI_GON).values_list("name", flat=True)
    assert sorted(in_ward) == sorted(expected_ward)
    assert ROSES in shelters
    assert all(Site.objects.get(name=name).category == "shelter" for name in shelters)


def test_the_site_list_narrows_to_sites_with_open_needs(
    demo: Any, client: Client
) -> None:
    site = Site.objects.get(name="Nhà mở Ánh Dương")
    Need.objects.filter(status=Need.Status.OPEN).update(status=Need.Status.FULFILLED)
    Need.objects.create(site=site, category="food", description="Gạo")

    response = client.get("/api/v1/sites/", {"has_open_needs": "true"})

    assert names(response) == [site.name]
    assert response.json()["results"][0]["has_open_needs"] is True


def test_the_team_list_narrows_by_verification_and_inside_the_union(
    demo: Any, client: Client, coordinator: Any
) -> None:
    client.force_login(coordinator)

    awaiting = names(client.get("/api/v1/teams/", {"verification": "awaiting"}))
    outside = names(client.get("/api/v1/teams/", {"inside_union": "false"}))

    expected = Team.objects.filter(verification="awaiting").values_list(
        "name", flat=True
    )
    assert sorted(awaiting) == sorted(expected)
    assert sorted(outside) == sorted(
        Team.objects.filter(inside_union=False).values_list("name", flat=True)
    )


def test_a_site_shows_its_groups_and_slots(demo: Any, client: Client) -> None:
    site = Site.objects.get(name="Nhà mở Ánh Dương")
    site.groups.all().delete()
    site.groups.create(group="homeless", count=12)
    site.slots.all().delete()
    site.slots.create(weekday=5, starts_at="08:00", ends_at="11:00")

    body = client.get(f"/api/v1/sites/{site.pk}/").json()

    assert body["groups"] == [{"group": "homeless", "count": 12}]
    assert body["slots"] == [{"weekday": 5, "starts_at": "08:00", "ends_at": "11:00"}]


def test_the_public_does_not_get_a_protected_sites_address_from_the_list(
    demo: Any, client: Client
) -> None:
    rows = client.get("/api/v1/sites/", {"search": "hoa hong"}).json()["results"]

    assert rows[0]["name"] == ROSES
    for hidden in ("street", "latitude", "longitude", "contact_name", "phone"):
        assert hidden not in rows[0]


def test_the_site_list_costs_the_same_queries_for_many_rows(
    coordinator: Any,
    client: Client,
    django_assert_max_num_queries: Any,
) -> None:
    client.force_login(coordinator)
    unit = Site.objects.first().unit
    for n in range(40):
        site = Site.objects.create(
            unit=unit, name=f"Mái ấm số {n}", category="shelter", ward_id=BEN_THANH
        )
        site.groups.create(group="elderly_alone", count=n)
        site.slots.create(weekday=n % 7, starts_at="08:00", ends_at="10:00")
    for n in range(40):
        team = Team.objects.create(
            unit=unit, name=f"Đội số {n}", kind="team", leader_name="A"
        )
        team.fields.set(Field.objects.all()[:2])
        team.area_wards.set([BEN_THANH, SAI_GON])

    # Session, user, scope, count, page and one query per prefetched list.
    with django_assert_max_num_queries(12):
        sites = client.get("/api/v1/sites/", {"page_size": 100})
    with django_assert_max_num_queries(12):
        teams = client.get("/api/v1/teams/", {"page_size": 100})

    assert len(sites.json()["results"]) >= 40
    assert len(teams.json()["results"]) >= 40


# Writes ---------------------------------------------------------------


def test_an_officer_changes_a_teams_fields_and_area(
    officer: Any, client: Client
) -> None:
    client.force_login(officer)
    team = Team.objects.get(name=BT_CLUB)
    codes = list(Field.objects.values_list("code", flat=True)[:2])

    response = client.patch(
        f"/api/v1/teams/{team.pk}/",
        {
            "fields": codes,
            "area_wards": [BEN_THANH, SAI_GON],
            "links": ["https://facebook.com/clbbenthanh"],
        },
        content_type="application/json",
    )

    assert response.status_code == 200, response.json()
    assert sorted(response.json()["fields"]) == sorted(codes)
    assert set(team.area_wards.values_list("code", flat=True)) == {BEN_THANH, SAI_GON}
    team.refresh_from_db()
    assert team.links == ["https://facebook.com/clbbenthanh"]


def test_a_site_contact_replaces_the_sites_groups_and_slots(
    site_contact: Any, client: Client
) -> None:
    client.force_login(site_contact)
    site = Site.objects.get(name=ROSES)

    response = client.patch(
        f"/api/v1/sites/{site.pk}/",
        {
            "groups": [{"group": "orphaned_children", "count": 20}],
            "slots": [{"weekday": 6, "starts_at": "08:00", "ends_at": "10:30"}],
            "max_visitors_per_slot": 15,
        },
        content_type="application/json",
    )

    assert response.status_code == 200, response.json()
    assert list(site.groups.values_list("group", "count")) == [
        ("orphaned_children", 20)
    ]
    assert [slot.weekday for slot in site.slots.all()] == [6]
    assert response.json()["slots"][0]["ends_at"] == "10:30"


def test_a_bad_slot_is_refused_and_nothing_is_saved(
    site_contact: Any, client: Client
) -> None:
    client.force_login(site_contact)
    site = Site.objects.get(name=ROSES)
    groups_before = list(site.groups.values_list("group", "count"))

    response = client.patch(
        f"/api/v1/sites/{site.pk}/",
        {
            "name": "Tên mới",
            "groups": [{"group": "homeless", "count": 3}],
            "slots": [{"weekday": 6, "starts_at": "10:00", "ends_at": "08:00"}],
        },
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="vi",
    )

    assert response.status_code == 400
    assert "slots" in response.json()["fields"]
    site.refresh_from_db()
    assert site.name == ROSES
    assert list(site.groups.values_list("group", "count")) == groups_before


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": ""}, "name"),
        ({"ward": 99999}, "ward"),
        ({"phone": "12345"}, "phone"),
        ({"beneficiary_count": -4}, "beneficiary_count"),
        ({"latitude": "48.85", "longitude": "2.35"}, "latitude"),
        ({"groups": [{"group": "homeless", "count": -1}]}, "groups"),
    ],
)
def test_bad_input_to_a_site_is_refused_naming_the_field(
    officer: Any, client: Client, change: dict[str, Any], field: str
) -> None:
    client.force_login(officer)
    site = Site.objects.get(name="Nhà mở Ánh Dương")
    before = Site.objects.filter(pk=site.pk).values().get()

    response = client.patch(
        f"/api/v1/sites/{site.pk}/",
        {"notes": "đã sửa", **change},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="vi",
    )

    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert Site.objects.filter(pk=site.pk).values().get() == before


def test_refusals_name_each_field_and_speak_vietnamese(
    officer: Any, client: Client
) -> None:
    client.force_login(officer)
    site = Site.objects.get(name="Nhà mở Ánh Dương")

    response = client.patch(
        f"/api/v1/sites/{site.pk}/",
        {"latitude": "48.85", "ward": 99999, "phone": "0123"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="vi",
    )

    fields = response.json()["fields"]
    assert set(fields) == {"latitude", "ward", "phone"}
    assert "điện thoại" in fields["phone"][0]
    assert "99999" in fields["ward"][0]


def test_an_officer_creates_a_team_in_their_unit(officer: Any, client: Client) -> None:
    client.force_login(officer)
    unit = Team.objects.get(name=BT_CLUB).unit

    response = client.post(
        "/api/v1/teams/",
        {
            "unit": unit.pk,
            "name": "Nhóm Áo xanh",
            "kind": "group",
            "leader_name": "Trần Thị B",
            "phone": "+84 908 777 666",
            "area_wards": [BEN_THANH],
        },
        content_type="application/json",
    )

    assert response.status_code == 201, response.json()
    team = Team.objects.get(name="Nhóm Áo xanh")
    assert team.phone == "0908777666"
    assert team.verification == Team.Verification.AWAITING
    assert list(team.area_wards.values_list("code", flat=True)) == [BEN_THANH]


def test_an_officer_cannot_create_a_site_in_another_unit(
    officer: Any, client: Client
) -> None:
    client.force_login(officer)
    other = Site.objects.get(name="Trung tâm Bảo trợ trẻ em Sài Gòn").unit
    count = Site.objects.count()

    response = client.post(
        "/api/v1/sites/",
        {"unit": other.pk, "name": "Nhà mở mới", "category": "open_house"},
        content_type="application/json",
    )

    assert response.status_code == 403
    assert Site.objects.count() == count


def test_a_site_without_a_name_is_refused_and_not_created(
    officer: Any, client: Client
) -> None:
    client.force_login(officer)
    unit = Site.objects.get(name=ROSES).unit
    count = Site.objects.count()

    response = client.post(
        "/api/v1/sites/",
        {
            "unit": unit.pk,
            "category": "shelter",
            "groups": [{"group": "homeless", "count": 5}],
        },
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="vi",
    )

    assert response.status_code == 400
    assert "name" in response.json()["fields"]
    assert Site.objects.count() == count


def test_an_officer_creates_a_site_with_its_groups_and_slots(
    officer: Any, client: Client
) -> None:
    client.force_login(officer)
    unit = Site.objects.get(name=ROSES).unit

    response = client.post(
        "/api/v1/sites/",
        {
            "unit": unit.pk,
            "name": "Nhà mở Bình Minh",
            "category": "open_house",
            "ward": BEN_THANH,
            "latitude": "10.772",
            "longitude": "106.698",
            "groups": [{"group": "children_hardship", "count": 14}],
            "slots": [{"weekday": 5, "starts_at": "14:00", "ends_at": "17:00"}],
        },
        content_type="application/json",
    )

    assert response.status_code == 201, response.json()
    site = Site.objects.get(name="Nhà mở Bình Minh")
    assert site.groups.get().count == 14
    assert site.slots.get().weekday == 5
    assert response.json()["has_open_needs"] is False


def test_a_site_contact_posts_and_closes_a_need(
    site_contact: Any, client: Client
) -> None:
    client.force_login(site_contact)
    site = Site.objects.get(name=ROSES)

    posted = client.post(
        "/api/v1/needs/",
        {
            "site": site.pk,
            "category": "food",
            "description": "Sữa cho trẻ",
            "quantity": 20,
            "quantity_unit": "hộp",
        },
        content_type="application/json",
    )
    closed = client.patch(
        f"/api/v1/needs/{posted.json()['id']}/",
        {"status": "fulfilled"},
        content_type="application/json",
    )

    assert posted.status_code == 201, posted.json()
    assert closed.status_code == 200
    need = Need.objects.get(pk=posted.json()["id"])
    assert (need.status, need.created_by) == ("fulfilled", site_contact)


def test_a_need_with_a_negative_quantity_is_refused(
    site_contact: Any, client: Client
) -> None:
    client.force_login(site_contact)
    site = Site.objects.get(name=ROSES)
    count = Need.objects.count()

    response = client.post(
        "/api/v1/needs/",
        {"site": site.pk, "category": "food", "description": "Gạo", "quantity": -5},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert "quantity" in response.json()["fields"]
    assert Need.objects.count() == count


def test_the_needs_list_narrows_by_site_and_status(demo: Any, client: Client) -> None:
    site = Site.objects.get(name="Nhà mở Ánh Dương")
    Need.objects.create(site=site, category="repairs", description="Sửa mái")

    rows = client.get("/api/v1/needs/", {"site": site.pk, "status": "open"}).json()

    assert rows["results"]
    assert {row["site"] for row in rows["results"]} == {site.pk}
    assert {row["status"] for row in rows["results"]} == {"open"}
