"""Many people signing up at the same moment, each on their own connection.

These tests commit for real: every thread is a separate request with its
own database connection, as under the production server.
"""

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connections

from portal.activities import services
from portal.activities.models import Shift, SignUp
from portal.core.errors import PortalError
from tests.activities.conftest import make_activity, make_volunteer

pytestmark = pytest.mark.django_db(transaction=True)


def _at_once(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run the calls in threads released together; results or errors."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:
            results[index] = error
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.fixture
def rush_shift(seeded_transactional_db: None) -> Shift:
    from portal.teams.models import Team

    team = Team.objects.filter(verification="verified").first()
    activity = make_activity(team)
    shift = activity.shifts.get()
    Shift.objects.filter(pk=shift.pk).update(capacity=5)
    shift.refresh_from_db()
    return shift


def test_a_rush_never_confirms_more_people_than_places(rush_shift: Shift):
    people = [make_volunteer() for _ in range(24)]

    results = _at_once(
        [lambda p=p: services.sign_up(volunteer=p, shift=rush_shift.pk) for p in people]
    )

    errors = [r for r in results if isinstance(r, Exception)]
    assert errors == []
    rush_shift.refresh_from_db()
    assert rush_shift.confirmed_count == 5
    assert SignUp.objects.filter(status="confirmed").count() == 5
    assert SignUp.objects.filter(status="waitlisted").count() == 19


def test_many_taps_of_one_person_make_one_sign_up(rush_shift: Shift):
    person = make_volunteer()

    results = _at_once(
        [lambda: services.sign_up(volunteer=person, shift=rush_shift.pk)] * 8
    )

    signed = [r for r in results if isinstance(r, SignUp)]
    refused = [r for r in results if isinstance(r, PortalError)]
    assert len(signed) == 1
    assert len(refused) == 7
    assert {r.code for r in refused} == {"already_signed_up"}
    assert SignUp.objects.filter(volunteer=person).count() == 1
    rush_shift.refresh_from_db()
    assert rush_shift.confirmed_count == 1


def test_one_person_cannot_take_two_overlapping_shifts_at_once(rush_shift: Shift):
    person = make_volunteer()
    activity = rush_shift.activity
    overlapping = [
        services.add_shift(
            by=None,
            activity=activity,
            starts_at=rush_shift.starts_at + dt.timedelta(minutes=30 * i),
            ends_at=rush_shift.ends_at + dt.timedelta(minutes=30 * i),
            capacity=5,
        )
        for i in range(1, 5)
    ]

    results = _at_once(
        [
            lambda s=s: services.sign_up(volunteer=person, shift=s.pk)
            for s in [rush_shift, *overlapping]
        ]
    )

    assert len([r for r in results if isinstance(r, SignUp)]) == 1
    assert {r.code for r in results if isinstance(r, PortalError)} == {
        "overlapping_shift"
    }


def test_cancellations_during_a_rush_keep_the_count_right(rush_shift: Shift):
    first = [make_volunteer() for _ in range(5)]
    for person in first:
        services.sign_up(volunteer=person, shift=rush_shift.pk)
    newcomers = [make_volunteer() for _ in range(10)]
    signups = list(SignUp.objects.filter(shift=rush_shift))

    calls = [
        lambda p=p: services.sign_up(volunteer=p, shift=rush_shift.pk)
        for p in newcomers
    ] + [
        lambda s=s: services.cancel_signup(by=s.volunteer, signup=s)
        for s in signups[:3]
    ]
    results = _at_once(calls)

    assert [r for r in results if isinstance(r, Exception)] == []
    rush_shift.refresh_from_db()
    confirmed = SignUp.objects.filter(shift=rush_shift, status="confirmed").count()
    waiting = SignUp.objects.filter(shift=rush_shift, status="waitlisted").count()
    assert confirmed == rush_shift.confirmed_count == 5
    assert waiting == 10 - 3
