"""Queue (or run) the round reminders; call it from cron or the scheduler.

Run it once a day, early in the morning Vietnam time, for example::

    15 7 * * *  cd /srv/portal && .venv/bin/python manage.py send_round_reminders

It queues one background task; the worker (``manage.py db_worker`` or the
RQ worker) sends the notices. ``--now`` sends them in this process instead.
Running it more than once a day, or after a crash, sends nothing twice.
"""

from typing import Any

from django.core.management.base import BaseCommand

from portal.rounds.reminders import send_due_reminders
from portal.rounds.tasks import send_round_reminders


class Command(BaseCommand):
    help = "Remind units that have not submitted to the open collection rounds."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--now", action="store_true", help="Send in this process, not queued."
        )

    def handle(self, *args: Any, now: bool = False, **options: Any) -> None:
        if now:
            sent = send_due_reminders()
            self.stdout.write(f"{sent} reminder(s) sent")
            return
        result = send_round_reminders.enqueue()
        self.stdout.write(f"queued reminders task {result.id}")
