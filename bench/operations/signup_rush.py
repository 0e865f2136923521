"""A sign-up rush: 2,000 people, 500 places, 100 requests at a time.

Before the clock starts, a child process (with the benchmark database's
settings) posts one activity with ten shifts of 50 places at the same
time, and makes API tokens for 2,000 volunteers of the city-sized set.
Then each volunteer posts ``/api/v1/shifts/<id>/signup/`` once, 200 people
per shift, from 100 threads. Exactly 500 must be confirmed and 1,500
waitlisted, and the database must agree: no shift over its places.

The floor is ``/-/ping`` fired 2,000 times from the same 100 threads: the
most requests a second the server profile answers when it does nothing.
The activity, its sign-ups and their notices are deleted afterwards.

Run as a module (``python -m bench.operations.signup_rush prepare|check
ACTIVITY``) it is that child process.
"""

import json
import math
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from bench.client import Browser
from bench.errors import BenchError
from bench.measure import Result, percentile
from bench.registry import Context, operation
from bench.server import BASE_DIR, new_secret_key, production_env

PEOPLE = 2000
SHIFTS = 10
PLACES_PER_SHIFT = 50
CONCURRENCY = 100
TITLE = "Bench: signup rush"
STATUSES = ("confirmed", "waitlisted")


@dataclass
class RushResult(Result):
    """A rate, not a page time: its own line."""

    rate: float = 0.0
    floor_rate: float = 0.0
    summary: dict[str, int] = field(default_factory=dict)

    def line(self, name: str) -> str:
        ratio = self.floor_rate / self.rate if self.rate else math.nan
        checked = ", ".join(f"{label} {value}" for label, value in self.counts)
        return (
            f"{name}: {self.rate:.0f} signups/s (floor {self.floor_rate:.0f} "
            f"pings/s, ratio {ratio:.1f}) "
            f"p50 {percentile(self.samples_ms, 0.5):.0f} ms, "
            f"p99 {percentile(self.samples_ms, 0.99):.0f} ms, {checked}"
        )


def _child(ctx: Context, *args: str) -> dict[str, Any]:
    env = {**production_env(ctx.database.url, new_secret_key()), "LOG_LEVEL": "ERROR"}
    child = subprocess.run(
        [sys.executable, "-m", "bench.operations.signup_rush", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if child.returncode != 0:
        raise BenchError(f"signup_rush {args[0]} failed:\n{child.stderr[-3000:]}")
    return json.loads(child.stdout.strip().splitlines()[-1])


def _fire(
    ctx: Context, requests: list[tuple[str, str, dict[str, str]]]
) -> tuple[float, list[tuple[float, int, bytes]]]:
    """Send the requests from CONCURRENCY threads; wall seconds and answers."""

    def send(request: tuple[str, str, dict[str, str]]) -> tuple[float, int, bytes]:
        method, path, headers = request
        answer = Browser(ctx.server.host, ctx.server.port).request(
            method, path, headers=headers
        )
        return answer.ms, answer.status, answer.body

    with ThreadPoolExecutor(max_workers=CONCURRENCY) as pool:
        started = time.perf_counter()
        answers = list(pool.map(send, requests))
        elapsed = time.perf_counter() - started
    return elapsed, answers


@operation("signup_rush")
def signup_rush(ctx: Context) -> Result:
    setup = _child(ctx, "prepare")
    shifts, tokens = setup["shifts"], setup["tokens"]
    result = RushResult()
    try:
        pings = [("GET", "/-/ping", {})] * PEOPLE
        _fire(ctx, pings[:200])  # warm both workers and their connections
        floor_s, _ = _fire(ctx, pings)
        result.floor_rate = PEOPLE / floor_s

        rush = [
            (
                "POST",
                f"/api/v1/shifts/{shifts[n % len(shifts)]}/signup/",
                {"Authorization": f"Token {token}", "Accept": "application/json"},
            )
            for n, token in enumerate(tokens)
        ]
        elapsed, answers = _fire(ctx, rush)
        result.rate = PEOPLE / elapsed
        result.samples_ms = [ms for ms, _, _ in answers]
        statuses = _statuses(answers, result)
        checked = _child(ctx, "check", str(setup["activity"]))
    finally:
        _child(ctx, "clean", str(setup["activity"]))

    accepted, waitlisted = statuses.get("confirmed", 0), statuses.get("waitlisted", 0)
    result.counts += [
        ("accepted", str(accepted)),
        ("waitlisted", str(waitlisted)),
        ("over capacity", str(checked["over_capacity"])),
    ]
    places = SHIFTS * PLACES_PER_SHIFT
    if accepted != places or waitlisted != PEOPLE - places:
        result.problems.append(
            f"expected {places} accepted and {PEOPLE - places} waitlisted"
        )
    if checked["over_capacity"] or checked["confirmed"] != places:
        result.problems.append(f"the database disagrees: {checked}")
    return result


def _statuses(answers: list[tuple[float, int, bytes]], result: Result) -> dict:
    statuses: dict[str, int] = {}
    failures = []
    for _, code, body in answers:
        if code != 201:
            failures.append(f"{code} {body[:200]!r}")
            continue
        status = json.loads(body)["status"]
        statuses[status] = statuses.get(status, 0) + 1
    if failures:
        result.problems.append(f"{len(failures)} sign-ups failed, e.g. {failures[0]}")
    return statuses


# The child process ----------------------------------------------------------


def _prepare() -> dict[str, Any]:
    import datetime as dt

    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    from portal.accounts.models import User
    from portal.activities import services
    from portal.activities.models import Activity
    from portal.teams.models import Team

    for old in Activity.objects.filter(title=TITLE):
        _clean(old.pk)
    team = Team.objects.filter(verification="verified").order_by("pk").first()
    activity = services.create_activity(by=None, team=team, title=TITLE)
    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=30)
    shift_ids = [
        services.add_shift(
            by=None,
            activity=activity,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=3),
            capacity=PLACES_PER_SHIFT,
        ).pk
        for _ in range(SHIFTS)
    ]
    services.publish(by=None, activity=activity)

    users = list(
        User.objects.filter(email__endswith="@city.tinhnguyen.vn").order_by("pk")[
            :PEOPLE
        ]
    )
    if len(users) < PEOPLE:
        raise SystemExit(f"only {len(users)} city volunteers")
    have = set(Token.objects.filter(user__in=users).values_list("user_id", flat=True))
    Token.objects.bulk_create(
        [Token(user=u, key=Token.generate_key()) for u in users if u.pk not in have]
    )
    keys = dict(Token.objects.filter(user__in=users).values_list("user_id", "key"))
    return {
        "activity": activity.pk,
        "shifts": shift_ids,
        "tokens": [keys[u.pk] for u in users],
    }


def _check(activity_id: int) -> dict[str, int]:
    from django.db.models import Count, Q

    from portal.activities.models import Shift

    shifts = Shift.objects.filter(activity_id=activity_id).annotate(
        confirmed=Count("signups", filter=Q(signups__status="confirmed"))
    )
    over = sum(
        max(0, s.confirmed - s.capacity) + max(0, s.confirmed_count - s.capacity)
        for s in shifts
    )
    mismatched = sum(s.confirmed != s.confirmed_count for s in shifts)
    return {
        "confirmed": sum(s.confirmed for s in shifts),
        "over_capacity": over,
        "count_mismatches": mismatched,
    }


def _clean(activity_id: int) -> dict[str, int]:
    from django_tasks_db.models import DBTaskResult

    from portal.activities.models import Activity, Shift, SignUp
    from portal.notices.models import Notice

    ids = list(
        SignUp.objects.filter(shift__activity_id=activity_id).values_list(
            "pk", flat=True
        )
    )
    keys = [f"signup-{pk}-{status}" for pk in ids for status in STATUSES]
    for start in range(0, len(keys), 1000):
        Notice.objects.filter(key__in=keys[start : start + 1000]).delete()
    # The notices' tasks, queued by the rush; no worker runs during it.
    for start in range(0, len(ids), 1000):
        DBTaskResult.objects.filter(
            task_path="portal.activities.services.tell_signed_up",
            args_kwargs__kwargs__signup_id__in=ids[start : start + 1000],
        ).delete()
    deleted, _ = Activity.objects.filter(pk=activity_id).delete()
    _vacuum(SignUp, DBTaskResult, Notice, Shift, Activity)
    return {"deleted": deleted}


def _vacuum(*models: Any) -> None:
    """Clear the rows each run leaves dead, as autovacuum would.

    The benchmark's PostgreSQL may run without autovacuum (this machine's
    does); the deleted sign-ups and task rows of every run would then pile
    up under the tables the next runs read and write (38,000 of each after
    a day of runs here).
    """
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    tables = ", ".join(model._meta.db_table for model in models)
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {tables}")


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    command = sys.argv[1]
    if command == "prepare":
        output: dict[str, Any] = _prepare()
    elif command == "check":
        output = _check(int(sys.argv[2]))
    else:
        output = _clean(int(sys.argv[2]))
    print(json.dumps(output))
