"""Queue (or run) the lapsing of overdue need claims; call it from cron.

Run it once a day, just after midnight Vietnam time, for example::

    5 0 * * *  cd /srv/portal && .venv/bin/python manage.py lapse_claims

A claim whose delivery date has passed without the site confirming the
delivery lapses; the need opens again and the site and team are told.
``--now`` does it in this process instead of queueing the task. Running it
twice lapses nothing twice.
"""

from typing import Any

from django.core.management.base import BaseCommand

from portal.coordination.services import lapse_claims
from portal.coordination.tasks import lapse_overdue_claims


class Command(BaseCommand):
    help = "Lapse need claims whose delivery date has passed."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--now", action="store_true", help="Run in this process, not queued."
        )

    def handle(self, *args: Any, now: bool = False, **options: Any) -> None:
        if now:
            self.stdout.write(f"{lapse_claims()} claim(s) lapsed")
            return
        result = lapse_overdue_claims.enqueue()
        self.stdout.write(f"queued lapse task {result.id}")
