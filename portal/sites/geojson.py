"""The map's GeoJSON of sites, built in one pass and kept in the cache.

The map asks for every site at once (3,000 for the city), so the answer
is built from one ``values_list`` query and one ``json.dumps``, then kept
in Django's cache (Redis in production) under a key naming its audience
and filters. Any change to a site, its groups or its needs bumps a
version number kept in the cache; the keys carry that number, so stale
answers are never read again and simply expire.

Audiences differ only in which protected sites they may place on the map:
none for the public; all of them for those who may see every protected
site; for a site's own contact, the public ones plus their own.
"""

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse

from portal.access.policy import Action, can, scope_of, visible
from portal.core.signals import rows_written_in_bulk
from portal.lib.generations import Generation
from portal.sites.models import BeneficiaryGroup, Need, Site
from portal.sites.selectors import with_open_needs_flag

logger = logging.getLogger(__name__)

VERSION = Generation("sites-geojson:version")
# Writes made where the signals are not connected (bulk loads, other
# processes without a shared cache) show at the latest after this long.
TIMEOUT_S = 15 * 60


@dataclass(frozen=True)
class MapFilters:
    category: str = ""
    ward: int | None = None
    has_open_needs: bool = False

    @classmethod
    def from_params(cls, params: Any) -> "MapFilters":
        ward = str(params.get("ward", ""))
        needs = str(params.get("has_open_needs", "")).lower()
        category = str(params.get("category", ""))
        if category and category not in Site.Category.values:
            # Matches no site, and keeps odd text out of the cache key.
            category = "-"
        return cls(
            category=category,
            ward=int(ward) if ward.isdigit() and len(ward) < 10 else None,
            has_open_needs=needs == "true",
        )

    def key(self) -> str:
        return f"{self.category}:{self.ward or ''}:{int(self.has_open_needs)}"


@dataclass(frozen=True)
class Audience:
    """Which protected sites may be placed on the map."""

    all_protected: bool = False
    own_protected: tuple[int, ...] = ()

    def key(self) -> str:
        if self.all_protected:
            return "private"
        if self.own_protected:
            return "sites-" + "-".join(map(str, self.own_protected))
        return "public"


def audience_of(user: Any) -> Audience:
    # The policy decides; these probes ask it about a protected site that
    # is nobody's own, then about each of the user's own sites.
    if can(user, Action.VIEW_PRIVATE, Site(pk=0, is_protected=True)):
        return Audience(all_protected=True)
    own = sorted(
        pk
        for pk in scope_of(user).site_ids
        if can(user, Action.VIEW_PRIVATE, Site(pk=pk, is_protected=True))
    )
    return Audience(own_protected=tuple(own))


def sites_geojson(user: Any, filters: MapFilters) -> bytes:
    """The FeatureCollection for this user and filters, as UTF-8 JSON."""
    audience = audience_of(user)
    key = f"sites-geojson:{VERSION.current()}:{audience.key()}:{filters.key()}"
    body = cache.get(key)
    if body is None:
        body = build(audience, filters)
        cache.set(key, body, TIMEOUT_S)
    return body


def build(audience: Audience, filters: MapFilters) -> bytes:
    # Every audience starts from the rows the public may see, so that one
    # cached answer never depends on a single user's scope.
    qs = visible(AnonymousUser(), Site).filter(
        latitude__isnull=False, longitude__isnull=False
    )
    if not audience.all_protected:
        qs = qs.filter(Q(is_protected=False) | Q(pk__in=audience.own_protected))
    if filters.category:
        qs = qs.filter(category=filters.category)
    if filters.ward:
        qs = qs.filter(ward_id=filters.ward)
    qs = with_open_needs_flag(qs)
    if filters.has_open_needs:
        qs = qs.filter(has_open_needs=True)

    rows = qs.order_by("pk").values_list(
        "pk", "name", "category", "ward__name", "longitude", "latitude",
        "has_open_needs",
    )  # fmt: skip
    collection = {"type": "FeatureCollection", "features": list(_features(rows))}
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode()


def _features(rows: Iterable[tuple[Any, ...]]) -> Iterable[dict[str, Any]]:
    # Reverse once and fill the id in: a reverse per feature would cost
    # more than the rest of the feature.
    site_url = reverse("directory:site", args=[0]).replace("/0/", "/{}/")
    for pk, name, category, ward, lng, lat, has_open_needs in rows:
        yield {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(lng), float(lat)]},
            "properties": {
                "id": pk,
                "name": name,
                "category": category,
                "ward": ward or "",
                "has_open_needs": bool(has_open_needs),
                "url": site_url.format(pk),
            },
        }


def forget() -> None:
    """Make every cached GeoJSON stale."""
    VERSION.move()


@receiver(rows_written_in_bulk, sender=Site, dispatch_uid="geojson-sites-written")
@receiver(post_save, sender=Site, dispatch_uid="geojson-site-saved")
@receiver(post_delete, sender=Site, dispatch_uid="geojson-site-deleted")
@receiver(post_save, sender=Need, dispatch_uid="geojson-need-saved")
@receiver(post_delete, sender=Need, dispatch_uid="geojson-need-deleted")
@receiver(post_save, sender=BeneficiaryGroup, dispatch_uid="geojson-group-saved")
@receiver(post_delete, sender=BeneficiaryGroup, dispatch_uid="geojson-group-gone")
def _site_changed(**kwargs: Any) -> None:
    VERSION.move_with_commit()
