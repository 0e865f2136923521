"""Background tasks of collection rounds."""

import logging

from django_tasks import task

from portal.rounds.reminders import send_due_reminders

logger = logging.getLogger(__name__)


@task()
def send_round_reminders() -> int:
    """Remind the units that have not submitted; safe to run at any time."""
    return send_due_reminders()
