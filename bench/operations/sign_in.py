"""Signing in with e-mail and password, the demo volunteer's account.

Only the POST of the form is timed; fetching the form (for the CSRF token)
and signing out again are not. The floor is a sum per round: one ``/-/ping``
request served the same way, plus one bare Argon2 verify of the same
password against the same stored hash, done here in the harness. Argon2 is
slow on purpose and every sign-in must pay it once, so against this floor
the ratio shows what signing in costs beyond the unavoidable hash (the user
lookup, lock-out bookkeeping, session and CSRF rotation), not the hash.
"""

import time

from django.contrib.auth.hashers import get_hasher, make_password
from django.urls import reverse

from bench.client import Browser
from bench.errors import BenchError
from bench.measure import Budget, Result
from bench.registry import Context, operation
from portal.demo.data import DEMO_PASSWORD

ROUNDS = 60
WARMUP = 3


def _sign_in(browser: Browser, login: str) -> tuple[float, str | None]:
    """Sign in once; return the POST's time and what was wrong, if anything."""
    form_path = reverse("accounts:login")
    form = browser.get(form_path)
    token = form.form_csrf_token()
    if form.status != 200 or token is None:
        return 0.0, f"the sign-in form answered {form.status} without a CSRF token"

    fields = {
        "csrfmiddlewaretoken": token,
        "username": login,
        "password": DEMO_PASSWORD,
        "next": "",
    }
    answer = browser.post_form(form_path, fields, referer=form_path)
    location = answer.headers.get("Location", "")
    if answer.status != 302 or location != reverse("core:dashboard"):
        return answer.ms, f"answered {answer.status} to {location or 'nowhere'}"
    if "sessionid" not in browser.cookies:
        return answer.ms, "redirected, but set no session cookie"
    return answer.ms, None


def _sign_out(browser: Browser) -> None:
    # Signing out deletes the session row, so repeated runs leave the
    # benchmark database as they found it.
    path = reverse("accounts:logout")
    browser.request(
        "POST",
        path,
        headers={
            "X-CSRFToken": browser.cookies.get("csrftoken", ""),
            "Origin": browser.origin,
            "Referer": f"{browser.origin}/",
        },
    )


def _hash_ms(encoded: str) -> float:
    hasher = get_hasher("argon2")
    started = time.perf_counter()
    if not hasher.verify(DEMO_PASSWORD, encoded):
        raise BenchError("the stored hash is not of the demo password")
    return (time.perf_counter() - started) * 1000


@operation("sign_in")
def sign_in(ctx: Context) -> Result:
    login = ctx.database.volunteer_login
    # The first sign-in upgrades an older stored hash to the current
    # parameters, so the floor hashes with the current ones too.
    get_hasher("argon2").verify(DEMO_PASSWORD, ctx.database.volunteer_password_hash)
    encoded = make_password(DEMO_PASSWORD)
    result, failures = Result(), []
    for _ in range(WARMUP):
        browser = ctx.browser()
        _sign_in(browser, login)
        _sign_out(browser)
        _hash_ms(encoded)

    budget = Budget(ROUNDS, ctx.time_limit_s)
    for _ in budget:
        browser = ctx.browser()
        ms, problem = _sign_in(browser, login)
        if problem:
            failures.append(problem)
        else:
            result.samples_ms.append(ms)
        _sign_out(browser)
        result.floor_ms.append(ctx.browser().get("/-/ping").ms + _hash_ms(encoded))

    succeeded = budget.done - len(failures)
    result.counts.append(("sign-ins succeeded", f"{succeeded} of {budget.summary()}"))
    if failures:
        result.problems.append(f"{len(failures)} sign-ins failed, e.g. {failures[0]}")
    return result
