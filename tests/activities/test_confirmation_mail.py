from typing import Any

import icalendar
import pytest
from django.core import mail

from portal.activities import services
from portal.activities.models import Shift
from tests.activities.conftest import make_volunteer

pytestmark = pytest.mark.django_db


def _mails_to(volunteer: Any) -> list[Any]:
    return [m for m in mail.outbox if volunteer.email in m.to]


def test_a_confirmed_volunteer_gets_the_shift_as_a_calendar_file(
    shift: Shift, volunteer: Any, django_capture_on_commit_callbacks: Any
):
    with django_capture_on_commit_callbacks(execute=True):
        services.sign_up(volunteer=volunteer, shift=shift)

    [message] = _mails_to(volunteer)
    [(filename, content, mimetype)] = message.attachments
    assert filename.endswith(".ics")
    assert mimetype == "text/calendar"
    [event] = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert str(event["summary"]) == shift.activity.title
    assert event.decoded("dtstart") == shift.starts_at
    assert event.decoded("dtend") == shift.ends_at


def test_a_waitlisted_volunteer_gets_no_calendar_file(
    shift: Shift, volunteer: Any, django_capture_on_commit_callbacks: Any
):
    for _ in range(shift.capacity):
        services.sign_up(volunteer=make_volunteer(), shift=shift)

    with django_capture_on_commit_callbacks(execute=True):
        services.sign_up(volunteer=volunteer, shift=shift)

    [message] = _mails_to(volunteer)
    assert message.attachments == []
