from typing import Any

from django.core.management.base import BaseCommand

from portal.hours.services import mark_no_shows


class Command(BaseCommand):
    help = "Mark volunteers who never checked in to a finished shift as no-shows."

    def handle(self, *args: Any, **options: Any) -> None:
        marked = mark_no_shows()
        self.stdout.write(f"{marked} no-show(s) marked")
