"""Reading sites: search, filters, duplicate candidates and the map."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from portal.access.policy import visible
from portal.lib.search import name_or_phone
from portal.sites.models import Need, Site


@dataclass(frozen=True)
class SiteFilters:
    """What people narrow the site list by; empty values mean "any"."""

    text: str = ""
    ward: int | None = None
    category: str = ""
    unit: str = ""
    group: str = ""
    has_open_needs: bool | None = None

    @classmethod
    def from_params(cls, params: Any) -> "SiteFilters":
        ward = params.get("ward", "")
        needs = str(params.get("has_open_needs", "")).lower()
        return cls(
            text=params.get("search", params.get("q", ""))[:100],
            ward=int(ward) if str(ward).isdigit() else None,
            category=params.get("category", "")[:20],
            unit=params.get("unit", "")[:40],
            group=params.get("group", "")[:20],
            has_open_needs={"true": True, "false": False}.get(needs),
        )


def with_open_needs_flag(qs: QuerySet[Site]) -> QuerySet[Site]:
    open_needs = Need.objects.filter(site=OuterRef("pk"), status=Need.Status.OPEN)
    return qs.annotate(has_open_needs=Exists(open_needs))


def filter_sites(qs: QuerySet[Site], filters: SiteFilters) -> QuerySet[Site]:
    if filters.ward:
        qs = qs.filter(ward_id=filters.ward)
    if filters.category:
        qs = qs.filter(category=filters.category)
    if filters.unit:
        qs = qs.filter(unit__code=filters.unit)
    if filters.group:
        qs = qs.filter(groups__group=filters.group)
    qs = with_open_needs_flag(qs)
    if filters.has_open_needs is not None:
        qs = qs.filter(has_open_needs=filters.has_open_needs)
    if filters.text:
        qs = name_or_phone(qs, filters.text)
    return qs


def search_sites(user: Any, filters: SiteFilters) -> QuerySet[Site]:
    """Sites the user may see, narrowed by the filters, by name."""
    qs = visible(user, Site).select_related("unit", "ward")
    return filter_sites(qs, filters).order_by("name", "pk")


def possible_duplicates(site: Site) -> QuerySet[Site]:
    """Other sites with the same folded name in the same ward, or same phone."""
    site.refresh_derived()
    same_name = Q(name_folded=site.name_folded, ward_id=site.ward_id)
    condition = same_name | Q(phone=site.phone) if site.phone else same_name
    return Site.objects.filter(condition).exclude(pk=site.pk).select_related("unit")
