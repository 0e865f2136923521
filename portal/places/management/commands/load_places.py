from typing import Any

from django.core.management.base import BaseCommand

from portal.places.services import load_official_places


class Command(BaseCommand):
    help = "Load the official provinces and wards (post-July-2025 list)."

    def handle(self, *args: Any, **options: Any) -> None:
        provinces, wards = load_official_places()
        self.stdout.write(f"{provinces} provinces, {wards} wards")
