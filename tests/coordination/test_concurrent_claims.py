"""Two teams claiming the last of a need at the same moment.

Runs with real commits and two threads, each with its own database
connection. On PostgreSQL the row lock on the need makes the second claim
wait for the first and then see what is left; SQLite's transactions start
with the write lock (IMMEDIATE), so there the second waits at BEGIN.
"""

import threading
from datetime import timedelta
from typing import Any

import pytest
from django.db import connections
from django.utils import timezone

from portal.coordination import services
from portal.coordination.errors import ClaimOverQuantity
from portal.coordination.models import NeedClaim
from portal.sites.models import Need
from portal.teams.models import Team

from .helpers import BEN_THANH_CLUB, EXAM_TEAM, ROSES, fresh, second_manager


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_claims_never_promise_more_than_the_need(
    seeded_transactional_db: None, demo: Any
) -> None:
    need = Need.objects.get(site__name=ROSES, description="Gạo cho tháng tới")
    people = [
        (fresh(demo["team_manager"]), Team.objects.get(name=BEN_THANH_CLUB)),
        (fresh(second_manager()), Team.objects.get(name=EXAM_TEAM)),
    ]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def claim(user: Any, team: Team) -> None:
        try:
            barrier.wait()
            services.claim_need(
                by=user,
                team=team,
                need=need,
                quantity=150,
                deliver_by=timezone.localdate() + timedelta(days=3),
            )
            outcomes.append("claimed")
        except ClaimOverQuantity:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=claim, args=pair) for pair in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["claimed", "refused"]
    assert NeedClaim.objects.filter(need=need).count() == 1
