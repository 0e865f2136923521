"""Organisers verify or correct hours; volunteers report work done elsewhere."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.db import IntegrityError, transaction

from portal.core.errors import AccessDenied
from portal.hours import codes, services
from portal.hours.errors import (
    AlreadyDecided,
    HoursInvalid,
    HoursLongerThanShift,
    ReasonMissing,
    ReportInvalid,
    SelfApproval,
    ShiftNotOver,
)
from portal.hours.models import HourRecord, SocialWorkRule
from portal.hours.selectors import hours_per_day_for, volunteer_record
from portal.units.models import Unit
from tests.hours.factories import (
    at,
    make_activity,
    make_shift,
    make_volunteer,
    sign_up,
)

pytestmark = pytest.mark.django_db


def worked(volunteer: Any, organiser: Any, *, came: Any, left: Any, **kw: Any) -> Any:
    shift = make_shift(make_activity(**kw), starts_at=at(8), hours=3)
    signup = sign_up(shift, volunteer)
    for moment in (came, left):
        with time_machine.travel(moment, tick=False):
            services.check_in(by=organiser, code=codes.volunteer_code(signup.pk))
    return HourRecord.objects.get(signup=signup)


def test_the_organiser_accepts_the_hours_from_the_check_in_times(
    volunteer: Any, team_manager: Any
) -> None:
    record = worked(volunteer, team_manager, came=at(8), left=at(10, 30))

    services.verify_hours(by=team_manager, record=record)

    record.refresh_from_db()
    assert (record.status, record.minutes) == ("verified", 150)
    assert record.decided_by == team_manager


def test_a_correction_needs_a_reason(volunteer: Any, team_manager: Any) -> None:
    record = worked(volunteer, team_manager, came=at(8), left=at(9))

    with pytest.raises(ReasonMissing):
        services.verify_hours(by=team_manager, record=record, hours="3")
    services.verify_hours(
        by=team_manager, record=record, hours="2,5", reason="Quên quét mã khi về"
    )

    record.refresh_from_db()
    assert record.minutes == 150
    assert record.reason == "Quên quét mã khi về"


def test_hours_longer_than_the_shift_are_refused(
    volunteer: Any, team_manager: Any
) -> None:
    record = worked(volunteer, team_manager, came=at(8), left=at(11))

    with pytest.raises(HoursLongerThanShift) as refused:
        services.verify_hours(by=team_manager, record=record, hours="3.5", reason="x")

    assert "(3,00 giờ)" in str(refused.value.message)
    record.refresh_from_db()
    assert record.status == "awaiting"
    assert record.minutes is None


def test_the_database_itself_refuses_hours_longer_than_the_shift(
    volunteer: Any, team_manager: Any
) -> None:
    record = worked(volunteer, team_manager, came=at(8), left=at(11))

    with pytest.raises(IntegrityError), transaction.atomic():
        HourRecord.objects.filter(pk=record.pk).update(minutes=181)


@pytest.mark.parametrize("typed", ["0", "-1", "abc", "25", "NaN", "1e9"])
def test_hours_that_are_not_a_sensible_number_are_refused(
    volunteer: Any, team_manager: Any, typed: str
) -> None:
    record = worked(volunteer, team_manager, came=at(8), left=at(11))

    with pytest.raises(HoursInvalid):
        services.verify_hours(by=team_manager, record=record, hours=typed, reason="x")


def test_nobody_verifies_their_own_hours(team_manager: Any, officer: Any) -> None:
    record = worked(team_manager, officer, came=at(8), left=at(11))

    with pytest.raises(SelfApproval):
        services.verify_hours(by=team_manager, record=record)


def test_an_officer_above_the_unit_may_verify_but_one_beside_it_may_not(
    volunteer: Any, team_manager: Any, officer: Any, officer_university: Any
) -> None:
    record = worked(volunteer, team_manager, came=at(8), left=at(11))

    with pytest.raises(AccessDenied):
        services.verify_hours(by=officer_university, record=record)
    services.verify_hours(by=officer, record=record)


def test_a_record_without_a_check_out_waits_for_the_end_of_the_shift(
    volunteer: Any, team_manager: Any
) -> None:
    shift = make_shift(make_activity(), starts_at=at(8), hours=3)
    signup = sign_up(shift, volunteer)
    with time_machine.travel(at(8), tick=False):
        services.check_in(by=team_manager, code=codes.volunteer_code(signup.pk))
        record = HourRecord.objects.get(signup=signup)
        with pytest.raises(ShiftNotOver):
            services.verify_hours(by=team_manager, record=record, hours="2", reason="x")
    with time_machine.travel(at(12), tick=False):
        with pytest.raises(HoursInvalid):
            services.verify_hours(by=team_manager, record=record)
        services.verify_hours(
            by=team_manager, record=record, hours="3", reason="Quên quét mã khi về"
        )
    record.refresh_from_db()
    assert record.minutes == 180


def test_a_volunteer_reports_hours_done_elsewhere_and_the_unit_approves(
    volunteer: Any, officer: Any
) -> None:
    unit = Unit.objects.get(code="doan-p-ben-thanh")
    record = services.report_hours(
        volunteer=volunteer,
        work_date=dt.date(2026, 6, 1),
        hours="4",
        description="Dạy tin học cho người cao tuổi",
        organisation="Nhà văn hoá khu phố 1",
        unit=unit,
    )
    assert record.status == "awaiting"

    services.verify_hours(by=officer, record=record)
    record.refresh_from_db()
    assert (record.status, record.minutes) == ("verified", 240)


def test_a_report_can_be_rejected_with_a_reason_only_once(
    volunteer: Any, officer: Any
) -> None:
    record = services.report_hours(
        volunteer=volunteer,
        work_date=dt.date(2026, 6, 1),
        hours="4",
        description="Dọn vệ sinh",
        unit=Unit.objects.get(code="doan-p-ben-thanh"),
    )
    with pytest.raises(ReasonMissing):
        services.reject_hours(by=officer, record=record, reason=" ")
    services.reject_hours(by=officer, record=record, reason="Không có xác nhận")
    with pytest.raises(AlreadyDecided):
        services.verify_hours(by=officer, record=record)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"work_date": dt.date(2099, 1, 1)}, "work_date"),
        ({"description": "  "}, "description"),
        ({"unit": None}, "unit"),
        ({"hours": "30"}, "hours"),
    ],
)
def test_a_report_with_a_bad_field_is_refused_and_names_it(
    volunteer: Any, changes: dict[str, Any], field: str
) -> None:
    report = {
        "volunteer": volunteer,
        "work_date": dt.date(2026, 6, 1),
        "hours": "2",
        "description": "Dọn vệ sinh",
        "unit": Unit.objects.get(code="doan-p-ben-thanh"),
    } | changes
    before = HourRecord.objects.filter(volunteer=volunteer).count()

    with pytest.raises((ReportInvalid, HoursInvalid)) as refused:
        services.report_hours(**report)

    assert refused.value.field == field
    assert HourRecord.objects.filter(volunteer=volunteer).count() == before


def test_social_work_days_follow_the_units_rule_and_a_blood_donation_is_a_day(
    demo: dict[str, Any], team_manager: Any, officer: Any
) -> None:
    volunteer = make_volunteer()
    for left in (at(11), at(11)):
        record = worked(volunteer, team_manager, came=at(8), left=left)
        services.verify_hours(by=team_manager, record=record)
    donation = worked(
        volunteer, officer, came=at(8), left=at(8, 30), blood=True, team=None
    )
    services.verify_hours(by=officer, record=donation)

    city = volunteer_record(volunteer)
    assert city.verified_minutes == 6 * 60 + 30
    assert city.hours_per_day == 8
    # Six hours over eight, plus the donation.
    assert city.days == Decimal("1.75")
    assert city.donations == 1

    school = Unit.objects.get(code="doan-dh-khtn")
    services.set_hours_per_day(by=officer_of(school), unit=school, hours_per_day="4")
    branch = Unit.objects.get(code="cd-khtn-cntt")
    assert hours_per_day_for(branch) == 4
    assert volunteer_record(volunteer, school).days == Decimal("2.50")


def officer_of(unit: Unit) -> Any:
    from portal.accounts.models import User

    return User.objects.get(email="bithu.khtn@demo.tinhnguyen.vn")


def test_an_officer_cannot_set_the_rule_of_a_unit_outside_their_scope(
    officer: Any,
) -> None:
    school = Unit.objects.get(code="doan-dh-khtn")
    rule_before = hours_per_day_for(school)
    with pytest.raises(AccessDenied):
        services.set_hours_per_day(by=officer, unit=school, hours_per_day="4")
    with pytest.raises(HoursInvalid):
        services.set_hours_per_day(
            by=officer,
            unit=Unit.objects.get(code="doan-p-ben-thanh"),
            hours_per_day="0",
        )
    assert hours_per_day_for(school) == rule_before
    assert not SocialWorkRule.objects.filter(unit__code="doan-p-ben-thanh").exists()
