"""Small helpers to put visits and positions on the demo sites."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from portal.coordination.models import Visit
from portal.sites.models import Site
from portal.teams.models import Team


def visit(
    site: Site,
    *,
    days_ago: int,
    team: Team | None = None,
    status: str = "accepted",
    head_count: int = 10,
) -> Visit:
    day = timezone.localdate() - timedelta(days=days_ago)
    starts = timezone.make_aware(datetime.combine(day, time(8, 0)))
    return Visit.objects.create(
        site=site,
        team=team,
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        head_count=head_count,
        status=status,
    )


def place(site: Site, lat: float, lon: float) -> Site:
    site.latitude = Decimal(str(lat))
    site.longitude = Decimal(str(lon))
    site.save()
    return site


def next_monday() -> date:
    today = timezone.localdate()
    return today + timedelta(days=7 - today.weekday())
