"""Checking in and out by QR code, and the codes that must be refused."""

from typing import Any

import pytest
import time_machine

from portal.hours import codes, services
from portal.hours.errors import (
    AlreadyCheckedIn,
    AlreadyCheckedOut,
    CodeExpired,
    CodeForged,
    CodeOutsideShift,
    CodeReused,
    NotOrganiser,
    NotSignedUp,
)
from portal.hours.models import HourRecord
from tests.hours.factories import at, make_activity, make_shift, sign_up

pytestmark = pytest.mark.django_db


@pytest.fixture
def shift(demo: dict[str, Any]) -> Any:
    return make_shift(make_activity(), starts_at=at(8), hours=3)


@pytest.fixture
def signup(shift: Any, volunteer: Any) -> Any:
    return sign_up(shift, volunteer)


def scan_volunteer_code(by: Any, signup: Any, moment: Any) -> HourRecord:
    with time_machine.travel(moment, tick=False):
        code = codes.volunteer_code(signup.pk)
        return services.check_in(by=by, code=code)


def test_the_organiser_scans_a_volunteer_in_and_out_and_the_hours_follow(
    signup: Any, team_manager: Any
) -> None:
    scan_volunteer_code(team_manager, signup, at(8, 5))
    record = scan_volunteer_code(team_manager, signup, at(10, 35))

    assert record.check_in_at == at(8, 5)
    assert record.check_out_at == at(10, 35)
    assert record.computed_minutes == 150
    assert record.status == HourRecord.Status.AWAITING
    assert record.unit.code == "doan-p-ben-thanh"


def test_hours_from_check_in_times_are_capped_by_the_shift_length(
    signup: Any, team_manager: Any
) -> None:
    scan_volunteer_code(team_manager, signup, at(7, 40))
    record = scan_volunteer_code(team_manager, signup, at(12, 30))

    assert record.computed_minutes == 180


def test_the_volunteer_scans_the_shifts_codes_to_check_in_and_out(
    signup: Any, volunteer: Any
) -> None:
    code_in = codes.shift_code(signup.shift_id, checking_out=False)
    code_out = codes.shift_code(signup.shift_id, checking_out=True)

    with time_machine.travel(at(8, 0), tick=False):
        services.check_in(by=volunteer, code=code_in)
    with time_machine.travel(at(9, 30), tick=False):
        record = services.check_in(by=volunteer, code=code_out.lower())

    assert record.computed_minutes == 90


def test_scanning_the_arrival_code_twice_is_refused(
    signup: Any, volunteer: Any
) -> None:
    code_in = codes.shift_code(signup.shift_id, checking_out=False)
    with time_machine.travel(at(8, 0), tick=False):
        services.check_in(by=volunteer, code=code_in)
        with pytest.raises(AlreadyCheckedIn):
            services.check_in(by=volunteer, code=code_in)


def test_a_volunteer_code_used_once_is_refused_the_second_time(
    signup: Any, team_manager: Any
) -> None:
    with time_machine.travel(at(8, 0), tick=False):
        code = codes.volunteer_code(signup.pk)
        services.check_in(by=team_manager, code=code)
        with pytest.raises(CodeReused):
            services.check_in(by=team_manager, code=code)

    record = HourRecord.objects.get(signup=signup)
    assert record.check_out_at is None


def test_a_forged_code_is_refused(signup: Any, team_manager: Any) -> None:
    with time_machine.travel(at(8, 0), tick=False):
        genuine = codes.volunteer_code(signup.pk)
        # Someone changes the sign-up number and keeps the signature.
        other = genuine.replace(f"V{signup.pk}-", f"V{signup.pk + 1}-")
        for forged in (other, "V1-2-AAAAAAAAAA", "hello", ""):
            with pytest.raises(CodeForged):
                services.check_in(by=team_manager, code=forged)

    assert not HourRecord.objects.filter(signup=signup).exists()


def test_a_forged_shift_code_is_refused(signup: Any, volunteer: Any) -> None:
    code = codes.shift_code(signup.shift_id, checking_out=False)
    forged = code[:-1] + ("A" if code[-1] != "A" else "B")
    with time_machine.travel(at(8, 0), tick=False), pytest.raises(CodeForged):
        services.check_in(by=volunteer, code=forged)


def test_a_volunteer_code_older_than_ten_minutes_has_expired(
    signup: Any, team_manager: Any
) -> None:
    with time_machine.travel(at(8, 0), tick=False):
        code = codes.volunteer_code(signup.pk)
    with time_machine.travel(at(8, 11), tick=False), pytest.raises(CodeExpired):
        services.check_in(by=team_manager, code=code)


def test_a_shift_code_works_only_around_the_shift(signup: Any, volunteer: Any) -> None:
    code = codes.shift_code(signup.shift_id, checking_out=False)
    for moment in (at(7, 0), at(13, 30), at(8, 0, day=7)):
        with time_machine.travel(moment, tick=False), pytest.raises(CodeOutsideShift):
            services.check_in(by=volunteer, code=code)


def test_only_the_activitys_organisers_may_scan_volunteers(
    signup: Any, officer_university: Any, volunteer: Any
) -> None:
    for stranger in (officer_university, volunteer):
        with pytest.raises(NotOrganiser):
            scan_volunteer_code(stranger, signup, at(8, 0))


def test_someone_without_a_confirmed_place_cannot_check_in(
    shift: Any, volunteer: Any
) -> None:
    code = codes.shift_code(shift.pk, checking_out=False)
    with time_machine.travel(at(8, 0), tick=False), pytest.raises(NotSignedUp):
        services.check_in(by=volunteer, code=code)


def test_after_checking_out_no_further_scan_is_accepted(
    signup: Any, team_manager: Any
) -> None:
    scan_volunteer_code(team_manager, signup, at(8, 0))
    scan_volunteer_code(team_manager, signup, at(10, 0))
    with pytest.raises(AlreadyCheckedOut):
        scan_volunteer_code(team_manager, signup, at(10, 30))


def test_volunteers_who_never_came_are_marked_as_no_shows_after_the_shift(
    shift: Any, volunteer: Any, site_contact: Any, team_manager: Any
) -> None:
    came = sign_up(shift, volunteer)
    sign_up(shift, site_contact)
    scan_volunteer_code(team_manager, came, at(8, 0))

    with time_machine.travel(at(12, 0), tick=False):
        assert services.mark_no_shows() == 0
    with time_machine.travel(at(13, 1), tick=False):
        assert services.mark_no_shows() == 1
        assert services.mark_no_shows() == 0

    no_show = HourRecord.objects.get(volunteer=site_contact)
    assert no_show.status == HourRecord.Status.NO_SHOW
    assert HourRecord.objects.get(signup=came).status == "checked_in"


def test_the_no_show_task_and_command_mark_finished_shifts(
    shift: Any, volunteer: Any
) -> None:
    from io import StringIO

    from django.core.management import call_command

    from portal.hours.tasks import mark_no_shows_task

    sign_up(shift, volunteer)
    with time_machine.travel(at(14), tick=False):
        out = StringIO()
        call_command("mark_no_shows", stdout=out)
        assert "1 no-show(s) marked" in out.getvalue()
        assert mark_no_shows_task.enqueue().return_value == 0

    assert HourRecord.objects.get(shift=shift, volunteer=volunteer).status == (
        "no_show"
    )
