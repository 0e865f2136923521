"""Sites: adding and editing every part at once, needs, duplicates, merging."""

from datetime import time
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from portal.sites import services
from portal.sites.errors import PositionOutsideVietnam, SlotEndsBeforeStart
from portal.sites.models import BeneficiaryGroup, Need, Site, SiteContact, VisitingSlot
from portal.units.models import Unit

ROSES = "Mái ấm Hoa Hồng"
SUNRISE = "Nhà mở Ánh Dương"
BEN_THANH = 26743


def _site_data(**extra: Any) -> dict[str, Any]:
    data = {
        "unit": Unit.objects.get(code="doan-p-ben-thanh").pk,
        "name": "Mái ấm Bình Minh",
        "category": "shelter",
        "street": "3 Lê Lợi",
        "ward": BEN_THANH,
        "phone": "028 3822 1234",
        "latitude": "10.772",
        "longitude": "106.698",
        "visiting_times_text": "Thứ 7, CN: 8h - 11h",
        "max_visitors_per_slot": "15",
        "needs_text": "Gạo, sữa",
        "groups-has_orphaned_children": "on",
        "groups-count_orphaned_children": "12",
        "groups-count_elderly_alone": "4",
        "slots-TOTAL_FORMS": "2",
        "slots-INITIAL_FORMS": "0",
        "slots-0-weekday": "5",
        "slots-0-starts_at": "08:00",
        "slots-0-ends_at": "11:00",
        "slots-1-weekday": "",
        "slots-1-starts_at": "",
        "slots-1-ends_at": "",
    }
    data.update(extra)
    return data


def _english(client: Client, user: Any) -> Client:
    client.force_login(user)
    # Read in English: the messages are the code's source strings.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_an_officer_adds_a_site_with_groups_and_visiting_slots(
    officer: Any, client: Client
) -> None:
    client = _english(client, officer)

    response = client.post(reverse("sites:create"), _site_data())

    assert response.status_code == 302
    site = Site.objects.get(name="Mái ấm Bình Minh")
    assert dict(site.groups.values_list("group", "count")) == {
        "orphaned_children": 12,
        "elderly_alone": 4,
    }
    assert list(site.slots.values_list("weekday", "starts_at", "ends_at")) == [
        (5, time(8), time(11))
    ]
    assert site.max_visitors_per_slot == 15
    assert site.phone == "02838221234"


@pytest.mark.parametrize(
    ("field", "extra", "message"),
    [
        ("name", {"name": ""}, "Enter the name of the site."),
        ("ward", {"ward": "1"}, "This ward is not on the official list"),
        ("phone", {"phone": "+1 555 0100"}, "This is not a Vietnamese phone"),
        ("latitude", {"latitude": "48.85"}, "The latitude must be between 8"),
        ("longitude", {"longitude": "2.35"}, "The longitude must be between 102"),
        (
            "max_visitors_per_slot",
            {"max_visitors_per_slot": "-1"},
            "The most visitors per slot cannot be negative.",
        ),
    ],
)
def test_a_bad_site_value_is_refused_naming_the_field(
    officer: Any, client: Client, field: str, extra: dict, message: str
) -> None:
    client = _english(client, officer)

    response = client.post(reverse("sites:create"), _site_data(**extra))

    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    assert not Site.objects.filter(street="3 Lê Lợi").exists()


def test_a_negative_count_or_a_slot_ending_early_is_refused(
    officer: Any, client: Client
) -> None:
    client = _english(client, officer)
    data = _site_data(**{"groups-count_homeless": "-2", "slots-0-ends_at": "07:00"})

    response = client.post(reverse("sites:create"), data)

    assert response.status_code == 200
    groups_errors = response.context["groups_form"].errors["count_homeless"]
    assert "The number of homeless people cannot be negative." in groups_errors
    slot_errors = response.context["slots"].forms[0].errors["ends_at"]
    assert "must end" in slot_errors[0]
    assert not Site.objects.filter(street="3 Lê Lợi").exists()


def test_a_refused_slot_saves_nothing_of_the_edit(officer: Any) -> None:
    site = Site.objects.get(name=SUNRISE)
    groups_before = list(site.groups.values_list("group", "count"))

    with pytest.raises(SlotEndsBeforeStart):
        services.update_site(
            by=officer, site=site, notes="không được lưu",
            groups={"homeless": 9},
            slots=[(1, time(9), time(10)), (2, time(15), time(14))],
        )  # fmt: skip

    site = Site.objects.get(pk=site.pk)
    assert site.notes != "không được lưu"
    assert list(site.groups.values_list("group", "count")) == groups_before
    assert not VisitingSlot.objects.filter(site=site, weekday=1).exists()


def test_the_service_refuses_a_position_outside_vietnam(officer: Any) -> None:
    site = Site.objects.get(name=SUNRISE)

    with pytest.raises(PositionOutsideVietnam) as refused:
        services.update_site(by=officer, site=site, longitude=120)

    assert refused.value.field == "longitude"
    assert Site.objects.get(pk=site.pk).longitude != 120


def test_a_site_like_an_existing_one_is_held_until_confirmed(
    officer: Any, client: Client
) -> None:
    client.force_login(officer)
    data = _site_data(name="MA Hoa Hồng", phone="")
    existing = Site.objects.get(name=ROSES)

    warned = client.post(reverse("sites:create"), data)

    assert [s.pk for s in warned.context["candidates"]] == [existing.pk]
    assert not Site.objects.filter(name="MA Hoa Hồng").exists()

    confirmed = client.post(
        reverse("sites:create"), {**data, "confirm_duplicate": "on"}
    )

    assert confirmed.status_code == 302
    assert Site.objects.filter(name="MA Hoa Hồng").count() == 1


def test_a_site_contact_posts_edits_and_fulfils_a_need(
    site_contact: Any, client: Client
) -> None:
    site = Site.objects.get(name=ROSES)
    client.force_login(site_contact)

    client.post(
        reverse("sites:need_create", args=[site.pk]),
        {"category": "food", "description": "Sữa cho trẻ nhỏ", "quantity": "20",
         "quantity_unit": "hộp", "urgency": "high", "status": "open"},
    )  # fmt: skip
    need = Need.objects.get(site=site, description="Sữa cho trẻ nhỏ")
    assert need.created_by == site_contact

    client.post(
        reverse("sites:need_edit", args=[site.pk, need.pk]),
        {"category": "food", "description": "Sữa cho trẻ nhỏ", "quantity": "30",
         "quantity_unit": "hộp", "urgency": "high", "status": "open",
         "due_date": "2026-12-24"},
    )  # fmt: skip
    client.post(
        reverse("sites:need_status", args=[site.pk, need.pk]), {"status": "fulfilled"}
    )

    need.refresh_from_db()
    assert need.quantity == 30
    assert need.status == Need.Status.FULFILLED
    assert need.history.count() == 3
    page = client.get(reverse("sites:detail", args=[site.pk]))
    assert f'data-need="{need.pk}" data-status="fulfilled"' in page.text


def test_a_need_cannot_be_negative(site_contact: Any, client: Client) -> None:
    site = Site.objects.get(name=ROSES)
    client = _english(client, site_contact)

    response = client.post(
        reverse("sites:need_create", args=[site.pk]),
        {"category": "food", "description": "Gạo", "quantity": "-5",
         "urgency": "normal", "status": "open"},
    )  # fmt: skip

    assert "The quantity needed cannot be negative." in response.text
    assert not Need.objects.filter(site=site, description="Gạo").exists()


@pytest.mark.parametrize("role", ["volunteer", "team_manager", "officer_university"])
def test_people_outside_the_site_cannot_post_or_close_its_needs(
    request: pytest.FixtureRequest, officer: Any, client: Client, role: str
) -> None:
    site = Site.objects.get(name=ROSES)
    need = services.create_need(
        by=officer, site=site, category="funds",
        description="Sửa mái nhà",
    )  # fmt: skip
    client.force_login(request.getfixturevalue(role))

    added = client.post(
        reverse("sites:need_create", args=[site.pk]),
        {"category": "food", "description": "x", "urgency": "normal",
         "status": "open"},
    )  # fmt: skip
    closed = client.post(
        reverse("sites:need_status", args=[site.pk, need.pk]), {"status": "withdrawn"}
    )

    assert added.status_code in (403, 404)
    assert closed.status_code in (403, 404)
    need.refresh_from_db()
    assert need.status == Need.Status.OPEN
    assert not Need.objects.filter(site=site, description="x").exists()


def test_a_coordinator_merges_two_sites_and_no_row_is_lost(
    coordinator: Any, site_contact: Any, volunteer: Any, client: Client
) -> None:
    keep = Site.objects.get(name=ROSES)
    absorb = services.create_site(
        by=None, unit=keep.unit, name="Mái ấm Hoa Hồng (cơ sở 2)",
        category="shelter", needs_text="Sách vở",
        groups={"orphaned_children": 5, "disabilities": 3},
        slots=[(6, time(8), time(10))],
    )  # fmt: skip
    needs = [
        services.create_need(by=coordinator, site=absorb, category="food",
                             description=f"Nhu cầu {n}")
        for n in range(3)
    ]  # fmt: skip
    SiteContact.objects.create(site=absorb, user=volunteer)
    SiteContact.objects.create(site=absorb, user=site_contact)
    needs_before = Need.objects.filter(site=keep).count()
    client.force_login(coordinator)

    response = client.post(
        reverse("sites:merge"), {"keep": keep.pk, "absorb": absorb.pk}
    )

    assert response.status_code == 302
    assert not Site.objects.filter(pk=absorb.pk).exists()
    assert Need.objects.filter(site=keep).count() == needs_before + 3
    assert {n.pk for n in needs} <= set(keep.needs.values_list("pk", flat=True))
    assert set(keep.contacts.values_list("user_id", flat=True)) >= {
        volunteer.pk,
        site_contact.pk,
    }
    assert {"orphaned_children", "disabilities"} <= set(
        BeneficiaryGroup.objects.filter(site=keep).values_list("group", flat=True)
    )
    assert keep.slots.filter(weekday=6, starts_at=time(8)).exists()
    keep.refresh_from_db()
    assert keep.history.first().history_change_reason.startswith(
        f"merged from #{absorb.pk}"
    )
    assert Site.history.filter(id=absorb.pk).exists()


def test_only_coordinators_may_merge_sites(officer: Any, client: Client) -> None:
    client.force_login(officer)
    keep, other = Site.objects.get(name=ROSES), Site.objects.get(name=SUNRISE)

    response = client.post(
        reverse("sites:merge"), {"keep": keep.pk, "absorb": other.pk}
    )

    assert response.status_code == 403
    assert Site.objects.filter(pk=other.pk).exists()
