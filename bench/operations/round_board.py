"""The follow-up board of a round asking 200 units, as a city coordinator.

The city-sized set holds one such round (``portal.rounds.seeding``) with
units in every state and their real snapshots. The coordinator signs in
once (not timed), then the board page is fetched again and again; the
floor is ``/-/ping`` served the same way.
"""

import re

from django.urls import reverse

from bench.client import Browser
from bench.errors import BenchError
from bench.measure import Budget, Result
from bench.registry import Context, operation
from portal.demo.data import ACCOUNTS, DEMO_PASSWORD
from portal.rounds.seeding import CITY_REFERENCE, CITY_UNITS_ASKED

REQUESTS = 200
WARMUP = 10
COORDINATOR = next(email for key, _, email, *_ in ACCOUNTS if key == "coordinator")


def _signed_in_coordinator(ctx: Context) -> Browser:
    browser = ctx.browser()
    path = reverse("accounts:login")
    token = browser.get(path).form_csrf_token()
    if token is None:
        raise BenchError("the sign-in form has no CSRF token")
    answer = browser.post_form(
        path,
        {
            "csrfmiddlewaretoken": token,
            "username": COORDINATOR,
            "password": DEMO_PASSWORD,
            "next": "",
        },
        referer=path,
    )
    if answer.status != 302:
        raise BenchError(f"the coordinator's sign-in answered {answer.status}")
    return browser


def _board_path(browser: Browser) -> str:
    listing = browser.get(reverse("rounds:list")).text()
    found = re.search(rf'data-round="(\d+)"><td>{re.escape(CITY_REFERENCE)}<', listing)
    if found is None:
        raise BenchError("the city-sized round is missing: reseed the database")
    return reverse("rounds:board", args=[int(found.group(1))])


@operation("round_board")
def round_board(ctx: Context) -> Result:
    """The follow-up board of a round asking 200 units."""
    browser = _signed_in_coordinator(ctx)
    path = _board_path(browser)
    ping, result = "/-/ping", Result()
    for _ in range(WARMUP):
        browser.get(path)
        browser.get(ping)

    budget = Budget(REQUESTS, ctx.time_limit_s)
    failed, rows = 0, 0
    for _ in budget:
        page = browser.get(path)
        if page.status != 200:
            failed += 1
        else:
            rows = page.body.count(b"data-row=")
        result.samples_ms.append(page.ms)
        result.floor_ms.append(browser.get(ping).ms)

    result.counts.append(("requests", budget.summary()))
    result.counts.append(("units on the board", f"{rows} of {CITY_UNITS_ASKED}"))
    if failed:
        result.problems.append(f"{failed} of {budget.done} answers were not 200")
    if rows != CITY_UNITS_ASKED:
        result.problems.append(f"the board showed {rows} units, not 200")
    return result
