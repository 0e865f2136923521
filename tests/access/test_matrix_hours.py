"""Every role against hour records, check-in and the hours pages.

A record of the demo volunteer's shift at an activity of "CLB Tình nguyện
Bến Thành" (unit: Đoàn phường Bến Thành): the volunteer, the team's
manager, the Bến Thành officer and the coordinator may see it; the
university's officer and the site contact may not. Only organisers and
officers above decide on it, never the volunteer themself. Expectations
are written by hand.
"""

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client

from portal.hours import codes, services
from portal.hours.models import HourRecord
from portal.units.models import Unit
from tests.hours.factories import at, make_activity, make_shift, sign_up

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous", "volunteer", "team_manager", "site_contact",
    "officer", "officer_university", "coordinator",
]  # fmt: skip

SEES_RECORD = {"volunteer", "team_manager", "officer", "coordinator"}
DECIDES = {"team_manager", "officer", "coordinator"}
ORGANISES = {"team_manager", "officer", "coordinator"}
# A report of work elsewhere, sent to the university's unit.
SEES_REPORT = {"volunteer", "officer_university", "coordinator"}
# The Bến Thành unit's day rule: its officers and the city.
SETS_RULE = {"officer", "coordinator"}


def client_for(request: pytest.FixtureRequest, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    else:
        request.getfixturevalue("demo")
    return client


@pytest.fixture
def shift(demo: dict[str, Any]) -> Any:
    return make_shift(make_activity(), starts_at=at(8), hours=3)


@pytest.fixture
def record(shift: Any, volunteer: Any, team_manager: Any) -> HourRecord:
    signup = sign_up(shift, volunteer)
    for moment in (at(8), at(10)):
        with time_machine.travel(moment, tick=False):
            services.check_in(by=team_manager, code=codes.volunteer_code(signup.pk))
    return HourRecord.objects.get(signup=signup)


@pytest.fixture
def report(volunteer: Any) -> HourRecord:
    return services.report_hours(
        volunteer=volunteer,
        work_date=dt.date(2026, 6, 1),
        hours="2",
        description="Hướng dẫn tân sinh viên",
        unit=Unit.objects.get(code="doan-dh-khtn"),
    )


def refused_anonymously(response: Any) -> bool:
    return response.status_code in (401, 403)


@pytest.mark.parametrize("role", ROLES)
def test_an_hour_record_is_read_through_the_api_only_by_those_concerned(
    request: pytest.FixtureRequest, role: str, record: HourRecord, report: Any
) -> None:
    client = client_for(request, role)

    one = client.get(f"/api/v1/hour-records/{record.pk}/")
    listed = client.get("/api/v1/hour-records/", {"page_size": 200})

    if role == "anonymous":
        assert refused_anonymously(one) and refused_anonymously(listed)
        return
    assert one.status_code == (200 if role in SEES_RECORD else 404)
    ids = {row["id"] for row in listed.json()["results"]}
    assert (record.pk in ids) == (role in SEES_RECORD)
    assert (report.pk in ids) == (role in SEES_REPORT)


@pytest.mark.parametrize("role", ROLES)
def test_only_organisers_and_officers_above_verify_hours(
    request: pytest.FixtureRequest, role: str, record: HourRecord
) -> None:
    client = client_for(request, role)

    response = client.post(
        f"/api/v1/hour-records/{record.pk}/verify/", {}, content_type="application/json"
    )

    record.refresh_from_db()
    if role == "anonymous":
        assert refused_anonymously(response)
    elif role in DECIDES:
        assert response.status_code == 200
        assert record.status == "verified"
        return
    elif role == "volunteer":
        assert response.status_code == 403
        assert response.json()["code"] == "self_approval"
    else:
        assert response.status_code == 404
    assert record.status == "awaiting"


@pytest.mark.parametrize("role", ROLES)
def test_only_the_unit_officers_approve_a_report_sent_to_their_unit(
    request: pytest.FixtureRequest, role: str, report: HourRecord
) -> None:
    client = client_for(request, role)

    response = client.post(
        f"/api/v1/hour-records/{report.pk}/reject/",
        {"reason": "Thiếu xác nhận"},
        content_type="application/json",
    )

    report.refresh_from_db()
    if role in ("officer_university", "coordinator"):
        assert response.status_code == 200
        assert report.status == "rejected"
        return
    if role == "anonymous":
        assert refused_anonymously(response)
    else:
        assert response.status_code == (403 if role == "volunteer" else 404)
    assert report.status == "awaiting"


@pytest.mark.parametrize("role", ROLES)
def test_only_organisers_may_check_a_volunteer_in_with_their_code(
    request: pytest.FixtureRequest, role: str, shift: Any, volunteer: Any
) -> None:
    signup = sign_up(shift, volunteer)
    client = client_for(request, role)

    with time_machine.travel(at(8), tick=False):
        response = client.post(
            "/api/v1/check-ins/",
            {"code": codes.volunteer_code(signup.pk)},
            content_type="application/json",
        )

    checked_in = HourRecord.objects.filter(signup=signup).exists()
    if role == "anonymous":
        assert refused_anonymously(response)
    elif role in ORGANISES:
        assert response.status_code == 200
        assert checked_in
        return
    else:
        assert response.status_code == 403
        assert response.json()["code"] == "not_organiser"
    assert not checked_in


@pytest.mark.parametrize("role", ROLES)
def test_the_shift_check_in_page_opens_only_for_organisers(
    request: pytest.FixtureRequest, role: str, shift: Any
) -> None:
    response = client_for(request, role).get(f"/gio-tinh-nguyen/ca/{shift.pk}/")

    if role == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == (200 if role in ORGANISES else 404)


@pytest.mark.parametrize("role", ROLES)
def test_a_volunteers_check_in_code_is_theirs_alone(
    request: pytest.FixtureRequest, role: str, shift: Any, volunteer: Any
) -> None:
    signup = sign_up(shift, volunteer)
    client = client_for(request, role)

    page = client.get(f"/gio-tinh-nguyen/ma/{signup.pk}/")
    api = client.get(f"/api/v1/me/check-in-codes/{signup.pk}/")

    if role == "anonymous":
        assert page.status_code == 302 and refused_anonymously(api)
    elif role == "volunteer":
        assert (page.status_code, api.status_code) == (200, 200)
    else:
        assert (page.status_code, api.status_code) == (404, 404)


@pytest.mark.parametrize("role", ROLES)
def test_the_awaiting_page_lists_only_what_the_person_may_decide(
    request: pytest.FixtureRequest, role: str, record: HourRecord, report: Any
) -> None:
    response = client_for(request, role).get("/gio-tinh-nguyen/cho-duyet/")

    if role == "anonymous":
        assert response.status_code == 302
        return
    body = response.content.decode()
    assert (f'data-record="{record.pk}"' in body) == (role in DECIDES)
    assert (f'data-record="{report.pk}"' in body) == (
        role in {"officer_university", "coordinator"}
    )


@pytest.mark.parametrize("role", ROLES)
def test_a_units_day_rule_is_set_only_by_its_officers_and_the_city(
    request: pytest.FixtureRequest, role: str
) -> None:
    client = client_for(request, role)
    url = "/gio-tinh-nguyen/don-vi/doan-p-ben-thanh/ngay-ctxh/"

    page = client.get(url)
    change = client.post(url, {"hours_per_day": "6"})

    if role == "anonymous":
        assert (page.status_code, change.status_code) == (302, 302)
    elif role in SETS_RULE:
        assert (page.status_code, change.status_code) == (200, 302)
    else:
        assert (page.status_code, change.status_code) == (404, 404)


@pytest.mark.parametrize("role", ROLES)
def test_personal_data_pages_are_for_the_signed_in_person_only(
    request: pytest.FixtureRequest, role: str
) -> None:
    client = client_for(request, role)

    page = client.get("/gio-tinh-nguyen/toi/du-lieu/")
    download = client.get("/gio-tinh-nguyen/toi/du-lieu.json")

    if role == "anonymous":
        assert (page.status_code, download.status_code) == (302, 302)
        return
    assert (page.status_code, download.status_code) == (200, 200)
    me = request.getfixturevalue(role)
    assert download.json()["account"]["email"] == me.email


@pytest.mark.parametrize("role", ROLES)
def test_anyone_may_check_a_certificate(
    request: pytest.FixtureRequest,
    role: str,
    record: HourRecord,
    team_manager: Any,
    volunteer: Any,
) -> None:
    services.verify_hours(by=team_manager, record=record)
    certificate = services.issue_certificate(
        volunteer=volunteer, activity=record.activity
    )
    client = client_for(request, role)

    page = client.get(f"/gio-tinh-nguyen/chung-nhan/{certificate.public_id}/")
    api = client.get(f"/api/v1/certificates/{certificate.public_id}/check/")

    assert page.status_code == 200
    assert api.status_code == 200 and api.json()["genuine"] is True
