from typing import Any

from django.core.management.base import BaseCommand

from portal.activities.reminders import send_shift_reminders


class Command(BaseCommand):
    help = "E-mail volunteers the day before and two hours before their shifts."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_shift_reminders()
        self.stdout.write(f"{sent} reminder(s) sent")
