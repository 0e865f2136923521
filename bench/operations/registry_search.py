"""Searching the public API lists of sites and teams, as people type.

Each round asks the next of a few realistic queries: words without
accents, words in another order, an abbreviation, a ward's name written
without accents, a typo (which sends the search to its forgiving pass),
and a phone number. The floor is ``/-/ping`` served the same way.
"""

from urllib.parse import urlencode

from bench.measure import Budget, Result
from bench.registry import Context, operation

REQUESTS = 300
WARMUP = 20

SITE_QUERIES = [
    "mai am",
    "ben thanh",
    "so 1234",
    "ma tan dinh",
    "mai am sai gon",
    "mai am ben thnh",
    "phu trach",
]

TEAM_QUERIES = [
    "clb tinh nguyen",
    "doi tinh nguyen 512",
    "nhom tinh nguyen 77",
    "tinh nguyen clb 9",
    "tinh nguyn 4321",
    "0800001234",
    "truong nhom 88",
]


def _measure(ctx: Context, path: str, queries: list[str]) -> Result:
    ping, browser, result = "/-/ping", ctx.browser(), Result()
    urls = [f"{path}?{urlencode({'search': q})}" for q in queries]
    for n in range(WARMUP):
        browser.get(urls[n % len(urls)])
        browser.get(ping)

    budget = Budget(REQUESTS, ctx.time_limit_s)
    failed, empty = 0, set()
    for n in budget:
        url = urls[n % len(urls)]
        answer = browser.get(url)
        if answer.status != 200:
            failed += 1
        elif b'"count":0' in answer.body:
            empty.add(url)
        result.samples_ms.append(answer.ms)
        result.floor_ms.append(browser.get(ping).ms)

    result.counts.append(("requests", budget.summary()))
    result.counts.append(("queries", f"{len(urls)}, {len(empty)} found nothing"))
    if failed:
        result.problems.append(f"{failed} of {budget.done} answers were not 200")
    return result


@operation("search_sites")
def search_sites(ctx: Context) -> Result:
    """The public site list, searched."""
    return _measure(ctx, "/api/v1/sites/", SITE_QUERIES)


@operation("search_teams")
def search_teams(ctx: Context) -> Result:
    """The public team list, searched."""
    return _measure(ctx, "/api/v1/teams/", TEAM_QUERIES)
