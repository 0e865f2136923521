"""Every role against objects inside and outside its scope.

The expectations are written out by hand from the rules people were told
(an officer sees their unit and everything below it, nothing beside it),
not computed from the access module they check. Each page and API endpoint
is tried for reading, changing and listing.
"""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from portal.sites.models import Site
from portal.teams.models import Team

# Every test here reads the demo data through the database.
pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous", "volunteer", "team_manager", "site_contact",
    "officer", "officer_university", "coordinator",
]  # fmt: skip

ALL_UNITS = {
    "thanh-doan", "doan-p-ben-thanh", "cd-kp1-ben-thanh", "cd-kp2-ben-thanh",
    "doan-p-sai-gon", "doan-x-binh-chanh", "doan-dh-khtn", "cd-khtn-cntt",
    "doan-dh-bk", "hoi-sinh-vien",
}  # fmt: skip

# Units each role works on (and so sees in lists and may change).
UNITS_CHANGED = {
    "anonymous": set(),
    "volunteer": set(),
    "team_manager": set(),
    "site_contact": set(),
    "officer": {"doan-p-ben-thanh", "cd-kp1-ben-thanh", "cd-kp2-ben-thanh"},
    "officer_university": {"doan-dh-khtn", "cd-khtn-cntt"},
    "coordinator": ALL_UNITS,
}

BT_CLUB = "CLB Tình nguyện Bến Thành"  # verified, Bến Thành
EXAM_TEAM = "Đội hình Tiếp sức mùa thi"  # verified, a branch of Bến Thành
MEALS = "Nhóm Bữa cơm yêu thương"  # awaiting, Sài Gòn
BLOOD = "CLB Hiến máu tình nguyện Bình Chánh"  # verified, Bình Chánh
SUMMER = "Đội Mùa hè xanh KHTN"  # verified, the university
TUTORS = "CLB Gia sư tình nguyện CNTT"  # awaiting, a university branch
RESCUE = "Đội Xung kích Bách khoa"  # verified, another university
BOOKS = "Nhóm Sách cho em"  # suspended, the Students' Association

ALL_TEAMS = {BT_CLUB, EXAM_TEAM, MEALS, BLOOD, SUMMER, TUTORS, RESCUE, BOOKS}
PUBLIC_TEAMS = {BT_CLUB, EXAM_TEAM, BLOOD, SUMMER, RESCUE}

TEAMS_CHANGED = {
    "anonymous": set(),
    "volunteer": set(),
    "team_manager": {BT_CLUB},
    "site_contact": set(),
    "officer": {BT_CLUB, EXAM_TEAM},
    "officer_university": {SUMMER, TUTORS},
    "coordinator": ALL_TEAMS,
}

ROSES = "Mái ấm Hoa Hồng"  # protected, Bến Thành
SUNRISE = "Nhà mở Ánh Dương"  # Bến Thành
CHILDREN = "Trung tâm Bảo trợ trẻ em Sài Gòn"  # Sài Gòn
ELDERLY = "Cơ sở nuôi dưỡng người cao tuổi Bình Chánh"  # Bình Chánh
KIND_HEART = "Mái ấm Thiện Tâm"  # protected, Bình Chánh
SCHOOL = "Trường chuyên biệt Ánh Sáng"  # the university's

ALL_SITES = {ROSES, SUNRISE, CHILDREN, ELDERLY, KIND_HEART, SCHOOL}

SITES_CHANGED = {
    "anonymous": set(),
    "volunteer": set(),
    "team_manager": set(),
    "site_contact": {ROSES},
    "officer": {ROSES, SUNRISE},
    "officer_university": {SCHOOL},
    "coordinator": ALL_SITES,
}

# Who may read a protected site's street address and contact: officers,
# coordinators, managers of verified teams, and the site's own contact.
PRIVATE_READERS = {
    KIND_HEART: {"team_manager", "officer", "officer_university", "coordinator"},
    ROSES: {
        "team_manager", "site_contact", "officer", "officer_university",
        "coordinator",
    },
}  # fmt: skip


def client_for(request: pytest.FixtureRequest, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    else:
        request.getfixturevalue("demo")
    return client


def listed(response: Any, attribute: str) -> set[str]:
    import re

    return set(re.findall(rf'{attribute}="([^"]+)"', response.content.decode()))


def expected_page_status(role: str, visible: bool, changed: bool) -> int:
    if changed:
        return 200
    return 403 if visible else 404


# Units ---------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_the_unit_list_page_shows_exactly_the_units_in_scope(
    request: pytest.FixtureRequest, role: str
) -> None:
    client = client_for(request, role)
    response = client.get(reverse("units:list"), {"page": 1})

    if role == "anonymous":
        assert response.status_code == 302
        return
    assert response.status_code == 200
    assert listed(response, "data-unit") == UNITS_CHANGED[role]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("code", sorted(ALL_UNITS - {"thanh-doan"}))
def test_a_unit_page_opens_and_edits_only_in_scope(
    request: pytest.FixtureRequest, role: str, code: str
) -> None:
    client = client_for(request, role)
    inside = code in UNITS_CHANGED[role]

    detail = client.get(reverse("units:detail", args=[code]))
    edit = client.get(reverse("units:edit", args=[code]))

    if role == "anonymous":
        assert (detail.status_code, edit.status_code) == (302, 302)
        return
    assert detail.status_code == (200 if inside else 404)
    assert edit.status_code == (200 if inside else 404)


@pytest.mark.parametrize("role", ROLES)
def test_the_unit_api_lists_exactly_the_units_in_scope(
    request: pytest.FixtureRequest, role: str
) -> None:
    client = client_for(request, role)
    response = client.get("/api/v1/units/", {"page_size": 200})

    if role == "anonymous":
        assert response.status_code in (401, 403)
        return
    codes = {row["code"] for row in response.json()["results"]}
    assert codes == UNITS_CHANGED[role]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("code", ["doan-p-ben-thanh", "cd-kp1-ben-thanh",
                                  "doan-p-sai-gon", "doan-dh-khtn"])  # fmt: skip
def test_the_unit_api_reads_and_changes_only_in_scope(
    request: pytest.FixtureRequest, role: str, code: str
) -> None:
    client = client_for(request, role)
    inside = code in UNITS_CHANGED[role]

    read = client.get(f"/api/v1/units/{code}/")
    change = client.patch(
        f"/api/v1/units/{code}/",
        {"name": "Tên mới"},
        content_type="application/json",
    )

    if role == "anonymous":
        assert read.status_code in (401, 403)
        assert change.status_code in (401, 403)
        return
    assert read.status_code == (200 if inside else 404)
    assert change.status_code == (200 if inside else 404)


@pytest.mark.parametrize("role", ROLES)
def test_only_coordinators_see_a_units_history(
    request: pytest.FixtureRequest, role: str
) -> None:
    client = client_for(request, role)
    response = client.get(reverse("units:history", args=["doan-p-ben-thanh"]))

    if role == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == (200 if role == "coordinator" else 403)


@pytest.mark.parametrize("role", ROLES)
def test_only_coordinators_get_into_the_admin(
    request: pytest.FixtureRequest, role: str
) -> None:
    client = client_for(request, role)
    response = client.get(reverse("admin:units_unit_changelist"))

    assert response.status_code == (200 if role == "coordinator" else 302)


# Teams ---------------------------------------------------------------


def _team_id(name: str) -> int:
    return Team.objects.get(name=name).pk


@pytest.mark.parametrize("role", ROLES)
def test_the_team_list_page_shows_exactly_the_teams_in_scope(
    request: pytest.FixtureRequest, role: str
) -> None:
    client = client_for(request, role)
    response = client.get(reverse("teams:list"))

    if role == "anonymous":
        assert response.status_code == 302
        return
    ids = {int(pk) for pk in listed(response, "data-team")}
    assert ids == {_team_id(name) for name in TEAMS_CHANGED[role]}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(ALL_TEAMS))
def test_a_team_page_opens_when_public_or_in_scope_and_edits_in_scope(
    request: pytest.FixtureRequest, role: str, name: str
) -> None:
    client = client_for(request, role)
    pk = _team_id(name)
    changed = name in TEAMS_CHANGED[role]
    visible = changed or name in PUBLIC_TEAMS

    detail = client.get(reverse("teams:detail", args=[pk]))
    edit = client.get(reverse("teams:edit", args=[pk]))

    assert detail.status_code == (200 if visible else 404)
    if role == "anonymous":
        assert edit.status_code == 302
    else:
        assert edit.status_code == expected_page_status(role, visible, changed)


@pytest.mark.parametrize("role", ROLES)
def test_the_team_api_lists_public_teams_and_those_in_scope(
    request: pytest.FixtureRequest, role: str
) -> None:
    client = client_for(request, role)
    response = client.get("/api/v1/teams/", {"page_size": 200})

    assert response.status_code == 200
    names = {row["name"] for row in response.json()["results"]}
    assert names == PUBLIC_TEAMS | TEAMS_CHANGED[role]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", [BT_CLUB, EXAM_TEAM, MEALS, SUMMER, TUTORS])
def test_the_team_api_changes_only_teams_in_scope(
    request: pytest.FixtureRequest, role: str, name: str
) -> None:
    client = client_for(request, role)
    pk = _team_id(name)
    changed = name in TEAMS_CHANGED[role]
    visible = changed or name in PUBLIC_TEAMS

    response = client.patch(
        f"/api/v1/teams/{pk}/",
        {"notes": "Cập nhật"},
        content_type="application/json",
    )

    if role == "anonymous":
        assert response.status_code in (401, 403)
    else:
        assert response.status_code == expected_page_status(role, visible, changed)
    saved = Team.objects.get(pk=pk).notes == "Cập nhật"
    assert saved == (changed and role != "anonymous")


def test_a_team_manager_cannot_verify_their_own_team(
    team_manager: Any, client: Client
) -> None:
    team = Team.objects.get(name=MEALS)
    team.people.create(user=team_manager, role="manager")
    client.force_login(team_manager)

    response = client.post(
        reverse("teams:edit", args=[team.pk]),
        {**_team_form_data(team), "verification": "verified"},
    )

    team.refresh_from_db()
    assert response.status_code == 302
    assert team.verification == Team.Verification.AWAITING


def test_an_officer_verifies_a_team_of_their_unit(officer: Any, client: Client) -> None:
    team = Team.objects.get(name=EXAM_TEAM)
    team.verification = Team.Verification.AWAITING
    team.save()
    client.force_login(officer)

    response = client.post(
        reverse("teams:edit", args=[team.pk]),
        {**_team_form_data(team), "verification": "verified"},
    )

    team.refresh_from_db()
    assert response.status_code == 302
    assert team.verification == Team.Verification.VERIFIED


def _team_form_data(team: Team) -> dict[str, Any]:
    return {
        "unit": team.unit_id,
        "name": team.name,
        "kind": team.kind,
        "inside_union": "on",
        "leader_name": team.leader_name,
        "phone": team.phone,
        "status": team.status,
        "verification": team.verification,
    }


# Sites ---------------------------------------------------------------


def _site_id(name: str) -> int:
    return Site.objects.get(name=name).pk


@pytest.mark.parametrize("role", ROLES)
def test_the_site_list_page_shows_exactly_the_sites_in_scope(
    request: pytest.FixtureRequest, role: str
) -> None:
    client = client_for(request, role)
    response = client.get(reverse("sites:list"))

    if role == "anonymous":
        assert response.status_code == 302
        return
    ids = {int(pk) for pk in listed(response, "data-site")}
    assert ids == {_site_id(name) for name in SITES_CHANGED[role]}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(ALL_SITES))
def test_a_site_page_opens_for_all_and_edits_in_scope(
    request: pytest.FixtureRequest, role: str, name: str
) -> None:
    client = client_for(request, role)
    pk = _site_id(name)
    changed = name in SITES_CHANGED[role]

    detail = client.get(reverse("sites:detail", args=[pk]))
    edit = client.get(reverse("sites:edit", args=[pk]))

    assert detail.status_code == 200
    if role == "anonymous":
        assert edit.status_code == 302
    else:
        assert edit.status_code == (200 if changed else 403)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", [ROSES, KIND_HEART])
def test_a_protected_sites_address_shows_only_to_those_with_the_right(
    request: pytest.FixtureRequest, role: str, name: str
) -> None:
    client = client_for(request, role)
    site = Site.objects.get(name=name)
    may_read = role in PRIVATE_READERS[name]

    page = client.get(reverse("sites:detail", args=[site.pk])).content.decode()
    api = client.get(f"/api/v1/sites/{site.pk}/").json()
    listing = client.get("/api/v1/sites/", {"page_size": 200}).json()["results"]
    row = next(item for item in listing if item["id"] == site.pk)

    assert (site.street in page) == may_read
    assert ("street" in api) == may_read
    assert ("phone" in api) == may_read
    assert ("latitude" in row) == may_read
    assert api["name"] == name


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", [ROSES, SUNRISE, CHILDREN, SCHOOL])
def test_the_site_api_changes_only_sites_in_scope(
    request: pytest.FixtureRequest, role: str, name: str
) -> None:
    client = client_for(request, role)
    pk = _site_id(name)
    changed = name in SITES_CHANGED[role]

    response = client.patch(
        f"/api/v1/sites/{pk}/",
        {"notes": "Cập nhật"},
        content_type="application/json",
    )

    if role == "anonymous":
        assert response.status_code in (401, 403)
    else:
        assert response.status_code == (200 if changed else 403)
    saved = Site.objects.get(pk=pk).notes == "Cập nhật"
    assert saved == changed


# Adding, merging and needs ---------------------------------------------

UNIT_OFFICERS = {"officer", "officer_university", "coordinator"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", ["teams:create", "sites:create"])
def test_only_officers_open_the_pages_that_add_teams_and_sites(
    request: pytest.FixtureRequest, role: str, page: str
) -> None:
    client = client_for(request, role)

    response = client.get(reverse(page))

    if role == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == (200 if role in UNIT_OFFICERS else 403)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", ["teams:merge", "sites:merge"])
def test_only_coordinators_merge_records(
    request: pytest.FixtureRequest, role: str, page: str
) -> None:
    client = client_for(request, role)

    response = client.get(reverse(page))

    if role == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == (200 if role == "coordinator" else 403)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(ALL_SITES))
def test_needs_are_posted_only_for_sites_in_scope(
    request: pytest.FixtureRequest, role: str, name: str
) -> None:
    client = client_for(request, role)
    site = Site.objects.get(name=name)
    changed = name in SITES_CHANGED[role]

    page = client.get(reverse("sites:need_create", args=[site.pk]))
    posted = client.post(
        reverse("sites:need_create", args=[site.pk]),
        {
            "category": "food",
            "description": "Gạo",
            "urgency": "normal",
            "status": "open",
        },
    )

    if role == "anonymous":
        assert (page.status_code, posted.status_code) == (302, 302)
    else:
        assert page.status_code == (200 if changed else 403)
    added = site.needs.filter(description="Gạo").exists()
    assert added == (changed and role != "anonymous")


# Public pages ----------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(ALL_TEAMS))
def test_the_public_directory_shows_verified_teams_to_everyone(
    request: pytest.FixtureRequest, role: str, name: str
) -> None:
    client = client_for(request, role)
    pk = _team_id(name)

    listing = client.get(reverse("directory:teams"), {"q": name})
    page = client.get(reverse("directory:team", args=[pk]))

    public = name in PUBLIC_TEAMS
    assert (str(pk) in listed(listing, "data-team")) == public
    assert page.status_code == (200 if public or name in TEAMS_CHANGED[role] else 404)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(ALL_SITES))
def test_a_public_site_page_shows_the_address_only_with_the_right(
    request: pytest.FixtureRequest, role: str, name: str
) -> None:
    client = client_for(request, role)
    site = Site.objects.get(name=name)
    may_read = role in PRIVATE_READERS.get(name, set(ROLES))

    response = client.get(reverse("directory:site", args=[site.pk]))

    assert response.status_code == 200
    assert (site.street in response.content.decode()) == may_read


@pytest.mark.parametrize("role", ROLES)
def test_the_map_and_channels_pages_are_open_to_everyone(
    request: pytest.FixtureRequest, role: str
) -> None:
    client = client_for(request, role)

    assert client.get(reverse("directory:map")).status_code == 200
    assert client.get(reverse("directory:channels")).status_code == 200


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", [ROSES, SUNRISE, CHILDREN, SCHOOL])
def test_needs_are_changed_and_closed_only_for_sites_in_scope(
    request: pytest.FixtureRequest, role: str, name: str
) -> None:
    client = client_for(request, role)
    site = Site.objects.get(name=name)
    need = site.needs.create(category="food", description="Sữa", status="open")
    changed = name in SITES_CHANGED[role]
    edit_url = reverse("sites:need_edit", args=[site.pk, need.pk])
    status_url = reverse("sites:need_status", args=[site.pk, need.pk])

    page = client.get(edit_url)
    closed = client.post(status_url, {"status": "withdrawn"})

    need.refresh_from_db()
    if role == "anonymous":
        assert (page.status_code, closed.status_code) == (302, 302)
    else:
        assert page.status_code == (200 if changed else 403)
        assert closed.status_code == (302 if changed else 403)
    assert (need.status == "withdrawn") == (changed and role != "anonymous")
