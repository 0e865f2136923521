"""What the public pages read: needs, channels and a team's public face."""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, F, IntegerField, QuerySet, Value, When

from portal.access.policy import visible
from portal.places.models import CommunityChannel, Ward
from portal.sites.models import Need, Site
from portal.teams.models import Team
from portal.units.models import Unit

# Needs that someone can still help with; fulfilled and withdrawn ones
# would only send people to bring what is no longer wanted.
STILL_WANTED = [Need.Status.OPEN, Need.Status.CLAIMED]

_URGENCY_ORDER = Case(
    When(urgency=Need.Urgency.CRITICAL, then=Value(0)),
    When(urgency=Need.Urgency.HIGH, then=Value(1)),
    When(urgency=Need.Urgency.NORMAL, then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)


def open_needs(user: Any, site: Site) -> QuerySet[Need]:
    """The site's needs still wanted, the most urgent and soonest first."""
    qs = visible(user, Need).filter(site=site, status__in=STILL_WANTED)
    return qs.annotate(urgency_rank=_URGENCY_ORDER).order_by(
        "urgency_rank", F("due_date").asc(nulls_last=True), "-created_at"
    )


def unit_chain(unit: Unit) -> list[Unit]:
    """The managing unit and the units above it, nearest first."""
    return [unit, *reversed(list(unit.ancestors()))]


def web_links(team: Team) -> list[str]:
    """The team's contact addresses that are safe to show as links."""
    links: list[str] = []
    for item in team.links or []:
        address = item.get("url", "") if isinstance(item, dict) else str(item)
        address = address.strip()
        if address.lower().startswith(("https://", "http://")):
            links.append(address)
    return links


@dataclass(frozen=True)
class ChannelGroup:
    """The channels for one ward, or for areas not tied to a ward."""

    ward: Ward | None
    channels: list[CommunityChannel]


def channels_by_ward(user: Any, ward_code: int | None = None) -> list[ChannelGroup]:
    """Listed channels grouped by ward, ward names in order, the rest last."""
    qs = visible(user, CommunityChannel).prefetch_related("wards").order_by("name")
    if ward_code:
        qs = qs.filter(wards=ward_code)

    by_ward: dict[Ward, list[CommunityChannel]] = defaultdict(list)
    elsewhere: list[CommunityChannel] = []
    for channel in qs:
        wards = list(channel.wards.all())
        if not wards:
            elsewhere.append(channel)
        for ward in wards:
            if ward_code is None or ward.code == ward_code:
                by_ward[ward].append(channel)

    groups = [
        ChannelGroup(ward, by_ward[ward])
        for ward in sorted(by_ward, key=lambda w: w.name_folded)
    ]
    if elsewhere:
        groups.append(ChannelGroup(None, elsewhere))
    return groups


def wards_with_channels(user: Any) -> QuerySet[Ward]:
    listed = visible(user, CommunityChannel).values("pk")
    return Ward.objects.filter(channels__in=listed).distinct().order_by("name")
