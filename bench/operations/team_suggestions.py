"""Sites suggested to one team, as its manager's app asks for them.

The demo team manager gets an API token once, finds their team through
the team list, then asks for the team's suggestions over and over. The
first answers build each worker's snapshot of the city's sites (see
``portal.planning.profiles``); the warm-up absorbs them. The floor is
``/-/ping`` served the same way.
"""

import json
from urllib.parse import urlencode

from bench.client import Browser
from bench.errors import BenchError
from bench.measure import Budget, Result
from bench.registry import Context, operation
from portal.demo.data import ACCOUNTS, DEMO_PASSWORD

TEAM = "CLB Tình nguyện Bến Thành"
REQUESTS = 300
WARMUP = 20


def _token(browser: Browser) -> str:
    email = next(email for key, _, email, *_ in ACCOUNTS if key == "team_manager")
    answer = browser.request(
        "POST",
        "/api/v1/auth/token/",
        urlencode({"username": email, "password": DEMO_PASSWORD}).encode(),
        {"Content-Type": "application/x-www-form-urlencoded"},
    )
    if answer.status != 200:
        raise BenchError(f"the token endpoint answered {answer.status}")
    return json.loads(answer.body)["token"]


def _team_id(browser: Browser, headers: dict[str, str]) -> int:
    path = f"/api/v1/teams/?{urlencode({'search': TEAM})}"
    answer = browser.request("GET", path, headers=headers)
    for row in json.loads(answer.body).get("results", []):
        if row["name"] == TEAM:
            return int(row["id"])
    raise BenchError(f"the team list has no {TEAM!r}")


@operation("team_suggestions")
def team_suggestions(ctx: Context) -> Result:
    """One team's suggested sites among the city's 3,000."""
    browser, result = ctx.browser(), Result()
    headers = {"Authorization": f"Token {_token(browser)}"}
    path = f"/api/v1/teams/{_team_id(browser, headers)}/suggestions/"
    for _ in range(WARMUP):
        browser.request("GET", path, headers=headers)
        browser.get("/-/ping")

    budget = Budget(REQUESTS, ctx.time_limit_s)
    failed, shown = 0, 0
    for _ in budget:
        answer = browser.request("GET", path, headers=headers)
        if answer.status != 200:
            failed += 1
        else:
            shown = len(json.loads(answer.body))
        result.samples_ms.append(answer.ms)
        result.floor_ms.append(browser.get("/-/ping").ms)

    result.counts.append(("requests", budget.summary()))
    result.counts.append(("sites suggested", str(shown)))
    if failed:
        result.problems.append(f"{failed} of {budget.done} answers were not 200")
    return result
