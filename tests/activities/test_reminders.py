import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from portal.activities import services
from portal.activities.models import Shift
from portal.notices.models import Notice

pytestmark = pytest.mark.django_db


def _reminders(volunteer: Any) -> list[str]:
    return sorted(
        Notice.objects.filter(
            user=volunteer, key__startswith="shift-reminder"
        ).values_list("key", flat=True)
    )


def test_a_volunteer_is_reminded_the_day_before_and_two_hours_before(
    shift: Shift, volunteer: Any, django_capture_on_commit_callbacks: Any
):
    signup = services.sign_up(volunteer=volunteer, shift=shift)

    with django_capture_on_commit_callbacks(execute=True):
        with time_machine.travel(shift.starts_at - dt.timedelta(hours=20)):
            call_command("send_shift_reminders")
        with time_machine.travel(shift.starts_at - dt.timedelta(hours=19)):
            call_command("send_shift_reminders")
        with time_machine.travel(shift.starts_at - dt.timedelta(minutes=90)):
            call_command("send_shift_reminders")

    assert _reminders(volunteer) == [
        f"shift-reminder-{signup.pk}-2h",
        f"shift-reminder-{signup.pk}-day",
    ]
    subjects = [m.subject for m in mail.outbox if volunteer.email in m.to]
    assert any(shift.activity.title in s for s in subjects)


def test_nobody_is_reminded_three_days_ahead(shift: Shift, volunteer: Any):
    services.sign_up(volunteer=volunteer, shift=shift)

    with time_machine.travel(shift.starts_at - dt.timedelta(days=3)):
        call_command("send_shift_reminders")

    assert _reminders(volunteer) == []


def test_the_waitlist_and_cancelled_get_no_reminder(shift: Shift, volunteer: Any):
    from tests.activities.conftest import make_volunteer

    for _ in range(shift.capacity):
        services.sign_up(volunteer=make_volunteer(), shift=shift)
    services.sign_up(volunteer=volunteer, shift=shift)

    with time_machine.travel(shift.starts_at - dt.timedelta(hours=1)):
        call_command("send_shift_reminders")

    assert _reminders(volunteer) == []
