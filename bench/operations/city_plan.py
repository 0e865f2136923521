"""The city plan for next week: every verified team and every site.

Timed in-process, in a child process on the prepared database with the
server's environment: reading the inputs, building the pairs, solving the
min-cost flow and saving the plan (inside a transaction rolled back at the
end, so the benchmark database does not fill with plans). The floor is
the time to read the inputs alone (the sites' snapshot, the teams with
their fields and wards, the week's visits), measured in the same rounds.
"""

import time
from datetime import timedelta

from bench.child import report, run_child, start_django
from bench.measure import Result
from bench.registry import Context, operation

ROUNDS = 5


@operation("city_plan")
def city_plan(ctx: Context) -> Result:
    """Plan a week for the whole city (10,000 teams, 3,000 sites)."""
    rounds = run_child(ctx, "bench.operations.city_plan")

    result = Result()
    for row in rounds:
        result.samples_ms.append(row["ms"])
        result.floor_ms.append(row["floor_ms"])
    last = rounds[-1]
    result.counts.append(("rounds", str(len(rounds))))
    result.counts.append(("teams", f"{last['teams']:,}"))
    result.counts.append(("sites", f"{last['sites']:,}"))
    result.counts.append(("sites visited", f"{last['covered']:,}"))
    result.counts.append(("visits", f"{last['visits']:,}"))
    result.counts.append(("gini before/with", "/".join(map(str, last["gini"]))))
    if max(result.samples_ms) > 5000:
        result.problems.append("a city plan took longer than 5 s")
    return result


def _child() -> None:
    start_django()

    from django.db import transaction
    from django.utils import timezone

    from portal.accounts.models import User
    from portal.demo.data import ACCOUNTS
    from portal.planning import planner, profiles, services

    email = next(e for key, _, e, *_ in ACCOUNTS if key == "coordinator")
    coordinator = User.objects.get(email=email)
    today = timezone.localdate()
    monday = today + timedelta(days=7 - today.weekday())
    sunday = monday + timedelta(days=6)

    rounds = []
    for _ in range(ROUNDS):
        profiles.forget()
        started = time.perf_counter()
        snap = profiles.snapshot(today)
        planner.load_teams(snap)
        planner.booked(monday, sunday)
        floor = time.perf_counter() - started

        # Rolled back, so the benchmark database does not fill with plans.
        profiles.forget()
        started = time.perf_counter()
        with transaction.atomic():
            plan = services.create_plan(
                by=coordinator, name="bench", starts_on=monday, ends_on=sunday
            )
            visits = plan.assignments.count()
            transaction.set_rollback(True)
        took = time.perf_counter() - started

        rounds.append(
            {
                "ms": took * 1000,
                "floor_ms": floor * 1000,
                "teams": plan.team_count,
                "sites": plan.site_count,
                "covered": plan.covered_sites,
                "visits": visits,
                "gini": [plan.gini_before, plan.gini_with_plan],
            }
        )
    report(rounds)


if __name__ == "__main__":
    _child()
