"""Reminders before a shift: the day before and two hours before.

Run often (every 10-15 minutes) by the ``send_shift_reminders`` command or
task. Each reminder has a key per sign-up and occasion, so running again,
or on two workers at once, never sends one twice.
"""

import datetime as dt
import logging

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.activities.models import SignUp
from portal.notices.services import notify

logger = logging.getLogger(__name__)

# (occasion, how long before the start it opens)
OCCASIONS = (("day", dt.timedelta(hours=24)), ("2h", dt.timedelta(hours=2)))


def send_shift_reminders(*, now: dt.datetime | None = None) -> int:
    """Remind confirmed volunteers of shifts about to start; returns how many."""
    now = now or timezone.now()
    sent = 0
    for occasion, ahead in OCCASIONS:
        # A shift already inside the two-hour window gets only the
        # two-hour reminder, not the day-before one as well.
        window_start = now + (
            dt.timedelta(hours=2) if occasion == "day" else dt.timedelta()
        )
        signups = (
            SignUp.objects.confirmed()
            .filter(
                shift__starts_at__gt=window_start,
                shift__starts_at__lte=now + ahead,
                shift__is_cancelled=False,
                shift__activity__state="published",
            )
            .select_related("volunteer", "shift__activity")
        )
        for signup in signups.iterator(chunk_size=500):
            sent += _remind(signup, occasion)
    logger.info("shift reminders: %s sent", sent)
    return sent


def _remind(signup: SignUp, occasion: str) -> int:
    shift = signup.shift
    when = timezone.localtime(shift.starts_at).strftime("%H:%M %d/%m/%Y")
    if occasion == "day":
        title = _("Tomorrow: %(activity)s") % {"activity": shift.activity.title}
    else:
        title = _("In two hours: %(activity)s") % {"activity": shift.activity.title}
    body = _(
        "Your shift starts at %(when)s at %(place)s. If you cannot come, "
        "cancel on the portal so someone on the waitlist can go."
    ) % {"when": when, "place": shift.activity.place or "-"}
    created = notify(
        [signup.volunteer],
        title=title,
        body=body,
        url=reverse("activities:detail", args=[shift.activity_id]),
        key=f"shift-reminder-{signup.pk}-{occasion}",
    )
    return len(created)
