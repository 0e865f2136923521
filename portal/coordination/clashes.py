"""What a visit clashes with at its site.

The site's own limits (its weekly visiting slots, its most visitors at
once) are errors: a visit that breaks them cannot be asked for or accepted.
Another team coming the same day for the same purpose is a warning: the
team may still ask, and the site decides.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from portal.coordination.errors import OutsideVisitingHours, OverVisitorLimit
from portal.coordination.models import Visit
from portal.core.errors import PortalError
from portal.sites.models import Site, VisitingSlot


@dataclass
class Clashes:
    blocking: list[PortalError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _when(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")


def _slot_text(slot: VisitingSlot) -> str:
    return f"{slot.get_weekday_display()} {slot.starts_at:%H:%M}-{slot.ends_at:%H:%M}"


def _team_name(visit: Visit) -> str:
    return visit.team.name if visit.team_id else _("a team")


def same_day_visits(site: Site, day: date, *, exclude: int | None) -> list[Visit]:
    """Pending and accepted visits to the site on that day (Vietnam time)."""
    start = timezone.make_aware(datetime.combine(day, datetime.min.time()))
    qs = Visit.objects.filter(
        site=site,
        starts_at__gte=start,
        starts_at__lt=start + timedelta(days=1),
        status__in=[Visit.Status.PENDING, Visit.Status.ACCEPTED],
    ).select_related("team")
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    return list(qs)


def find_clashes(
    *,
    site: Site,
    starts_at: datetime,
    ends_at: datetime,
    head_count: int,
    purpose: str,
    team_id: int | None,
    exclude: int | None = None,
) -> Clashes:
    """Everything the visit clashes with, blocking errors first."""
    clashes = Clashes()
    start = timezone.localtime(starts_at)
    end = timezone.localtime(ends_at)
    slots = list(site.slots.all())

    slot = _fitting_slot(slots, start, end)
    if slots and slot is None:
        clashes.blocking.append(
            OutsideVisitingHours(
                _(
                    "%(site)s welcomes visitors only at: %(slots)s. "
                    "The visit from %(start)s to %(end)s is outside them."
                )
                % {
                    "site": site.name,
                    "slots": "; ".join(_slot_text(s) for s in slots),
                    "start": _when(starts_at),
                    "end": end.strftime("%H:%M"),
                },
                field="starts_at",
            )
        )

    others = same_day_visits(site, start.date(), exclude=exclude)
    limit_error = _over_limit(site, slot, start, end, head_count, others)
    if limit_error is not None:
        clashes.blocking.append(limit_error)

    for other in others:
        if other.purpose == purpose and other.team_id != team_id:
            clashes.warnings.append(
                _(
                    "%(team)s is already coming on %(when)s for the same purpose "
                    "(%(purpose)s, %(status)s)."
                )
                % {
                    "team": _team_name(other),
                    "when": _when(other.starts_at),
                    "purpose": other.get_purpose_display(),
                    "status": other.get_status_display().lower(),
                }
            )
    return clashes


def _fitting_slot(
    slots: list[VisitingSlot], start: datetime, end: datetime
) -> VisitingSlot | None:
    if start.date() != end.date():
        return None
    for slot in slots:
        if (
            slot.weekday == start.weekday()
            and slot.starts_at <= start.time()
            and end.time() <= slot.ends_at
        ):
            return slot
    return None


def _over_limit(
    site: Site,
    slot: VisitingSlot | None,
    start: datetime,
    end: datetime,
    head_count: int,
    others: list[Visit],
) -> OverVisitorLimit | None:
    """Accepted visitors in the same slot (or at the same time, for a site
    with no slots) plus this visit, against the site's limit."""
    limit = site.max_visitors_per_slot
    if not limit:
        return None

    if slot is not None:
        window_start = start.replace(
            hour=slot.starts_at.hour, minute=slot.starts_at.minute, second=0
        )
        window_end = start.replace(
            hour=slot.ends_at.hour, minute=slot.ends_at.minute, second=0
        )
        window = _("the slot %(slot)s on %(day)s") % {
            "slot": _slot_text(slot),
            "day": start.strftime("%d/%m/%Y"),
        }
    else:
        window_start, window_end = start, end
        window = _("%(start)s to %(end)s") % {
            "start": _when(start),
            "end": end.strftime("%H:%M"),
        }

    accepted = [
        v
        for v in others
        if v.status == Visit.Status.ACCEPTED
        and v.starts_at < window_end
        and v.ends_at > window_start
    ]
    already = sum(v.head_count for v in accepted)
    if already + head_count <= limit:
        return None

    if accepted:
        who = ", ".join(f"{_team_name(v)} ({v.head_count})" for v in accepted)
        message = _(
            "%(site)s takes at most %(limit)s visitors at once. In %(window)s "
            "it already expects %(already)s (%(who)s); with your %(count)s "
            "that would be %(total)s."
        ) % {
            "site": site.name,
            "limit": limit,
            "window": window,
            "already": already,
            "who": who,
            "count": head_count,
            "total": already + head_count,
        }
    else:
        message = _(
            "%(site)s takes at most %(limit)s visitors at once; %(count)s is too many."
        ) % {"site": site.name, "limit": limit, "count": head_count}
    return OverVisitorLimit(message, field="head_count")
