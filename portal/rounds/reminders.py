"""Reminding units that have not submitted: at opening, before and after.

Each round has its occasions: the opening day, some days before the
deadline (7, 3 and 1 by default) and the day after it. A run sends the
latest occasion that has come, to the officers of every unit still
waiting. The notice key names round, unit and occasion, and the database
lets each person have one notice per key: a run repeated, or restarted
after a worker died half-way, sends nothing twice and misses no one.
"""

import logging
from datetime import date, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.notices.services import notify
from portal.rounds.models import Assignment, Round
from portal.rounds.services import officers_of

logger = logging.getLogger(__name__)

OPENING = "opening"
OVERDUE = "overdue"
# A round whose deadline passed longer ago than this gets no more runs.
KEEP_AFTER_DEADLINE = timedelta(days=3)


def occasions(round: Round) -> list[tuple[date, str]]:
    """The round's occasions in date order, as (day, name)."""
    found = [(round.opens_on, OPENING)]
    for days in round.reminder_offsets():
        day = round.due_on - timedelta(days=days)
        if day > round.opens_on:
            found.append((day, f"due-{days}d"))
    found.append((round.due_on + timedelta(days=1), OVERDUE))
    return sorted(found)


def current_occasion(round: Round, today: date) -> str | None:
    passed = [name for day, name in occasions(round) if day <= today]
    return passed[-1] if passed else None


def send_due_reminders(today: date | None = None) -> int:
    """Send each round's current occasion; return how many notices went."""
    today = today or timezone.localdate()
    rounds = Round.objects.filter(
        opens_on__lte=today, due_on__gte=today - KEEP_AFTER_DEADLINE
    )
    sent = 0
    for round in rounds:
        occasion = current_occasion(round, today)
        if occasion is not None:
            sent += remind_round(round, occasion)
    return sent


def remind_round(round: Round, occasion: str) -> int:
    waiting = round.assignments.waiting().select_related("unit")
    sent = 0
    for assignment in waiting:
        # One transaction per unit: a worker killed mid-way keeps what it
        # sent, and the notice keys skip those units when it runs again.
        with transaction.atomic():
            sent += len(_remind(assignment, round, occasion))
    if sent:
        logger.info("round %s occasion %s: %s notices", round.pk, occasion, sent)
    return sent


def welcome(round: Round, unit_ids: list[int], today: date | None = None) -> int:
    """Tell units asked after opening that the round asks them.

    They get the opening notice, keyed as the round's current occasion:
    the day's reminder run then finds them told and does not tell them
    again; the later occasions remind them as they remind everyone.
    """
    occasion = current_occasion(round, today or timezone.localdate())
    if occasion is None:
        return 0
    waiting = (
        round.assignments.waiting().filter(unit_id__in=unit_ids).select_related("unit")
    )
    sent = 0
    for assignment in waiting:
        with transaction.atomic():
            sent += len(_remind(assignment, round, occasion, wording=OPENING))
    logger.info("round %s: %s opening notices to new units", round.pk, sent)
    return sent


def _remind(
    assignment: Assignment, round: Round, occasion: str, wording: str = ""
) -> list:
    deadline = date_format(round.due_on, "SHORT_DATE_FORMAT")
    occasion_said = wording or occasion
    if occasion_said == OPENING:
        title = _("Round %(ref)s has opened: send your lists by %(day)s")
    elif occasion_said == OVERDUE:
        title = _("Round %(ref)s: the deadline (%(day)s) has passed")
    else:
        title = _("Round %(ref)s: send your lists by %(day)s")
    body = _(
        "%(round)s. Unit: %(unit)s. Focal person: %(focal)s, %(phone)s. "
        "Submissions after the deadline are still accepted, marked late."
    ) % {
        "round": round.title,
        "unit": assignment.unit.name,
        "focal": round.focal_name,
        "phone": round.focal_phone,
    }
    return notify(
        officers_of(assignment.unit),
        title=title % {"ref": round.reference, "day": deadline},
        body=body,
        url=reverse("rounds:assignment", args=[assignment.pk]),
        key=f"round-{round.pk}-unit-{assignment.unit_id}-{occasion}",
    )
