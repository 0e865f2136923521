"""Officers add and edit teams; duplicates are caught; coordinators merge."""

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from portal.places.models import Ward
from portal.teams import services
from portal.teams.errors import PossibleDuplicate
from portal.teams.models import Field, Team, TeamMembership
from portal.units.models import Unit

BT_CLUB = "CLB Tình nguyện Bến Thành"
BEN_THANH = 26743


def _new_team_data(**extra: Any) -> dict[str, Any]:
    return {
        "unit": Unit.objects.get(code="doan-p-ben-thanh").pk,
        "name": "Đội Sinh viên tình nguyện Chợ Lớn",
        "kind": "team",
        "inside_union": "on",
        "leader_name": "Trần Văn An",
        "phone": "0933 444 555",
        "ward": BEN_THANH,
        "status": "active",
        "verification": "awaiting",
        **extra,
    }


def test_an_officer_adds_a_team_with_fields_wards_and_links(
    officer: Any, client: Client
) -> None:
    client.force_login(officer)
    fields = list(Field.objects.filter(is_active=True)[:2])
    wards = list(Ward.objects.in_city()[:2])

    response = client.post(
        reverse("teams:create"),
        _new_team_data(
            fields=[f.pk for f in fields],
            area_wards=[w.pk for w in wards],
            area_text="Quanh chợ Bến Thành",
            links="facebook.com/doisvtn\nhttps://zalo.me/g/abc123",
            founded_on="2019-03-26",
        ),
    )

    assert response.status_code == 302
    team = Team.objects.get(name="Đội Sinh viên tình nguyện Chợ Lớn")
    assert set(team.fields.all()) == set(fields)
    assert set(team.area_wards.all()) == set(wards)
    assert team.links == ["https://facebook.com/doisvtn", "https://zalo.me/g/abc123"]
    assert team.founded_year == 2019
    assert team.phone == "0933444555"


def test_the_add_team_link_shows_only_to_those_who_manage_a_unit(
    officer: Any, team_manager: Any, client: Client
) -> None:
    client.force_login(officer)
    assert reverse("teams:create") in client.get(reverse("teams:list")).text
    client.force_login(team_manager)
    assert reverse("teams:create") not in client.get(reverse("teams:list")).text
    assert client.get(reverse("teams:create")).status_code == 403


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Enter the name of the team."),
        ("ward", "999999", "This ward is not on the official list"),
        ("phone", "12345", "This is not a Vietnamese phone number"),
        ("member_count", "-3", "The number of members cannot be negative."),
        ("links", "gọi cho tôi", "Contact channels, line 1"),
    ],
)
def test_a_bad_value_is_refused_with_a_message_naming_the_field(
    officer: Any, client: Client, field: str, value: str, message: str
) -> None:
    client.force_login(officer)
    # Read in English: the messages are the code's source strings.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.post(reverse("teams:create"), _new_team_data(**{field: value}))

    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    assert not Team.objects.filter(leader_name="Trần Văn An").exists()


def test_a_team_like_an_existing_one_is_held_until_confirmed(
    officer: Any, client: Client
) -> None:
    client.force_login(officer)
    data = _new_team_data(name="Câu lạc bộ TN Bến Thành", phone="")

    warned = client.post(reverse("teams:create"), data)

    existing = Team.objects.get(name=BT_CLUB)
    assert warned.status_code == 200
    assert [t.pk for t in warned.context["candidates"]] == [existing.pk]
    assert f'data-duplicate="{existing.pk}"' in warned.text
    assert Team.objects.filter(name="Câu lạc bộ TN Bến Thành").count() == 0

    confirmed = client.post(
        reverse("teams:create"), {**data, "confirm_duplicate": "on"}
    )

    assert confirmed.status_code == 302
    assert Team.objects.filter(name="Câu lạc bộ TN Bến Thành").count() == 1


def test_the_same_phone_number_counts_as_a_possible_duplicate(
    officer: Any,
) -> None:
    unit = Unit.objects.get(code="doan-p-ben-thanh")
    with pytest.raises(PossibleDuplicate) as refused:
        services.create_team(
            by=officer, unit=unit, name="Nhóm khác hẳn", kind="group",
            leader_name="Ai đó", phone="0908123456",
        )  # fmt: skip
    assert refused.value.as_dict()["code"] == "possible_duplicate"
    assert refused.value.as_dict()["candidates"][0]["name"] == BT_CLUB


def test_editing_other_details_of_a_confirmed_duplicate_asks_nothing(
    officer: Any,
) -> None:
    unit = Unit.objects.get(code="doan-p-ben-thanh")
    twin = services.create_team(
        by=officer, unit=unit, name="CLB TN Bến Thành", kind="club",
        leader_name="Ai đó", ward_id=BEN_THANH, confirm_duplicate=True,
    )  # fmt: skip

    services.update_team(by=officer, team=twin, notes="Đã xác minh là hai CLB")

    assert Team.objects.get(pk=twin.pk).notes == "Đã xác minh là hai CLB"


def test_a_failed_save_leaves_the_fields_of_activity_untouched(
    officer: Any,
) -> None:
    team = Team.objects.get(name=BT_CLUB)
    before = set(team.fields.values_list("pk", flat=True))
    other = Team.objects.get(name="Đội hình Tiếp sức mùa thi")

    with pytest.raises(PossibleDuplicate):
        services.update_team(
            by=officer, team=team, phone=other.phone,
            fields=list(Field.objects.all()), notes="không lưu",
        )  # fmt: skip

    team = Team.objects.get(pk=team.pk)
    assert set(team.fields.values_list("pk", flat=True)) == before
    assert team.notes != "không lưu"


def test_a_coordinator_merges_two_teams_and_nothing_is_lost(
    coordinator: Any, team_manager: Any, volunteer: Any, client: Client
) -> None:
    keep = Team.objects.get(name=BT_CLUB)
    unit = keep.unit
    absorb = services.create_team(
        by=None, unit=unit, name="CLB TN Bến Thành (cũ)", kind="club",
        leader_name="Người cũ", email="cu@example.vn",
        links=["https://zalo.me/g/cu"],
    )  # fmt: skip
    absorb.fields.set(Field.objects.all()[:3])
    TeamMembership.objects.create(team=absorb, user=volunteer, role="member")
    TeamMembership.objects.create(team=absorb, user=team_manager, role="member")
    people_before = set(keep.people.values_list("user_id", flat=True))
    client.force_login(coordinator)

    response = client.post(
        reverse("teams:merge"), {"keep": keep.pk, "absorb": absorb.pk}
    )

    assert response.status_code == 302
    assert not Team.objects.filter(pk=absorb.pk).exists()
    keep.refresh_from_db()
    assert set(keep.people.values_list("user_id", flat=True)) == people_before | {
        volunteer.pk
    }
    assert keep.people.get(user=team_manager).role == "manager"
    assert set(Field.objects.all()[:3]) <= set(keep.fields.all())
    assert keep.email == "cu@example.vn"
    assert "https://zalo.me/g/cu" in keep.links
    assert keep.history.first().history_change_reason == (
        f"merged from #{absorb.pk} CLB TN Bến Thành (cũ)"
    )
    assert Team.history.filter(id=absorb.pk).count() >= 2


def test_only_coordinators_may_merge_teams(officer: Any, client: Client) -> None:
    client.force_login(officer)
    keep = Team.objects.get(name=BT_CLUB)
    other = Team.objects.get(name="Đội hình Tiếp sức mùa thi")

    response = client.post(
        reverse("teams:merge"), {"keep": keep.pk, "absorb": other.pk}
    )

    assert response.status_code == 403
    assert Team.objects.filter(pk=other.pk).exists()
