import datetime as dt
from typing import Any

import pytest
import time_machine
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from portal.activities import errors, services
from portal.activities.models import Shift, SignUp
from portal.notices.models import Notice
from tests.activities.conftest import make_activity, make_shift, make_volunteer

pytestmark = pytest.mark.django_db


def test_a_volunteer_with_a_free_place_is_confirmed(shift: Shift, volunteer: Any):
    signup = services.sign_up(volunteer=volunteer, shift=shift)

    shift.refresh_from_db()
    assert signup.status == SignUp.Status.CONFIRMED
    assert shift.confirmed_count == 1


def test_a_full_shift_puts_the_volunteer_on_the_waitlist(shift: Shift):
    for _ in range(2):
        services.sign_up(volunteer=make_volunteer(), shift=shift)

    late = services.sign_up(volunteer=make_volunteer(), shift=shift)

    shift.refresh_from_db()
    assert late.status == SignUp.Status.WAITLISTED
    assert shift.confirmed_count == 2


def test_signing_up_twice_is_refused(shift: Shift, volunteer: Any):
    services.sign_up(volunteer=volunteer, shift=shift)

    with pytest.raises(errors.AlreadySignedUp):
        services.sign_up(volunteer=volunteer, shift=shift)
    assert SignUp.objects.filter(volunteer=volunteer).count() == 1


def test_an_overlapping_shift_is_refused(activity: Any, shift: Shift, volunteer: Any):
    other = make_activity(activity.team, publish=False, title="Hiến máu")
    clash = services.add_shift(
        by=None,
        activity=other,
        starts_at=shift.starts_at + dt.timedelta(hours=1),
        ends_at=shift.ends_at + dt.timedelta(hours=1),
        capacity=5,
    )
    services.publish(by=None, activity=other)
    services.sign_up(volunteer=volunteer, shift=shift)

    with pytest.raises(errors.OverlappingShift):
        services.sign_up(volunteer=volunteer, shift=clash)


def test_back_to_back_shifts_do_not_overlap(
    activity: Any, shift: Shift, volunteer: Any
):
    after = services.add_shift(
        by=None,
        activity=activity,
        starts_at=shift.ends_at,
        ends_at=shift.ends_at + dt.timedelta(hours=2),
        capacity=3,
    )
    services.sign_up(volunteer=volunteer, shift=shift)

    assert services.sign_up(volunteer=volunteer, shift=after).status == "confirmed"


def test_a_past_shift_is_refused(shift: Shift, volunteer: Any):
    moment = shift.starts_at + dt.timedelta(minutes=1)
    with time_machine.travel(moment), pytest.raises(errors.ShiftInPast):
        services.sign_up(volunteer=volunteer, shift=shift)


def test_a_cancelled_shift_is_refused(shift: Shift, volunteer: Any):
    services.cancel_shift(by=None, shift=shift)

    with pytest.raises(errors.ShiftCancelled):
        services.sign_up(volunteer=volunteer, shift=shift)


def test_a_draft_activity_takes_no_sign_ups(team: Any, volunteer: Any):
    draft = make_activity(team, publish=False)
    shift = make_shift(draft)

    with pytest.raises(errors.ShiftClosed):
        services.sign_up(volunteer=volunteer, shift=shift)


def test_cancelling_promotes_the_first_on_the_waitlist_and_tells_them(shift: Shift):
    first, second = make_volunteer(), make_volunteer()
    services.sign_up(volunteer=first, shift=shift)
    services.sign_up(volunteer=second, shift=shift)
    next_in_line = make_volunteer()
    after_them = make_volunteer()
    services.sign_up(volunteer=next_in_line, shift=shift)
    services.sign_up(volunteer=after_them, shift=shift)

    services.cancel_signup(by=first, signup=SignUp.objects.get(volunteer=first))

    statuses = dict(SignUp.objects.values_list("volunteer_id", "status"))
    assert statuses[first.pk] == "cancelled"
    assert statuses[next_in_line.pk] == "confirmed"
    assert statuses[after_them.pk] == "waitlisted"
    shift.refresh_from_db()
    assert shift.confirmed_count == 2
    assert Notice.objects.filter(user=next_in_line, key__endswith="-promoted").exists()


def test_cancelling_without_a_waitlist_frees_the_place(shift: Shift, volunteer: Any):
    signup = services.sign_up(volunteer=volunteer, shift=shift)

    services.cancel_signup(by=volunteer, signup=signup)

    shift.refresh_from_db()
    assert shift.confirmed_count == 0
    again = services.sign_up(volunteer=volunteer, shift=shift)
    assert again.status == "confirmed"


def test_cancelling_twice_is_refused(shift: Shift, volunteer: Any):
    signup = services.sign_up(volunteer=volunteer, shift=shift)
    services.cancel_signup(by=volunteer, signup=signup)

    with pytest.raises(errors.NotSignedUp):
        services.cancel_signup(by=volunteer, signup=signup)


def test_a_volunteer_cannot_cancel_after_the_cutoff(shift: Shift, volunteer: Any):
    signup = services.sign_up(volunteer=volunteer, shift=shift)
    cutoff = shift.activity.cancellation_cutoff_hours

    moment = shift.starts_at - dt.timedelta(hours=cutoff - 1)
    with time_machine.travel(moment), pytest.raises(errors.CancellationClosed):
        services.cancel_signup(by=volunteer, signup=signup)


def test_an_organiser_removes_someone_after_the_cutoff(
    shift: Shift, volunteer: Any, team_manager: Any
):
    signup = services.sign_up(volunteer=volunteer, shift=shift)

    with time_machine.travel(shift.starts_at - dt.timedelta(hours=1)):
        services.cancel_signup(by=team_manager, signup=signup)

    signup.refresh_from_db()
    assert signup.status == "cancelled"
    assert signup.cancelled_by == team_manager


def test_another_volunteer_cannot_cancel_my_sign_up(shift: Shift, volunteer: Any):
    signup = services.sign_up(volunteer=volunteer, shift=shift)

    with pytest.raises(errors.PortalError) as refused:
        services.cancel_signup(by=make_volunteer(), signup=signup)
    assert refused.value.status == 403


def test_capacity_below_the_confirmed_count_is_refused(shift: Shift, team_manager: Any):
    for _ in range(2):
        services.sign_up(volunteer=make_volunteer(), shift=shift)

    with pytest.raises(errors.CapacityBelowSignUps) as refused:
        services.update_shift(by=team_manager, shift=shift, capacity=1)
    assert refused.value.field == "capacity"
    shift.refresh_from_db()
    assert shift.capacity == 2


def test_more_places_promote_the_waitlist_in_order(shift: Shift, team_manager: Any):
    people = [make_volunteer() for _ in range(5)]
    for person in people:
        services.sign_up(volunteer=person, shift=shift)

    services.update_shift(by=team_manager, shift=shift, capacity=4)

    confirmed = set(
        SignUp.objects.filter(status="confirmed").values_list("volunteer", flat=True)
    )
    assert confirmed == {p.pk for p in people[:4]}
    shift.refresh_from_db()
    assert shift.confirmed_count == 4


def test_an_organiser_adds_a_volunteer_by_hand(
    shift: Shift, team_manager: Any, volunteer: Any
):
    signup = services.sign_up(volunteer=volunteer, shift=shift, added_by=team_manager)

    assert signup.added_by == team_manager
    assert signup.status == "confirmed"


def test_someone_else_cannot_add_volunteers(shift: Shift, volunteer: Any):
    with pytest.raises(errors.PortalError) as refused:
        services.sign_up(volunteer=make_volunteer(), shift=shift, added_by=volunteer)
    assert refused.value.status == 403


def test_a_volunteer_is_told_when_confirmed(
    shift: Shift, volunteer: Any, django_capture_on_commit_callbacks: Any
):
    with django_capture_on_commit_callbacks(execute=True):
        services.sign_up(volunteer=volunteer, shift=shift)

    notice = Notice.objects.get(user=volunteer)
    assert shift.activity.title in notice.title
    assert notice.url.endswith(".ics")


def test_the_database_queue_takes_the_notice_with_the_sign_up(
    shift: Shift, volunteer: Any, settings: Any
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    services.sign_up(volunteer=volunteer, shift=shift)
    with pytest.raises(errors.AlreadySignedUp):
        services.sign_up(volunteer=volunteer, shift=shift)

    queued = DBTaskResult.objects.get()
    assert queued.task_path == "portal.activities.services.tell_signed_up"
    services.tell_signed_up.call(**queued.args_kwargs["kwargs"])
    notice = Notice.objects.get(user=volunteer)
    assert shift.activity.title in notice.title


def test_cancelling_a_shift_cancels_its_sign_ups_and_tells_people(
    shift: Shift, volunteer: Any, team_manager: Any
):
    services.sign_up(volunteer=volunteer, shift=shift)

    services.cancel_shift(by=team_manager, shift=shift)

    assert SignUp.objects.get(volunteer=volunteer).status == "cancelled"
    assert Notice.objects.filter(user=volunteer, key__startswith="shift-cancelled")


def test_the_shift_table_refuses_a_count_over_capacity(shift: Shift):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Shift.objects.filter(pk=shift.pk).update(confirmed_count=3)


def test_shift_times_must_be_in_order(activity: Any, team_manager: Any):
    start = timezone.now() + dt.timedelta(days=1)

    with pytest.raises(errors.InvalidShiftTimes):
        services.add_shift(
            by=team_manager,
            activity=activity,
            starts_at=start,
            ends_at=start,
            capacity=3,
        )


def test_a_team_activity_is_managed_by_the_teams_unit(team: Any, team_manager: Any):
    from portal.units.models import Unit

    other_unit = Unit.objects.exclude(pk=team.unit_id).first()

    activity = services.create_activity(
        by=team_manager, team=team, unit=other_unit, title="Thử đơn vị"
    )

    assert activity.unit_id == team.unit_id


def test_an_organiser_cannot_move_an_activity_to_a_team_they_do_not_run(
    activity: Any, team_manager: Any
):
    from portal.teams.models import Team

    elsewhere = Team.objects.exclude(pk=activity.team_id).exclude(unit=activity.unit)[0]

    with pytest.raises(errors.PortalError) as refused:
        services.update_activity(by=team_manager, activity=activity, team=elsewhere)
    assert refused.value.status == 403
