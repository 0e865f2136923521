"""Who may see and act on visits, claims and the coverage board.

Expectations are written by hand from what people were told: a team's
managers (and its unit's officers) ask for its visits and claim needs for
it; a site's contacts (and its unit's officers) answer visits and confirm
deliveries; everyone sees a site's coming visits and promises unless the
site shelters people at risk; the coverage board is for officers (their
units) and city coordinators (the city).
"""

import json
import re
from datetime import date, datetime, time
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal.coordination.models import NeedClaim, Visit
from portal.sites.models import Need, Site
from portal.teams.models import Team

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous", "volunteer", "team_manager", "site_contact",
    "officer", "officer_university", "coordinator",
]  # fmt: skip
SIGNED_IN = ROLES[1:]

BT_CLUB = "CLB Tình nguyện Bến Thành"  # team_manager's; Bến Thành
EXAM_TEAM = "Đội hình Tiếp sức mùa thi"  # a Bến Thành branch's
BLOOD = "CLB Hiến máu tình nguyện Bình Chánh"
SUMMER = "Đội Mùa hè xanh KHTN"  # the university's
RESCUE = "Đội Xung kích Bách khoa"
ROSES = "Mái ấm Hoa Hồng"  # protected, Bến Thành; site_contact's
SUNRISE = "Nhà mở Ánh Dương"  # Bến Thành; Wednesday 14:00-17:00
KIND_HEART = "Mái ấm Thiện Tâm"  # protected, Bình Chánh
CHILDREN = "Trung tâm Bảo trợ trẻ em Sài Gòn"
ELDERLY = "Cơ sở nuôi dưỡng người cao tuổi Bình Chánh"
SCHOOL = "Trường chuyên biệt Ánh Sáng"  # the university's
ALL_SITES = {ROSES, SUNRISE, KIND_HEART, CHILDREN, ELDERLY, SCHOOL}

MONDAY = date(2026, 3, 2)
SATURDAY = date(2026, 3, 7)
WEDNESDAY = date(2026, 3, 4)

# Visits by (team, site): three made here, three from the demo set.
ROSES_ASKED = (EXAM_TEAM, ROSES)  # pending, protected site
SUNRISE_ASKED = (BLOOD, SUNRISE)  # pending, open site
KIND_DECLINED = (SUMMER, KIND_HEART)  # declined, protected site
DEMO_RESCUE = (RESCUE, KIND_HEART)  # done
DEMO_BT = (BT_CLUB, KIND_HEART)  # done

VISITS_LISTED = {
    "anonymous": {SUNRISE_ASKED},
    "volunteer": {SUNRISE_ASKED},
    "team_manager": {SUNRISE_ASKED, DEMO_BT},
    "site_contact": {SUNRISE_ASKED, ROSES_ASKED},
    "officer": {SUNRISE_ASKED, ROSES_ASKED},
    "officer_university": {SUNRISE_ASKED},
    "coordinator": {
        SUNRISE_ASKED, ROSES_ASKED, KIND_DECLINED, DEMO_RESCUE, DEMO_BT,
        (SUMMER, KIND_HEART),
    },
}  # fmt: skip

# Answering (accept) a visit: the site's side.
ANSWER_SUNRISE = {"officer", "coordinator"}
ANSWER_ROSES = {"site_contact", "officer", "coordinator"}
SEES_ROSES_VISIT = {"site_contact", "officer", "coordinator"}
# Cancelling the Bình Chánh blood club's visit: that team's side only.
CANCEL_SUNRISE = {"coordinator"}
# Asking for, and claiming for, the Bến Thành club.
ACT_FOR_BT_CLUB = {"team_manager", "officer", "coordinator"}
# Who may read a protected site's whole calendar.
PRIVATE_CALENDAR = {
    "team_manager", "site_contact", "officer", "officer_university",
    "coordinator",
}  # fmt: skip

CLAIMS_LISTED = {
    "anonymous": {"books"},
    "volunteer": {"books"},
    "team_manager": {"books"},
    "site_contact": {"books", "rice"},
    "officer": {"books", "rice"},
    "officer_university": {"books"},
    "coordinator": {"books", "rice"},
}
CONFIRM_RICE = {"site_contact", "officer", "coordinator"}

BOARD_SITES = {
    "officer": {ROSES, SUNRISE},
    "officer_university": {SCHOOL},
    "coordinator": ALL_SITES,
}
# Who may open a claim form: anyone acting for an active team.
CLAIM_FORM = {"team_manager", "officer", "officer_university", "coordinator"}


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


@pytest.fixture(autouse=True)
def _monday() -> Any:
    with time_machine.travel(_at(MONDAY, 9), tick=False):
        yield


@pytest.fixture
def world(demo: Any) -> dict[str, Any]:
    teams = {t.name: t for t in Team.objects.all()}
    sites = {s.name: s for s in Site.objects.all()}

    def visit(team: str, site: str, day: date, hour: int, status: str) -> Visit:
        return Visit.objects.create(
            team=teams[team],
            site=sites[site],
            starts_at=_at(day, hour),
            ends_at=_at(day, hour + 2),
            head_count=5,
            purpose="meals",
            status=status,
        )

    rice = Need.objects.get(description="Gạo cho tháng tới")
    return {
        "roses": visit(EXAM_TEAM, ROSES, SATURDAY, 8, "pending"),
        "sunrise": visit(BLOOD, SUNRISE, WEDNESDAY, 14, "pending"),
        "kind": visit(SUMMER, KIND_HEART, SATURDAY, 9, "declined"),
        "rice": NeedClaim.objects.create(
            need=rice, team=teams[EXAM_TEAM], quantity=50, deliver_by=SATURDAY
        ),
        "books": NeedClaim.objects.get(need__description="Sách vở năm học mới"),
        "rice_need": rice,
    }


def client_for(request: pytest.FixtureRequest, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    return client


def refused_anonymously(response: Any) -> bool:
    return response.status_code in (401, 403)


def _pairs(rows: list[dict[str, Any]]) -> set[tuple[str, str]]:
    return {(row["team_name"], row["site_name"]) for row in rows}


# Visits ----------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_the_visit_list_shows_open_calendars_and_the_visits_in_scope(
    request: pytest.FixtureRequest, role: str, world: dict[str, Any]
) -> None:
    response = client_for(request, role).get("/api/v1/visits/?page_size=100")

    expected = {pair[:2] for pair in VISITS_LISTED[role]}
    assert _pairs(response.json()["results"]) == expected


@pytest.mark.parametrize("role", ROLES)
def test_a_visit_to_a_protected_site_opens_only_for_its_site_side(
    request: pytest.FixtureRequest, role: str, world: dict[str, Any]
) -> None:
    visit = world["roses"]
    response = client_for(request, role).get(
        reverse("coordination:visit", args=[visit.pk])
    )
    if role == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == (200 if role in SEES_ROSES_VISIT else 404)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_site_side_accepts_a_visit_on_the_page(
    request: pytest.FixtureRequest, role: str, world: dict[str, Any]
) -> None:
    visit = world["sunrise"]
    response = client_for(request, role).post(
        reverse("coordination:visit_action", args=[visit.pk, "accept"])
    )
    visit.refresh_from_db()

    if role == "anonymous":
        assert response.status_code == 302 and "dang-nhap" in response.url
    elif role in ANSWER_SUNRISE:
        assert response.status_code == 302
    else:
        assert response.status_code == 403
    assert (visit.status == "accepted") == (role in ANSWER_SUNRISE)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_site_side_accepts_a_visit_to_a_protected_site_in_the_api(
    request: pytest.FixtureRequest, role: str, world: dict[str, Any]
) -> None:
    visit = world["roses"]
    response = client_for(request, role).post(
        f"/api/v1/visits/{visit.pk}/accept/", {}, content_type="application/json"
    )
    visit.refresh_from_db()

    if role == "anonymous":
        assert refused_anonymously(response)
    elif role in ANSWER_ROSES:
        assert response.status_code == 200
    else:
        # The visit is not public: the others are told it does not exist.
        assert response.status_code == 404
    assert (visit.status == "accepted") == (role in ANSWER_ROSES)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_visiting_teams_side_cancels(
    request: pytest.FixtureRequest, role: str, world: dict[str, Any]
) -> None:
    visit = world["sunrise"]
    response = client_for(request, role).post(f"/api/v1/visits/{visit.pk}/cancel/")
    visit.refresh_from_db()

    if role == "anonymous":
        assert refused_anonymously(response)
    else:
        assert response.status_code == (200 if role in CANCEL_SUNRISE else 403)
    assert (visit.status == "cancelled") == (role in CANCEL_SUNRISE)


@pytest.mark.parametrize("role", ROLES)
def test_only_those_acting_for_a_team_ask_for_its_visits(
    request: pytest.FixtureRequest, role: str, world: dict[str, Any]
) -> None:
    body = {
        "site": Site.objects.get(name=SUNRISE).pk,
        "team": Team.objects.get(name=BT_CLUB).pk,
        "starts_at": _at(WEDNESDAY, 15).isoformat(),
        "ends_at": _at(WEDNESDAY, 16).isoformat(),
        "head_count": 4,
        "purpose": "tutoring",
    }
    response = client_for(request, role).post(
        "/api/v1/visits/", json.dumps(body), content_type="application/json"
    )

    asked = Visit.objects.filter(team__name=BT_CLUB, site__name=SUNRISE).exists()
    if role == "anonymous":
        assert refused_anonymously(response)
    else:
        assert response.status_code == (201 if role in ACT_FOR_BT_CLUB else 403)
    assert asked == (role in ACT_FOR_BT_CLUB)


@pytest.mark.parametrize("role", ROLES)
def test_a_protected_sites_calendar_shows_visits_only_to_those_who_may_know(
    request: pytest.FixtureRequest, role: str, world: dict[str, Any]
) -> None:
    site = Site.objects.get(name=ROSES)
    response = client_for(request, role).get(
        reverse("coordination:calendar", args=[site.pk]), {"d": "2026-03-07"}
    )
    shown = re.findall(r'data-visit="(\d+)"', response.content.decode())

    assert response.status_code == 200
    assert (str(world["roses"].pk) in shown) == (role in PRIVATE_CALENDAR)


# Claims ----------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_the_claim_list_shows_promises_at_open_sites_and_those_in_scope(
    request: pytest.FixtureRequest, role: str, world: dict[str, Any]
) -> None:
    response = client_for(request, role).get("/api/v1/claims/?page_size=100")

    ids = {row["id"] for row in response.json()["results"]}
    expected = {world[key].pk for key in CLAIMS_LISTED[role]}
    assert ids == expected


@pytest.mark.parametrize("role", ROLES)
def test_only_those_acting_for_a_team_claim_for_it(
    request: pytest.FixtureRequest, role: str, world: dict[str, Any]
) -> None:
    body = {
        "need": world["rice_need"].pk,
        "team": Team.objects.get(name=BT_CLUB).pk,
        "quantity": 20,
        "deliver_by": "2026-03-10",
    }
    response = client_for(request, role).post(
        "/api/v1/claims/", json.dumps(body), content_type="application/json"
    )

    claimed = NeedClaim.objects.filter(team__name=BT_CLUB).exists()
    if role == "anonymous":
        assert refused_anonymously(response)
    else:
        assert response.status_code == (201 if role in ACT_FOR_BT_CLUB else 403)
    assert claimed == (role in ACT_FOR_BT_CLUB)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_site_side_confirms_a_delivery(
    request: pytest.FixtureRequest, role: str, world: dict[str, Any]
) -> None:
    claim = world["rice"]
    response = client_for(request, role).post(
        f"/api/v1/claims/{claim.pk}/confirm-delivery/"
    )
    claim.refresh_from_db()

    if role == "anonymous":
        assert refused_anonymously(response)
    elif role in CONFIRM_RICE:
        assert response.status_code == 200
    else:
        # A promise at a protected site is not public.
        assert response.status_code == 404
    assert (claim.status == "delivered") == (role in CONFIRM_RICE)


@pytest.mark.parametrize("role", ROLES)
def test_the_claim_form_opens_for_those_acting_for_a_team(
    request: pytest.FixtureRequest, role: str, world: dict[str, Any]
) -> None:
    need = world["rice_need"]
    response = client_for(request, role).get(
        reverse("coordination:claim", args=[need.pk])
    )
    if role == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == (200 if role in CLAIM_FORM else 403)


# The coverage board ----------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_the_coverage_board_shows_each_officer_their_sites_only(
    request: pytest.FixtureRequest, role: str, world: dict[str, Any]
) -> None:
    response = client_for(request, role).get(reverse("coordination:board"))

    if role == "anonymous":
        assert response.status_code == 302
    elif role not in BOARD_SITES:
        assert response.status_code == 403
    else:
        assert {row.name for row in response.context["page"]} == BOARD_SITES[role]


@pytest.mark.parametrize("role", ROLES)
def test_the_coverage_api_and_map_follow_the_same_scopes(
    request: pytest.FixtureRequest, role: str, world: dict[str, Any]
) -> None:
    Site.objects.update(latitude=10.77, longitude=106.70)
    client = client_for(request, role)
    listed = client.get("/api/v1/coverage/?page_size=100")
    mapped = client.get(reverse("coordination:coverage_geojson"))
    gini = client.get("/api/v1/coverage/gini/")

    if role == "anonymous":
        assert refused_anonymously(listed) and refused_anonymously(gini)
        assert mapped.status_code == 302
    elif role not in BOARD_SITES:
        assert {listed.status_code, mapped.status_code, gini.status_code} == {403}
    else:
        names = {row["name"] for row in listed.json()["results"]}
        on_map = {f["properties"]["name"] for f in mapped.json()["features"]}
        assert names == on_map == BOARD_SITES[role]
        assert gini.status_code == 200


@pytest.mark.parametrize("role", SIGNED_IN)
def test_everyone_signed_in_opens_their_coordination_page(
    request: pytest.FixtureRequest, role: str, world: dict[str, Any]
) -> None:
    response = client_for(request, role).get(reverse("coordination:index"))
    assert response.status_code == 200
    waiting = set(re.findall(r'data-visit="(\d+)"', response.content.decode()))
    # Visits waiting for an answer reach the site's side only.
    assert (str(world["roses"].pk) in waiting) == (role in ANSWER_ROSES)
