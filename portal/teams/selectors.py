"""Reading teams: search, filters and duplicate candidates."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from portal.access.policy import visible
from portal.lib.search import name_or_phone
from portal.teams.models import Team


@dataclass(frozen=True)
class TeamFilters:
    """What people narrow the team list by; empty values mean "any"."""

    text: str = ""
    ward: int | None = None
    field: str = ""
    unit: str = ""
    verification: str = ""
    inside_union: bool | None = None
    status: str = ""

    @classmethod
    def from_params(cls, params: Any) -> "TeamFilters":
        inside = params.get("inside_union", "")
        ward = params.get("ward", "")
        return cls(
            text=params.get("search", params.get("q", ""))[:100],
            ward=int(ward) if str(ward).isdigit() else None,
            field=params.get("field", "")[:40],
            unit=params.get("unit", "")[:40],
            verification=params.get("verification", "")[:10],
            inside_union={"true": True, "false": False}.get(str(inside).lower()),
            status=params.get("status", "")[:10],
        )


def filter_teams(qs: QuerySet[Team], filters: TeamFilters) -> QuerySet[Team]:
    if filters.ward:
        qs = qs.filter(Q(ward_id=filters.ward) | Q(area_wards=filters.ward))
    if filters.field:
        qs = qs.filter(fields__code=filters.field)
    if filters.unit:
        qs = qs.filter(unit__code=filters.unit)
    if filters.verification:
        qs = qs.filter(verification=filters.verification)
    if filters.inside_union is not None:
        qs = qs.filter(inside_union=filters.inside_union)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.text:
        qs = name_or_phone(qs, filters.text)
    return qs.distinct() if filters.ward or filters.field else qs


def search_teams(user: Any, filters: TeamFilters) -> QuerySet[Team]:
    """Teams the user may see, narrowed by the filters, by name."""
    qs = visible(user, Team).select_related("unit", "ward")
    return filter_teams(qs, filters).order_by("name", "pk")


def public_directory(filters: TeamFilters) -> QuerySet[Team]:
    """Verified teams, for "is this group registered, and with whom?"."""
    qs = Team.objects.filter(verification=Team.Verification.VERIFIED)
    qs = qs.select_related("unit", "ward")
    return filter_teams(qs, filters).order_by("name", "pk")


def possible_duplicates(team: Team) -> QuerySet[Team]:
    """Other teams with the same folded name in the same ward, or same phone."""
    team.refresh_derived()
    same_name = Q(name_folded=team.name_folded, ward_id=team.ward_id)
    condition = same_name | Q(phone=team.phone) if team.phone else same_name
    return Team.objects.filter(condition).exclude(pk=team.pk).select_related("unit")
