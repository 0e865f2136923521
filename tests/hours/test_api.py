"""The hours API the Union's mobile app uses."""

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client

from portal.hours import codes, services
from portal.hours.models import Certificate, HourRecord
from tests.hours.factories import at, make_activity, make_shift, sign_up

pytestmark = pytest.mark.django_db


def api(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def signup(demo: dict[str, Any], volunteer: Any) -> Any:
    return sign_up(make_shift(make_activity(), starts_at=at(8), hours=3), volunteer)


def test_the_app_shows_the_volunteers_code_and_the_organiser_sends_it(
    signup: Any, volunteer: Any, team_manager: Any
) -> None:
    with time_machine.travel(at(8, 1), tick=False):
        code = api(volunteer).get(f"/api/v1/me/check-in-codes/{signup.pk}/").json()
        first = api(team_manager).post(
            "/api/v1/check-ins/", {"code": code["code"]}, "application/json"
        )
        again = api(team_manager).post(
            "/api/v1/check-ins/", {"code": code["code"]}, "application/json"
        )

    assert first.status_code == 200
    assert first.json()["status"] == "checked_in"
    assert first.json()["volunteer_name"] == "Đặng Văn Tình Nguyện"
    assert again.status_code == 409
    assert again.json()["code"] == "code_reused"
    assert again.json()["field"] == "code"


def test_a_forged_code_gets_a_clear_400(signup: Any, team_manager: Any) -> None:
    answer = api(team_manager).post(
        "/api/v1/check-ins/", {"code": "V9-9-AAAAAAAAAA"}, "application/json"
    )

    assert answer.status_code == 400
    assert answer.json()["code"] == "code_forged"
    assert "Mã điểm danh" in answer.json()["message"]


def test_hours_longer_than_the_shift_get_a_400_naming_the_hours_field(
    signup: Any, team_manager: Any
) -> None:
    for moment in (at(8), at(11)):
        with time_machine.travel(moment, tick=False):
            services.check_in(by=team_manager, code=codes.volunteer_code(signup.pk))
    record = HourRecord.objects.get(signup=signup)

    answer = api(team_manager).post(
        f"/api/v1/hour-records/{record.pk}/verify/",
        {"hours": "3.5", "reason": "Ở lại"},
        "application/json",
    )

    assert answer.status_code == 400
    assert answer.json()["code"] == "hours_longer_than_shift"
    assert answer.json()["field"] == "hours"


def test_a_volunteer_reports_hours_and_reads_their_record(
    volunteer: Any, officer: Any
) -> None:
    answer = api(volunteer).post(
        "/api/v1/hour-records/",
        {
            "work_date": (dt.date.today() - dt.timedelta(days=1)).isoformat(),
            "hours": "4",
            "description": "Hướng dẫn người cao tuổi dùng điện thoại",
            "unit": "doan-p-ben-thanh",
        },
        "application/json",
    )
    assert answer.status_code == 201
    before = api(volunteer).get("/api/v1/me/record/").json()

    decided = api(officer).post(
        f"/api/v1/hour-records/{answer.json()['id']}/verify/", {}, "application/json"
    )

    assert decided.status_code == 200
    after = api(volunteer).get("/api/v1/me/record/").json()
    assert float(after["verified_hours"]) == float(before["verified_hours"]) + 4
    assert float(after["social_work_days"]) == pytest.approx(
        float(before["social_work_days"]) + 0.5, abs=0.01
    )


def test_a_report_without_a_unit_or_activity_is_refused_naming_the_field(
    volunteer: Any,
) -> None:
    answer = api(volunteer).post(
        "/api/v1/hour-records/",
        {"work_date": "2026-06-01", "hours": "4", "description": "Dọn rác"},
        "application/json",
    )

    assert answer.status_code == 400
    assert answer.json()["field"] == "unit"


def test_the_certificate_check_api_tells_genuine_from_altered(
    signup: Any, volunteer: Any, team_manager: Any
) -> None:
    for moment in (at(8), at(10)):
        with time_machine.travel(moment, tick=False):
            services.check_in(by=team_manager, code=codes.volunteer_code(signup.pk))
    services.verify_hours(by=team_manager, record=HourRecord.objects.get(signup=signup))
    certificate = services.issue_certificate(
        volunteer=volunteer, activity=signup.shift.activity
    )
    url = f"/api/v1/certificates/{certificate.public_id}/check/"

    genuine = Client().get(url)
    Certificate.objects.filter(pk=certificate.pk).update(holder_name="Người khác")
    altered = Client().get(url)

    assert genuine.status_code == 200
    assert genuine.json()["certificate"]["hours"] == "2.00"
    assert altered.status_code == 409
    assert altered.json() == {"genuine": False, "revoked": False, "certificate": None}
    assert Client().get("/api/v1/certificates/gia-mao/check/").status_code == 404
