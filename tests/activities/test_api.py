"""The activities API as the Union's mobile app uses it."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from portal.activities.models import Activity, Shift, SignUp
from tests.activities.conftest import make_activity, make_shift, make_volunteer

pytestmark = pytest.mark.django_db


def _client(user: Any = None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_anyone_lists_published_activities(activity: Activity, team: Any):
    draft = make_activity(team, publish=False, title="Bản nháp bí mật")

    answer = _client().get("/api/v1/activities/")

    titles = {row["title"] for row in answer.json()["results"]}
    assert activity.title in titles
    assert draft.title not in titles


def test_the_list_searches_without_accents(team: Any):
    make_activity(team, title="Hiến máu nhân đạo Phường Sài Gòn")

    answer = _client().get("/api/v1/activities/", {"search": "hien mau sai gon"})

    assert [r["title"] for r in answer.json()["results"]] == [
        "Hiến máu nhân đạo Phường Sài Gòn"
    ]


def test_the_list_filters_by_places_left(team: Any):
    full = make_activity(team, title="Đầy chỗ")
    shift = full.shifts.get()
    for _ in range(shift.capacity):
        from portal.activities import services

        services.sign_up(volunteer=make_volunteer(), shift=shift)

    answer = _client().get("/api/v1/activities/", {"has_places": "true"})

    assert "Đầy chỗ" not in {r["title"] for r in answer.json()["results"]}


def test_one_activity_shows_its_shifts(activity: Activity):
    answer = _client().get(f"/api/v1/activities/{activity.pk}/")

    assert answer.status_code == 200
    assert len(answer.json()["shifts"]) == 1
    assert answer.json()["shifts"][0]["places_left"] == 2


def test_a_volunteer_signs_up_and_sees_it_in_their_list(shift: Shift, volunteer: Any):
    client = _client(volunteer)

    answer = client.post(f"/api/v1/shifts/{shift.pk}/signup/")
    mine = client.get("/api/v1/signups/")

    assert answer.status_code == 201
    assert answer.json()["status"] == "confirmed"
    assert [row["shift"]["id"] for row in mine.json()["results"]] == [shift.pk]


def test_signing_up_twice_answers_409_with_a_message(shift: Shift, volunteer: Any):
    client = _client(volunteer)
    client.post(f"/api/v1/shifts/{shift.pk}/signup/")

    answer = client.post(f"/api/v1/shifts/{shift.pk}/signup/")

    assert answer.status_code == 409
    assert answer.json()["code"] == "already_signed_up"
    assert answer.json()["message"]


def test_a_full_shift_answers_waitlisted(shift: Shift):
    for _ in range(shift.capacity):
        _client(make_volunteer()).post(f"/api/v1/shifts/{shift.pk}/signup/")

    answer = _client(make_volunteer()).post(f"/api/v1/shifts/{shift.pk}/signup/")

    assert answer.status_code == 201
    assert answer.json()["status"] == "waitlisted"


def test_signing_up_without_an_account_is_refused(shift: Shift):
    answer = _client().post(f"/api/v1/shifts/{shift.pk}/signup/")

    assert answer.status_code in (401, 403)
    assert not SignUp.objects.exists()


def test_an_unknown_shift_is_not_found(volunteer: Any):
    answer = _client(volunteer).post("/api/v1/shifts/999999/signup/")

    assert answer.status_code == 404


def test_a_volunteer_cancels_through_the_api(shift: Shift, volunteer: Any):
    client = _client(volunteer)
    signup_id = client.post(f"/api/v1/shifts/{shift.pk}/signup/").json()["id"]

    answer = client.post(f"/api/v1/signups/{signup_id}/cancel/")

    assert answer.status_code == 200
    assert answer.json()["status"] == "cancelled"


def test_someone_elses_sign_up_is_not_found(shift: Shift, volunteer: Any):
    signup_id = (
        _client(volunteer).post(f"/api/v1/shifts/{shift.pk}/signup/").json()["id"]
    )

    answer = _client(make_volunteer()).post(f"/api/v1/signups/{signup_id}/cancel/")

    assert answer.status_code == 404


def test_an_organiser_creates_and_publishes_an_activity(team: Any, team_manager: Any):
    client = _client(team_manager)

    created = client.post(
        "/api/v1/activities/",
        {"title": "Trồng cây", "team": team.pk, "tag": "chu-nhat-xanh"},
        format="json",
    )
    pk = created.json()["id"]
    shift = client.post(
        f"/api/v1/activities/{pk}/shifts/",
        {
            "starts_at": "2031-05-01T07:00:00+07:00",
            "ends_at": "2031-05-01T11:00:00+07:00",
            "capacity": 30,
        },
        format="json",
    )
    published = client.post(f"/api/v1/activities/{pk}/publish/")

    assert created.status_code == 201
    assert shift.status_code == 201
    assert published.json()["state"] == "published"


def test_a_volunteer_cannot_create_an_activity_for_a_team(team: Any, volunteer: Any):
    answer = _client(volunteer).post(
        "/api/v1/activities/", {"title": "Giả mạo", "team": team.pk}, format="json"
    )

    assert answer.status_code == 403
    assert not Activity.objects.filter(title="Giả mạo").exists()


def test_capacity_below_the_confirmed_answers_400_naming_the_field(
    shift: Shift, team_manager: Any
):
    for _ in range(2):
        _client(make_volunteer()).post(f"/api/v1/shifts/{shift.pk}/signup/")

    answer = _client(team_manager).post(
        f"/api/v1/shifts/{shift.pk}/capacity/", {"capacity": 1}, format="json"
    )

    assert answer.status_code == 400
    assert answer.json()["field"] == "capacity"


def test_shift_times_in_the_wrong_order_answer_400(
    activity: Activity, team_manager: Any
):
    answer = _client(team_manager).post(
        f"/api/v1/activities/{activity.pk}/shifts/",
        {
            "starts_at": "2031-05-01T11:00:00+07:00",
            "ends_at": "2031-05-01T07:00:00+07:00",
            "capacity": 3,
        },
        format="json",
    )

    assert answer.status_code == 400
    assert answer.json()["code"] == "invalid_shift_times"


def test_a_past_shift_answers_409(activity: Activity, volunteer: Any):
    import datetime as dt

    import time_machine

    shift = make_shift(activity, starts_in=dt.timedelta(hours=1))
    with time_machine.travel(shift.starts_at + dt.timedelta(minutes=5)):
        answer = _client(volunteer).post(f"/api/v1/shifts/{shift.pk}/signup/")

    assert answer.status_code == 409
    assert answer.json()["code"] == "shift_in_past"
