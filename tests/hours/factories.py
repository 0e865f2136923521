"""Activities, shifts and sign-ups for the hours tests, written directly.

The activities app owns the sign-up rules; these tests only need rows in
the state a finished sign-up leaves them.
"""

import datetime as dt
from typing import Any

from django.db.models import F
from django.utils import timezone

from portal.activities.models import Activity, CampaignTag, Shift, SignUp
from portal.teams.models import Team
from portal.units.models import Unit

BT_CLUB = "CLB Tình nguyện Bến Thành"


def make_activity(
    *, title: str = "Dọn rác kênh Nhiêu Lộc", team: str | None = BT_CLUB,
    unit: str = "doan-p-ben-thanh", blood: bool = False,
) -> Activity:  # fmt: skip
    tag = None
    if blood:
        tag, _ = CampaignTag.objects.get_or_create(
            code="hien-mau", defaults={"name": "Hiến máu", "is_blood_donation": True}
        )
    return Activity.objects.create(
        title=title,
        team=Team.objects.get(name=team) if team else None,
        unit=Unit.objects.get(code=unit),
        tag=tag,
        state=Activity.State.PUBLISHED,
    )


def make_shift(
    activity: Activity, *, starts_at: dt.datetime, hours: float = 3, capacity: int = 10
) -> Shift:
    return Shift.objects.create(
        activity=activity,
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=hours),
        capacity=capacity,
    )


def sign_up(shift: Shift, volunteer: Any) -> SignUp:
    Shift.objects.filter(pk=shift.pk).update(confirmed_count=F("confirmed_count") + 1)
    return SignUp.objects.create(
        shift=shift, volunteer=volunteer, status=SignUp.Status.CONFIRMED
    )


def make_volunteer(name: str = "Lê Thị Thu Hà", phone: str = "0988777666") -> Any:
    from portal.accounts.models import User

    return User.objects.create_user(
        phone=phone, password="tinhnguyen2026", full_name=name
    )


def at(hour: int, minute: int = 0, day: int = 6) -> dt.datetime:
    """A moment on 6 June 2026, Vietnam time."""
    return timezone.make_aware(dt.datetime(2026, 6, day, hour, minute))
