"""Every role against the activity pages and API.

Expectations are written out by hand from what people were told: anyone
reads a published activity; a draft is seen only by its organisers (the
team's managers, the officers of its unit and above, coordinators); only
organisers open the roster with phone numbers, export it or change a
shift; a sign-up is seen by its volunteer and the shift's organisers.
"""

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from portal.activities import services
from portal.activities.models import Activity, Shift, SignUp
from portal.teams.models import Team
from tests.activities.conftest import make_volunteer

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous", "volunteer", "team_manager", "site_contact",
    "officer", "officer_university", "coordinator",
]  # fmt: skip

BT_CLUB = "CLB Tình nguyện Bến Thành"  # the team manager's, Bến Thành
SUMMER = "Đội Mùa hè xanh KHTN"  # the university's

# Organisers of the Bến Thành club's activities.
BT_ORGANISERS = {"team_manager", "officer", "coordinator"}
# Organisers of the university team's activities.
UNIVERSITY_ORGANISERS = {"officer_university", "coordinator"}


def client_for(request: pytest.FixtureRequest, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    else:
        request.getfixturevalue("demo")
    return client


def _activity(team_name: str, *, publish: bool) -> Activity:
    team = Team.objects.get(name=team_name)
    activity = services.create_activity(by=None, team=team, title=f"HĐ {team_name}")
    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=5)
    services.add_shift(
        by=None,
        activity=activity,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        capacity=3,
    )
    if publish:
        services.publish(by=None, activity=activity)
    return activity


@pytest.fixture
def published(demo: Any) -> Activity:
    return _activity(BT_CLUB, publish=True)


@pytest.fixture
def bt_draft(demo: Any) -> Activity:
    return _activity(BT_CLUB, publish=False)


@pytest.fixture
def university_draft(demo: Any) -> Activity:
    return _activity(SUMMER, publish=False)


@pytest.fixture
def signed(published: Activity) -> SignUp:
    """Someone else's sign-up to the published activity."""
    shift = published.shifts.get()
    return services.sign_up(volunteer=make_volunteer(), shift=shift)


def _status_for(role: str, allowed: set[str], *, refused: int) -> int:
    if role in allowed:
        return 200
    return refused


@pytest.mark.parametrize("role", ROLES)
def test_everyone_opens_a_published_activity(request: Any, role: str, published):
    answer = client_for(request, role).get(f"/hoat-dong/{published.pk}/")

    assert answer.status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_a_draft_opens_only_for_its_organisers(
    request: Any, role: str, bt_draft: Activity, university_draft: Activity
):
    client = client_for(request, role)

    bt = client.get(f"/hoat-dong/{bt_draft.pk}/").status_code
    university = client.get(f"/hoat-dong/{university_draft.pk}/").status_code

    assert bt == (200 if role in BT_ORGANISERS else 404)
    assert university == (200 if role in UNIVERSITY_ORGANISERS else 404)


def _page_expectation(role: str) -> int:
    if role in BT_ORGANISERS:
        return 200
    # Signed-out people are sent to sign in; others are refused.
    return 302 if role == "anonymous" else 403


@pytest.mark.parametrize("role", ROLES)
def test_only_organisers_open_the_roster_and_its_csv(
    request: Any, role: str, signed: SignUp
):
    client = client_for(request, role)
    shift_id = signed.shift_id

    page = client.get(f"/hoat-dong/ca/{shift_id}/danh-sach/")
    csv = client.get(f"/hoat-dong/ca/{shift_id}/danh-sach.csv")

    assert page.status_code == _page_expectation(role)
    assert csv.status_code == _page_expectation(role)
    assert (signed.volunteer.phone in csv.content.decode("utf-8-sig")) == (
        role in BT_ORGANISERS
    )


@pytest.mark.parametrize("role", ROLES)
def test_only_organisers_open_the_edit_and_shift_pages(
    request: Any, role: str, published: Activity
):
    client = client_for(request, role)

    edit = client.get(f"/hoat-dong/{published.pk}/sua/")
    shifts = client.get(f"/hoat-dong/{published.pk}/ca/")

    assert edit.status_code == _page_expectation(role)
    assert shifts.status_code == _page_expectation(role)


@pytest.mark.parametrize("role", ROLES)
def test_the_api_reads_a_draft_only_for_its_organisers(
    request: Any, role: str, bt_draft: Activity
):
    answer = client_for(request, role).get(f"/api/v1/activities/{bt_draft.pk}/")

    assert answer.status_code == (200 if role in BT_ORGANISERS else 404)


@pytest.mark.parametrize("role", ROLES)
def test_the_api_changes_an_activity_only_for_its_organisers(
    request: Any, role: str, published: Activity
):
    answer = client_for(request, role).patch(
        f"/api/v1/activities/{published.pk}/",
        {"title": "Đổi tên"},
        content_type="application/json",
    )

    assert answer.status_code == _status_for(role, BT_ORGANISERS, refused=403)
    published.refresh_from_db()
    assert (published.title == "Đổi tên") == (role in BT_ORGANISERS)


@pytest.mark.parametrize("role", ROLES)
def test_the_api_publishes_only_for_the_organisers(
    request: Any, role: str, university_draft: Activity
):
    answer = client_for(request, role).post(
        f"/api/v1/activities/{university_draft.pk}/publish/"
    )

    expected = {"anonymous": 403}.get(role, 404)
    assert answer.status_code == _status_for(
        role, UNIVERSITY_ORGANISERS, refused=expected
    )
    university_draft.refresh_from_db()
    assert (university_draft.state == "published") == (role in UNIVERSITY_ORGANISERS)


@pytest.mark.parametrize("role", ROLES)
def test_the_api_changes_places_only_for_organisers(
    request: Any, role: str, published: Activity
):
    shift = published.shifts.get()

    answer = client_for(request, role).post(
        f"/api/v1/shifts/{shift.pk}/capacity/",
        {"capacity": 9},
        content_type="application/json",
    )

    assert answer.status_code == _status_for(role, BT_ORGANISERS, refused=403)
    assert Shift.objects.get(pk=shift.pk).capacity == (
        9 if role in BT_ORGANISERS else 3
    )


@pytest.mark.parametrize("role", ROLES)
def test_a_sign_up_is_seen_by_its_volunteer_and_organisers_only(
    request: Any, role: str, signed: SignUp
):
    answer = client_for(request, role).get(f"/api/v1/signups/{signed.pk}/")

    expected = {"anonymous": 403}.get(role, 404)
    assert answer.status_code == _status_for(role, BT_ORGANISERS, refused=expected)


@pytest.mark.parametrize("role", ROLES)
def test_organisers_remove_someone_elses_sign_up_and_others_cannot(
    request: Any, role: str, signed: SignUp
):
    answer = client_for(request, role).post(f"/api/v1/signups/{signed.pk}/cancel/")

    expected = {"anonymous": 403}.get(role, 404)
    assert answer.status_code == _status_for(role, BT_ORGANISERS, refused=expected)
    signed.refresh_from_db()
    assert (signed.status == "cancelled") == (role in BT_ORGANISERS)


@pytest.mark.parametrize("role", ROLES)
def test_organisers_add_people_by_hand_and_others_cannot(
    request: Any, role: str, published: Activity
):
    shift = published.shifts.get()
    person = make_volunteer()

    answer = client_for(request, role).post(
        f"/api/v1/shifts/{shift.pk}/add-volunteer/",
        {"volunteer": person.pk},
        content_type="application/json",
    )

    assert answer.status_code == (201 if role in BT_ORGANISERS else 403)
    assert SignUp.objects.filter(volunteer=person).exists() == (role in BT_ORGANISERS)
