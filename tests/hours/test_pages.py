"""The hours pages: scanning by typed code, verifying, reporting, the record."""

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from portal.hours import codes, services
from portal.hours.models import HourRecord
from tests.hours.factories import at, make_activity, make_shift, sign_up

pytestmark = pytest.mark.django_db


@pytest.fixture
def signup(demo: dict[str, Any], volunteer: Any) -> Any:
    return sign_up(make_shift(make_activity(), starts_at=at(8), hours=3), volunteer)


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_organiser_types_a_volunteers_code_to_check_them_in(
    signup: Any, team_manager: Any
) -> None:
    client = signed_in(team_manager)
    with time_machine.travel(at(8, 2), tick=False):
        code = codes.volunteer_code(signup.pk)
        response = client.post(
            reverse("hours:scan"), {"code": f" {code.lower()} "}, follow=True
        )

    assert "Đặng Văn Tình Nguyện" in response.content.decode()
    assert HourRecord.objects.get(signup=signup).check_in_at == at(8, 2)


def test_a_forged_code_typed_in_is_refused_under_the_field(
    signup: Any, team_manager: Any
) -> None:
    client = signed_in(team_manager)
    with time_machine.travel(at(8), tick=False):
        response = client.post(reverse("hours:scan"), {"code": "V1-1-ABCDEFGHIJ"})

    assert response.status_code == 400
    body = response.content.decode()
    assert 'data-field="code"' in body
    assert "Mã điểm danh" in body
    assert not HourRecord.objects.filter(signup=signup).exists()


def test_the_scanner_page_loads_jsqr_from_our_own_static_files(
    volunteer: Any,
) -> None:
    body = signed_in(volunteer).get(reverse("hours:scan")).content.decode()

    assert "/static/vendor/jsqr/jsQR.js" in body
    assert "/static/hours/scan.js" in body


def test_the_organiser_verifies_and_corrects_hours_on_the_shift_page(
    signup: Any, team_manager: Any
) -> None:
    for moment in (at(8), at(9)):
        with time_machine.travel(moment, tick=False):
            services.check_in(by=team_manager, code=codes.volunteer_code(signup.pk))
    record = HourRecord.objects.get(signup=signup)
    client = signed_in(team_manager)
    page = reverse("hours:shift", args=[signup.shift_id])

    shown = client.get(page).content.decode()
    assert "Đặng Văn Tình Nguyện" in shown
    assert codes.shift_code(signup.shift_id, checking_out=False) in shown

    too_long = client.post(
        reverse("hours:verify", args=[record.pk]),
        {"hours": "4", "reason": "Ở lại", "next": page},
        follow=True,
    )
    assert "3,00" in too_long.content.decode() or "3.00" in too_long.content.decode()
    record.refresh_from_db()
    assert record.status == "awaiting"

    client.post(
        reverse("hours:verify", args=[record.pk]),
        {"hours": "2", "reason": "Quên quét mã khi về", "next": page},
    )
    record.refresh_from_db()
    assert (record.status, record.minutes) == ("verified", 120)


def test_a_volunteer_reports_hours_and_sees_them_awaiting_on_their_record(
    volunteer: Any,
) -> None:
    client = signed_in(volunteer)

    response = client.post(
        reverse("hours:report"),
        {
            "work_date": (dt.date.today() - dt.timedelta(days=2)).isoformat(),
            "hours": "3",
            "description": "Phát cơm cho người vô gia cư",
            "unit": "doan-p-sai-gon",
        },
    )

    assert response.status_code == 302
    record = HourRecord.objects.filter(volunteer=volunteer).order_by("-pk").first()
    assert (record.kind, record.status, record.unit.code) == (
        "external",
        "awaiting",
        "doan-p-sai-gon",
    )
    page = client.get(reverse("hours:record")).content.decode()
    assert f'data-record="{record.pk}"' in page


def test_a_report_with_too_many_hours_shows_the_error_under_hours(
    volunteer: Any,
) -> None:
    response = signed_in(volunteer).post(
        reverse("hours:report"),
        {
            "work_date": dt.date.today().isoformat(),
            "hours": "30",
            "description": "Phát cơm",
            "unit": "doan-p-sai-gon",
        },
    )

    assert response.status_code == 400
    assert 'data-field="hours"' in response.content.decode()


def test_an_officer_finds_the_day_rule_of_their_unit_on_their_hours_page(
    officer: Any, volunteer: Any
) -> None:
    officers = signed_in(officer).get(reverse("hours:record")).content.decode()
    volunteers = signed_in(volunteer).get(reverse("hours:record")).content.decode()

    assert 'data-rule-link="doan-p-ben-thanh"' in officers
    assert "data-rule-link" not in volunteers
