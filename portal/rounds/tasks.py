"""Background tasks of collection rounds."""

import logging

from django_tasks import task

from portal.rounds import reminders
from portal.rounds.models import Round

logger = logging.getLogger(__name__)


@task()
def send_round_reminders() -> int:
    """Remind the units that have not submitted; safe to run at any time."""
    return reminders.send_due_reminders()


@task()
def send_welcome_notices(round_id: int, unit_ids: list[int]) -> int:
    """Tell units asked after opening; safe to run twice."""
    round = Round.objects.filter(pk=round_id).first()
    if round is None:
        logger.info("round %s is gone; no notice to send", round_id)
        return 0
    return reminders.welcome(round, unit_ids)
