"""How much help each site had, and how unevenly help is spread.

``site_coverage`` answers for many sites at once in three aggregate queries
(visits, needs, the sites themselves), so the coverage board and the city
plan can ask about the whole city in one go. A visit counts once it is
accepted (or done) and has started: the calendar's future is not help yet.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from django.db.models import Count, Max, Min, Q, QuerySet, Sum
from django.utils import timezone

from portal.coordination.models import Visit
from portal.sites.models import Need, Site

COUNTED = (Visit.Status.ACCEPTED, Visit.Status.DONE)
OPEN_NEED_STATES = (Need.Status.OPEN, Need.Status.CLAIMED)

# A site's score stops growing after half a year without a visit, and an
# open need after a quarter: beyond that the site is simply neglected.
RECENCY_CAP_DAYS = 180
NEED_AGE_CAP_DAYS = 90
# How many people one visit in a quarter serves before the site wants more.
PEOPLE_PER_VISIT = 25


@dataclass(frozen=True)
class Coverage:
    site_id: int
    visits_30: int
    visits_90: int
    volunteers_30: int
    volunteers_90: int
    days_since_last_visit: int | None
    open_needs: int
    oldest_open_need_days: int | None
    beneficiaries: int | None
    beneficiaries_per_visit: float | None
    neglect: float

    @property
    def never_visited(self) -> bool:
        return self.days_since_last_visit is None


def day_start(day: date) -> datetime:
    """Midnight at the start of a day, Vietnam time."""
    return timezone.make_aware(datetime.combine(day, time.min))


def site_coverage(sites: QuerySet[Site], *, today: date) -> dict[int, Coverage]:
    """Coverage of every site in the queryset, keyed by site id.

    "Last 30 days" are the 30 days ending with ``today``; a site never
    visited has ``days_since_last_visit`` None.
    """
    until = day_start(today + timedelta(days=1))
    since_30 = day_start(today - timedelta(days=29))
    since_90 = day_start(today - timedelta(days=89))

    in_30 = Q(starts_at__gte=since_30)
    in_90 = Q(starts_at__gte=since_90)
    visits = (
        Visit.objects.filter(
            site__in=sites.values("pk"), status__in=COUNTED, starts_at__lt=until
        )
        .order_by()
        .values("site_id")
        .annotate(
            visits_30=Count("pk", filter=in_30),
            visits_90=Count("pk", filter=in_90),
            volunteers_30=Sum("head_count", filter=in_30),
            volunteers_90=Sum("head_count", filter=in_90),
            last=Max("starts_at"),
        )
    )
    by_site = {row["site_id"]: row for row in visits}

    needs = (
        Need.objects.filter(site__in=sites.values("pk"), status__in=OPEN_NEED_STATES)
        .order_by()
        .values("site_id")
        .annotate(count=Count("pk"), oldest=Min("created_at"))
    )
    needs_by_site = {row["site_id"]: row for row in needs}

    # Looked up once: asking for the current time zone per row costs more
    # than the rest of the loop over the city's sites.
    zone = timezone.get_current_timezone()
    result: dict[int, Coverage] = {}
    for site_id, beneficiaries in sites.order_by().values_list(
        "pk", "beneficiary_count"
    ):
        result[site_id] = _coverage(
            site_id,
            beneficiaries,
            by_site.get(site_id),
            needs_by_site.get(site_id),
            today,
            zone,
        )
    return result


def _coverage(
    site_id: int,
    beneficiaries: int | None,
    visits: dict | None,
    needs: dict | None,
    today: date,
    zone: tzinfo,
) -> Coverage:
    visits = visits or {}
    visits_90 = visits.get("visits_90") or 0

    last = visits.get("last")
    days_since = None
    if last is not None:
        days_since = (today - last.astimezone(zone).date()).days

    open_needs = needs["count"] if needs else 0
    oldest = None
    if needs:
        oldest = (today - needs["oldest"].astimezone(zone).date()).days

    per_visit = None
    if beneficiaries and visits_90:
        per_visit = round(beneficiaries / visits_90, 1)

    return Coverage(
        site_id=site_id,
        visits_30=visits.get("visits_30") or 0,
        visits_90=visits_90,
        volunteers_30=visits.get("volunteers_30") or 0,
        volunteers_90=visits.get("volunteers_90") or 0,
        days_since_last_visit=days_since,
        open_needs=open_needs,
        oldest_open_need_days=oldest,
        beneficiaries=beneficiaries,
        beneficiaries_per_visit=per_visit,
        neglect=neglect_score(
            days_since_last_visit=days_since,
            visits_90=visits_90,
            beneficiaries=beneficiaries,
            open_needs=open_needs,
            oldest_open_need_days=oldest,
        ),
    )


def neglect_score(
    *,
    days_since_last_visit: int | None,
    visits_90: int,
    beneficiaries: int | None,
    open_needs: int,
    oldest_open_need_days: int | None,
) -> float:
    """From 0 (well looked after) to 100 (forgotten).

    Weighs how long since the last visit, how few visits the quarter
    brought for the number of people cared for, and how long needs have
    waited.
    """
    if days_since_last_visit is None:
        recency = 1.0
    else:
        recency = min(days_since_last_visit, RECENCY_CAP_DAYS) / RECENCY_CAP_DAYS

    wanted = 1 + (beneficiaries or 0) / PEOPLE_PER_VISIT
    scarcity = max(0.0, 1 - visits_90 / wanted)

    waiting = 0.0
    if open_needs and oldest_open_need_days is not None:
        waiting = min(oldest_open_need_days, NEED_AGE_CAP_DAYS) / NEED_AGE_CAP_DAYS

    return round(100 * (0.45 * recency + 0.35 * scarcity + 0.2 * waiting), 1)


def gini(values: Iterable[float]) -> float:
    """The Gini coefficient: 0 when everyone has the same, near 1 when one
    has everything. Empty input, or nothing at all to share, gives 0."""
    ordered = sorted(float(v) for v in values)
    if any(v < 0 for v in ordered[:1]):
        raise ValueError("gini() takes values that are not negative")
    n = len(ordered)
    total = sum(ordered)
    if n == 0 or total == 0:
        return 0.0
    weighted = sum((i + 1) * v for i, v in enumerate(ordered))
    return round(2 * weighted / (n * total) - (n + 1) / n, 4)
