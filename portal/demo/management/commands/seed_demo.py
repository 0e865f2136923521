import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from portal.demo.data import ACCOUNTS, DEMO_PASSWORD
from portal.demo.seed import seed_city, seed_demo


class Command(BaseCommand):
    help = "Load the demo data set (once); --scale city adds a city-sized one."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=["demo", "city"], default="demo")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        if options["scale"] == "city":
            counts = seed_city()
            summary = ", ".join(f"{v} {k}" for k, v in counts.items())
            self.stdout.write(f"City-sized data: {summary}")
        else:
            seed_demo()

        self.stdout.write(f"Done in {time.monotonic() - started:.1f}s.")
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}):")
        for key, _name, email, phone, _role, _scope in ACCOUNTS:
            self.stdout.write(f"  {key:<20} {email:<40} {phone}")
