"""Activities, shifts and volunteers for the activities tests."""

import datetime as dt
import itertools
from typing import Any

import pytest
from django.utils import timezone

from portal.accounts.models import User
from portal.activities import services
from portal.activities.models import Activity, Shift
from portal.teams.models import Team

_numbers = itertools.count(1)


def make_volunteer(name: str = "") -> User:
    n = next(_numbers)
    return User.objects.create_user(
        email=f"tnv{n}@example.test",
        phone=f"09120{n:05d}",
        password="x",
        full_name=name or f"Tình nguyện viên {n}",
    )


def make_shift(
    activity: Activity,
    *,
    starts_in: dt.timedelta = dt.timedelta(days=3),
    hours: int = 3,
    capacity: int = 2,
) -> Shift:
    start = timezone.now().replace(microsecond=0) + starts_in
    return services.add_shift(
        by=None,
        activity=activity,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=hours),
        capacity=capacity,
    )


def make_activity(team: Team, *, publish: bool = True, **fields: Any) -> Activity:
    fields.setdefault("title", "Dọn rác kênh Nhiêu Lộc")
    fields.setdefault("place", "Bến Thành")
    activity = services.create_activity(by=None, team=team, **fields)
    if publish:
        make_shift(activity)
        services.publish(by=None, activity=activity)
    return activity


@pytest.fixture
def team(team_manager: Any) -> Team:
    return Team.objects.get(people__user=team_manager, people__role="manager")


@pytest.fixture
def activity(team: Team) -> Activity:
    """A published activity of the team manager's team, with one shift."""
    return make_activity(team)


@pytest.fixture
def shift(activity: Activity) -> Shift:
    return activity.shifts.get()
