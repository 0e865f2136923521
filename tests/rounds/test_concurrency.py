import datetime as dt
import threading
import time
from typing import Any
from unittest import mock

import pytest
import time_machine
from django.db import OperationalError, connection

from portal.accounts.models import User
from portal.core.errors import PortalError
from portal.rounds import services, snapshots
from portal.rounds.models import Assignment, Round, Submission
from portal.units.models import Unit
from portal.units.services import grant_membership


def retrying_sqlite_locks(call: Any) -> Any:
    """Run the call, trying again while SQLite says a table is locked.

    The in-memory SQLite test database shares its cache between
    connections, and there a lock fails at once instead of waiting for
    the busy timeout as the file database does; retrying plays the wait.
    PostgreSQL waits on the row lock by itself.
    """
    give_up = time.monotonic() + 30
    while True:
        try:
            return call()
        except OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > give_up:
                raise
            connection.close()
            time.sleep(0.02)


@pytest.mark.django_db(transaction=True)
def test_two_officers_submitting_at_once_make_one_submission(
    seeded_transactional_db: None,
) -> None:
    coordinator = User.objects.get(email="dieuphoi@demo.tinhnguyen.vn")
    first = User.objects.get(email="canbo.benthanh@demo.tinhnguyen.vn")
    unit = Unit.objects.get(code="doan-p-ben-thanh")
    second = User.objects.create_user(
        email="canbo2@demo.tinhnguyen.vn", password="x", full_name="Cán bộ 2"
    )
    grant_membership(user=second, unit=unit, role="officer")
    round = services.open_round(
        by=coordinator,
        reference="RACE-1",
        title="Đợt thử nộp cùng lúc",
        lists=Round.Lists.TEAMS,
        opens_on=dt.date(2026, 3, 2),
        due_on=dt.date(2026, 3, 20),
        focal_name="A",
        focal_phone="0901000001",
        units=[unit],
        send_reminders=False,
    )
    assignment = Assignment.objects.get(round=round, unit=unit)

    real_collect = snapshots.collect

    def slow_collect(*args: Any, **kwargs: Any) -> Any:
        # Keep each submission inside its transaction long enough for the
        # other officer to arrive.
        time.sleep(0.3)
        return real_collect(*args, **kwargs)

    start = threading.Barrier(2)
    outcomes: list[str] = []

    def press_submit(officer: User) -> None:
        try:
            start.wait()
            retrying_sqlite_locks(
                lambda: services.submit(by=officer, assignment=assignment)
            )
            outcomes.append("submitted")
        except PortalError as error:
            outcomes.append(error.code)
        except Exception as error:
            outcomes.append(repr(error))
        finally:
            connection.close()

    moment = dt.datetime(2026, 3, 5, 9, tzinfo=dt.UTC)
    with (
        time_machine.travel(moment, tick=False),
        mock.patch.object(snapshots, "collect", slow_collect),
    ):
        threads = [
            threading.Thread(target=press_submit, args=(u,)) for u in (first, second)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

    assert sorted(outcomes) == ["already_submitted", "submitted"]
    assert Submission.objects.filter(assignment=assignment).count() == 1
    assignment.refresh_from_db()
    assert assignment.state == Assignment.State.SUBMITTED
    assert assignment.changes.count() == 1
