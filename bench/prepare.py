"""Migrate and seed one benchmark database, then describe it in JSON.

Run by the harness as ``python -m bench.prepare`` with DATABASE_URL set.
Progress goes to stderr; the last line of stdout is the description.
"""

import json
import os
import sys
import time
from typing import Any

import django


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _migrate_if_needed() -> float | None:
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if not executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return None

    _say("  migrating the benchmark database...")
    started = time.monotonic()
    call_command("migrate", interactive=False, verbosity=0)
    return time.monotonic() - started


def _seed_if_needed() -> float | None:
    from portal.demo.seed import (
        CITY_ACTIVITY_MARKER,
        CITY_MARKER,
        CITY_REGISTRY_MARKER,
        seed_city,
    )
    from portal.rounds.seeding import CITY_ROUND_MARKER
    from portal.units.models import Unit

    # Each stage of the city-sized set leaves a marker; seed_city adds the
    # stages that are missing, so an older benchmark database catches up.
    markers = [
        CITY_MARKER,
        CITY_REGISTRY_MARKER,
        CITY_ACTIVITY_MARKER,
        CITY_ROUND_MARKER,
    ]
    done = Unit.objects.filter(code__in=markers)
    if done.count() == len(markers):
        return None

    _say("  seeding the city-sized data set (only the first time)...")
    started = time.monotonic()
    seed_city()
    _analyze()
    return time.monotonic() - started


def _analyze() -> None:
    """Refresh the planner's statistics after the bulk load.

    A live PostgreSQL gets them from autovacuum within minutes; without
    them the planner misjudges the text-search indexes right after a load.
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def describe() -> dict[str, Any]:
    from portal.accounts.models import User
    from portal.demo.data import ACCOUNTS
    from portal.sites.models import Site
    from portal.teams.models import Team
    from portal.units.models import Unit

    email = next(email for key, _, email, *_ in ACCOUNTS if key == "volunteer")
    return {
        "counts": {
            "units": Unit.objects.count(),
            "volunteers": User.objects.count(),
            "teams": Team.objects.count(),
            "sites": Site.objects.count(),
        },
        "volunteer_login": email,
        "volunteer_password_hash": User.objects.get(email=email).password,
    }


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()

    facts = {"migrate_s": _migrate_if_needed(), "seed_s": _seed_if_needed()}
    facts.update(describe())
    print(json.dumps(facts))


if __name__ == "__main__":
    main()
