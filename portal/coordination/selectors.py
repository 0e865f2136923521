"""Reads for calendars, inboxes and what is left of needs."""

import calendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import QuerySet, Sum
from django.utils import timezone

from portal.access.policy import Action, can, managed, visible
from portal.coordination.coverage import day_start
from portal.coordination.models import NeedClaim, Visit
from portal.sites.models import Need, Site
from portal.teams.models import Team

ON_CALENDAR = (Visit.Status.PENDING, Visit.Status.ACCEPTED)


@dataclass
class CalendarDay:
    day: date
    in_month: bool
    visits: list[Visit]
    slots: list[Any]


def calendar_visits(user: Any, site: Site, start: date, end: date) -> list[Visit]:
    """Pending and accepted visits to a site from ``start`` to ``end``
    (exclusive). Everyone who may see the site's private details sees the
    whole calendar; others see what the access rules make public."""
    qs = Visit.objects.filter(
        site=site,
        status__in=ON_CALENDAR,
        starts_at__gte=day_start(start),
        starts_at__lt=day_start(end),
    ).select_related("team")
    if not can(user, Action.VIEW_PRIVATE, site) or not user.is_authenticated:
        qs = visible(user, qs)
    return list(qs.order_by("starts_at"))


def calendar_days(
    user: Any, site: Site, *, view: str, around: date
) -> tuple[list[CalendarDay], date, date]:
    """The days of the week or month around a date, with their visits and
    the site's visiting slots; returns (days, previous, next)."""
    if view == "month":
        first = around.replace(day=1)
        start = first - timedelta(days=first.weekday())
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        end = last + timedelta(days=7 - last.weekday())
        previous = (first - timedelta(days=1)).replace(day=1)
        following = last + timedelta(days=1)
    else:
        start = around - timedelta(days=around.weekday())
        end = start + timedelta(days=7)
        previous, following = start - timedelta(days=7), end
        first = None

    by_day: dict[date, list[Visit]] = defaultdict(list)
    for visit in calendar_visits(user, site, start, end):
        by_day[timezone.localtime(visit.starts_at).date()].append(visit)
    slots_by_weekday: dict[int, list[Any]] = defaultdict(list)
    for slot in site.slots.all():
        slots_by_weekday[slot.weekday].append(slot)

    days = []
    day = start
    while day < end:
        days.append(
            CalendarDay(
                day=day,
                in_month=first is None or day.month == first.month,
                visits=by_day.get(day, []),
                slots=slots_by_weekday.get(day.weekday(), []),
            )
        )
        day += timedelta(days=1)
    return days, previous, following


def teams_user_acts_for(user: Any) -> QuerySet[Team]:
    """Teams the person may ask visits and claim needs for."""
    return managed(user, Team, Action.CHANGE).filter(
        status=Team.Status.ACTIVE,
        verification__in=[Team.Verification.AWAITING, Team.Verification.VERIFIED],
    )


def sites_user_answers_for(user: Any) -> QuerySet[Site]:
    return managed(user, Site, Action.CHANGE)


def visits_to_answer(user: Any) -> QuerySet[Visit]:
    """Visits waiting for an answer at the sites the person speaks for."""
    return (
        Visit.objects.filter(
            site__in=sites_user_answers_for(user).values("pk"),
            status=Visit.Status.PENDING,
        )
        .select_related("site", "team")
        .order_by("starts_at")
    )


def claims_to_confirm(user: Any) -> QuerySet[NeedClaim]:
    return (
        NeedClaim.objects.filter(
            need__site__in=sites_user_answers_for(user).values("pk"),
            status=NeedClaim.Status.ACTIVE,
        )
        .select_related("need__site", "team")
        .order_by("deliver_by")
    )


def team_visits(user: Any) -> QuerySet[Visit]:
    """Coming and recent visits of the person's own teams."""
    since = timezone.now() - timedelta(days=30)
    return (
        Visit.objects.filter(
            team__in=teams_user_acts_for(user).values("pk"), starts_at__gte=since
        )
        .select_related("site", "team")
        .order_by("starts_at")
    )


def team_claims(user: Any) -> QuerySet[NeedClaim]:
    since = timezone.localdate() - timedelta(days=30)
    return (
        NeedClaim.objects.filter(
            team__in=teams_user_acts_for(user).values("pk"), deliver_by__gte=since
        )
        .select_related("need__site", "team")
        .order_by("deliver_by")
    )


@dataclass(frozen=True)
class NeedLeft:
    need: Need
    promised: int
    delivered: int
    left: int | None
    # Promises this person may see (other teams' at protected sites are not).
    claims: list[NeedClaim]
    taken: bool

    @property
    def open_to_claims(self) -> bool:
        if self.need.status not in (Need.Status.OPEN, Need.Status.CLAIMED):
            return False
        if self.left is None:
            return not self.taken
        return self.left > 0


def needs_left(user: Any, needs: Iterable[Need]) -> list[NeedLeft]:
    """What is still unclaimed of each need, with the promises the person
    may see, in two queries."""
    needs = list(needs)
    ids = [n.pk for n in needs]
    totals: dict[tuple[int, str], int] = {
        (row["need_id"], row["status"]): row["total"] or 0
        for row in NeedClaim.objects.filter(
            need_id__in=ids,
            status__in=[NeedClaim.Status.ACTIVE, NeedClaim.Status.DELIVERED],
        )
        .order_by()
        .values("need_id", "status")
        .annotate(total=Sum("quantity"))
    }
    shown: dict[int, list[NeedClaim]] = defaultdict(list)
    for claim in visible(
        user,
        NeedClaim.objects.filter(
            need_id__in=ids,
            status__in=[NeedClaim.Status.ACTIVE, NeedClaim.Status.DELIVERED],
        ).select_related("team"),
    ):
        shown[claim.need_id].append(claim)
    has_claim = set(
        NeedClaim.objects.filter(
            need_id__in=ids,
            status__in=[NeedClaim.Status.ACTIVE, NeedClaim.Status.DELIVERED],
        ).values_list("need_id", flat=True)
    )

    result = []
    for need in needs:
        promised = totals.get((need.pk, NeedClaim.Status.ACTIVE), 0)
        delivered = totals.get((need.pk, NeedClaim.Status.DELIVERED), 0)
        left = None
        if need.quantity is not None:
            left = max(0, need.quantity - promised - delivered)
        result.append(
            NeedLeft(
                need=need,
                promised=promised,
                delivered=delivered,
                left=left,
                claims=shown.get(need.pk, []),
                taken=need.pk in has_claim,
            )
        )
    return result
