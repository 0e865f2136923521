"""Visits and claims for the demo set and for the city-sized one.

The city's help is uneven on purpose, as it is in life: a few sites near
the centre draw most visits, many get a few, some get none at all, and the
weeks before Tết crowd even more onto the popular ones. The coverage board,
the suggestions and the city plan are meant to show exactly that.
"""

import logging
import math
import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from portal.coordination.board import TET
from portal.coordination.models import NeedClaim, Visit
from portal.sites.models import Need, Site
from portal.teams.models import Team
from portal.units.models import Unit
from portal.units.services import create_unit

logger = logging.getLogger(__name__)

CITY_COORDINATION_MARKER = "city-scale-coordination-done"
CITY_VISITS = 36_000
# A share of sites that no team visited during the year.
FORGOTTEN_SHARE = 0.15
CITY_CENTRE = (10.7769, 106.7009)
_BATCH = 5000


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def seed_demo_coordination() -> None:
    """A few visits and one promise among the demo teams and sites.

    Dated from today, so a demo shows recent help, one request waiting for
    an answer three weeks ahead, and a need partly promised.
    """
    if Visit.objects.exists():
        return
    teams = {t.name: t for t in Team.objects.all()}
    sites = {s.name: s for s in Site.objects.all()}
    today = timezone.localdate()
    saturday = today + timedelta(days=(5 - today.weekday()) % 7 + 21)
    plans = [
        # (team, site, day, hour, people, purpose, status)
        ("Đội Xung kích Bách khoa", "Mái ấm Thiện Tâm",
         today - timedelta(days=20), 9, 12, Visit.Purpose.CARE, Visit.Status.DONE),
        ("CLB Tình nguyện Bến Thành", "Mái ấm Thiện Tâm",
         today - timedelta(days=60), 9, 15, Visit.Purpose.MEALS,
         Visit.Status.DONE),
        ("Đội Mùa hè xanh KHTN", "Mái ấm Thiện Tâm",
         saturday, 9, 10, Visit.Purpose.PLAY, Visit.Status.PENDING),
    ]  # fmt: skip
    for team, site, day, hour, people, purpose, status in plans:
        if team not in teams or site not in sites:
            continue
        Visit.objects.create(
            team=teams[team],
            site=sites[site],
            starts_at=_at(day, hour),
            ends_at=_at(day, hour + 2),
            head_count=people,
            purpose=purpose,
            status=status,
        )

    books = Need.objects.filter(description="Sách vở năm học mới").first()
    team = teams.get("Đội Xung kích Bách khoa")
    if books is not None and team is not None:
        NeedClaim.objects.create(
            need=books, team=team, quantity=20, deliver_by=today + timedelta(days=10)
        )


def seed_city_coordination(rng: random.Random, *, visits: int = CITY_VISITS) -> None:
    """A year of visits and claims for the city-sized set, once."""
    if Unit.objects.filter(code=CITY_COORDINATION_MARKER).exists():
        return
    today = timezone.localdate()
    sites = list(
        Site.objects.values_list(
            "pk", "latitude", "longitude", "beneficiary_count", "max_visitors_per_slot"
        )
    )
    team_ids = list(
        Team.objects.filter(status=Team.Status.ACTIVE).values_list("pk", flat=True)
    )
    if not sites or not team_ids:
        return
    weights = _attraction(sites, rng)
    made = _city_visits(sites, weights, team_ids, today, rng, visits)
    Visit.objects.bulk_create(made, batch_size=_BATCH)
    claims = _city_claims(team_ids, today, rng)
    NeedClaim.objects.bulk_create(claims, batch_size=_BATCH)
    logger.info("seeded %s visits and %s claims", len(made), len(claims))

    create_unit(
        by=None,
        code=CITY_COORDINATION_MARKER,
        name="·",
        kind="other",
        parent=Unit.objects.get(code="thanh-doan"),
        is_active=False,
    )


def _attraction(sites: list[tuple], rng: random.Random) -> list[float]:
    """How strongly each site draws teams: heavy-tailed, higher near the
    centre, and nothing at all for the forgotten ones."""
    weights = []
    for _pk, lat, lng, _people, _limit in sites:
        if rng.random() < FORGOTTEN_SHARE:
            weights.append(0.0)
            continue
        distance = 0.3
        if lat is not None and lng is not None:
            distance = math.hypot(
                float(lat) - CITY_CENTRE[0], float(lng) - CITY_CENTRE[1]
            )
        nearness = 1 / (0.05 + distance)
        weights.append(rng.paretovariate(1.3) * nearness)
    return weights


def _city_visits(
    sites: list[tuple],
    weights: list[float],
    team_ids: list[int],
    today: date,
    rng: random.Random,
    count: int,
) -> list[Visit]:
    # Before Tết the popular sites get even more: weights squared.
    tet_weights = [w**1.6 for w in weights]
    tet_windows = [
        (day - timedelta(days=28), day)
        for day in TET.values()
        if today - timedelta(days=365) <= day <= today + timedelta(days=30)
    ]
    purposes = [p for p, _ in Visit.Purpose.choices]
    visits = []
    for _ in range(count):
        day = today - timedelta(days=rng.randint(-30, 365))
        in_tet = any(start <= day <= end for start, end in tet_windows)
        if not in_tet and tet_windows and rng.random() < 0.2:
            # A fifth of the year's visits crowd into the weeks before Tết.
            start, end = rng.choice(tet_windows)
            day = start + timedelta(days=rng.randint(0, (end - start).days))
            in_tet = True
        pk, _lat, _lng, _people, limit = rng.choices(
            sites, weights=tet_weights if in_tet else weights
        )[0]
        hour = rng.choice([8, 8, 9, 14, 15])
        visits.append(
            Visit(
                site_id=pk,
                team_id=rng.choice(team_ids),
                starts_at=_at(day, hour),
                ends_at=_at(day, hour + 2),
                head_count=rng.randint(3, min(limit or 40, 40)),
                purpose=rng.choice(purposes),
                status=_status(day, today, rng),
            )
        )
    return visits


def _status(day: date, today: date, rng: random.Random) -> str:
    roll = rng.random()
    if day > today:
        return Visit.Status.PENDING if roll < 0.5 else Visit.Status.ACCEPTED
    if roll < 0.8:
        return Visit.Status.DONE
    if roll < 0.9:
        return Visit.Status.ACCEPTED
    if roll < 0.95:
        return Visit.Status.DECLINED
    return Visit.Status.CANCELLED


def _city_claims(
    team_ids: list[int], today: date, rng: random.Random
) -> list[NeedClaim]:
    """Promises on a third of the open needs: most on time, some delivered,
    some already past their date (for the lapse task to find)."""
    claims = []
    needs = Need.objects.filter(
        status__in=[Need.Status.OPEN, Need.Status.CLAIMED], quantity__isnull=False
    ).values_list("pk", "quantity")
    for need_id, quantity in needs:
        if rng.random() > 0.35:
            continue
        roll = rng.random()
        if roll < 0.6:
            status, deliver_by = (
                NeedClaim.Status.ACTIVE,
                today + timedelta(days=rng.randint(1, 30)),
            )
        elif roll < 0.85:
            status, deliver_by = (
                NeedClaim.Status.DELIVERED,
                today - timedelta(days=rng.randint(1, 120)),
            )
        elif roll < 0.95:
            status, deliver_by = (
                NeedClaim.Status.LAPSED,
                today - timedelta(days=rng.randint(10, 200)),
            )
        else:
            status, deliver_by = (
                NeedClaim.Status.ACTIVE,
                today - timedelta(days=rng.randint(1, 5)),
            )
        claims.append(
            NeedClaim(
                need_id=need_id,
                team_id=rng.choice(team_ids),
                quantity=max(1, quantity // rng.choice([1, 2, 3])),
                deliver_by=deliver_by,
                status=status,
            )
        )
    return claims
