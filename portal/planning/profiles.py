"""What planning knows about every site, built once and kept in memory.

Suggestions must answer within tens of milliseconds, but a site's coverage
(visits, open needs, how neglected it is) takes aggregate queries over the
whole city. So the facts planning needs are gathered for all sites at once
into a snapshot and kept in this process. The snapshot is rebuilt when the
day changes, when a site, its groups, slots or needs, or a visit changes
(signals bump a generation number in the shared cache, see ``apps.py``),
and at the latest after ``MAX_AGE_S`` for changes made by bulk writes.
"""

import logging
import math
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

import numpy as np
from django.db.models import Count
from django.utils import timezone

from portal.lib.generations import Generation
from portal.planning.geo import EARTH_RADIUS_KM, Point, ward_centres
from portal.sites.models import BeneficiaryGroup, Need, Site, VisitingSlot

logger = logging.getLogger(__name__)

GENERATION = Generation("planning:generation")
MAX_AGE_S = 15 * 60

GROUP_BITS = {
    code: 1 << n for n, (code, _) in enumerate(BeneficiaryGroup.Group.choices)
}
NEED_BITS = {code: 1 << n for n, (code, _) in enumerate(Need.Category.choices)}

# A visiting team is about this many people; a site whose most visitors per
# slot allows two or three such groups takes that many teams per slot.
VISIT_SIZE = 10
MAX_TEAMS_PER_SLOT = 3


@dataclass
class SiteProfile:
    id: int
    name: str
    ward_id: int | None
    ward_name: str
    point: Point | None
    beneficiaries: int
    groups: frozenset[str]
    needs: frozenset[str]
    group_bits: int
    need_bits: int
    open_needs: int
    oldest_open_need_days: int | None
    visits_30: int
    visits_90: int
    days_since_last_visit: int | None
    neglect_raw: float
    # Share of the city's sites that are better off than this one (0..1).
    neglect: float = 0.0
    weekly_slots: int = 0
    max_visitors: int | None = None

    @property
    def weekly_capacity(self) -> int:
        """How many teams the site can take in a week."""
        per_slot = 1
        if self.max_visitors:
            per_slot = max(1, min(MAX_TEAMS_PER_SLOT, self.max_visitors // VISIT_SIZE))
        return max(1, self.weekly_slots) * per_slot


class SiteArrays:
    """The sites' facts as arrays, in the snapshot's order, so that one
    team's scores over the whole city take a few vectorised passes."""

    def __init__(self, sites: list[SiteProfile]) -> None:
        points = [s.point or (math.nan, math.nan) for s in sites]
        coords = np.radians(np.array(points, dtype=float).reshape(-1, 2))
        self.lat = coords[:, 0]
        self.lon = coords[:, 1]
        self.ward = np.array([s.ward_id or -1 for s in sites], dtype=np.int64)
        self.groups = np.array([s.group_bits for s in sites], dtype=np.int64)
        self.needs = np.array([s.need_bits for s in sites], dtype=np.int64)
        self.group_count = np.bitwise_count(self.groups).astype(float)
        self.need_count = np.bitwise_count(self.needs).astype(float)
        self.neglect = np.array([s.neglect for s in sites], dtype=float)

    def km_from(self, centre: Point) -> np.ndarray:
        """Kilometres from a point to every site; NaN without a position."""
        lat, lon = math.radians(centre[0]), math.radians(centre[1])
        # Equirectangular: within a city it is as good as the great circle.
        x = (self.lon - lon) * math.cos(lat)
        y = self.lat - lat
        return np.sqrt(x * x + y * y) * EARTH_RADIUS_KM

    def fit(
        self, group_bits: int, need_bits: int, index: np.ndarray | None = None
    ) -> np.ndarray:
        """``suggestions.fit_score`` for every site (or those indexed)."""
        pick = slice(None) if index is None else index
        groups = np.bitwise_count(self.groups[pick] & group_bits)
        needs = np.bitwise_count(self.needs[pick] & need_bits)
        return 0.6 * groups / np.maximum(
            self.group_count[pick], 1
        ) + 0.4 * needs / np.maximum(self.need_count[pick], 1)


@dataclass
class Snapshot:
    built_on: date
    generation: int
    built_at: float
    sites: list[SiteProfile]
    by_id: dict[int, SiteProfile] = field(default_factory=dict)
    ward_centres: dict[int, Point] = field(default_factory=dict)
    ward_names: dict[int, str] = field(default_factory=dict)
    # Answers computed from this snapshot (see ``suggestions_for``).
    memo: dict = field(default_factory=dict)

    @cached_property
    def arrays(self) -> SiteArrays:
        return SiteArrays(self.sites)


_lock = threading.Lock()
_current: Snapshot | None = None


def generation() -> int:
    return GENERATION.current()


def invalidate() -> None:
    """Make every process rebuild its snapshot on its next use."""
    GENERATION.move_with_commit()


def snapshot(today: date | None = None) -> Snapshot:
    """The current snapshot, rebuilt if it is stale."""
    global _current
    today = today or timezone.localdate()
    gen = generation()
    current = _current
    if _fresh(current, today, gen):
        return current  # type: ignore[return-value]
    with _lock:
        current = _current
        if not _fresh(current, today, gen):
            current = build(today, gen)
            _current = current
    return current


def _fresh(current: Snapshot | None, today: date, gen: int) -> bool:
    return (
        current is not None
        and current.built_on == today
        and current.generation == gen
        and time.monotonic() - current.built_at < MAX_AGE_S
    )


def build(today: date, gen: int = 0) -> Snapshot:
    from portal.coordination.coverage import site_coverage

    started = time.monotonic()
    rows = list(
        Site.objects.values_list(
            "pk",
            "name",
            "ward_id",
            "ward__name",
            "latitude",
            "longitude",
            "beneficiary_count",
            "max_visitors_per_slot",
        )
    )
    groups: dict[int, set[str]] = {}
    for site_id, group in BeneficiaryGroup.objects.values_list("site_id", "group"):
        groups.setdefault(site_id, set()).add(group)
    needs: dict[int, set[str]] = {}
    open_needs = Need.objects.filter(status=Need.Status.OPEN)
    for site_id, category in open_needs.values_list("site_id", "category"):
        needs.setdefault(site_id, set()).add(category)
    slots = dict(
        VisitingSlot.objects.values("site_id")
        .annotate(n=Count("pk"))
        .values_list("site_id", "n")
    )
    coverage = site_coverage(Site.objects.all(), today=today)

    sites = []
    for pk, name, ward_id, ward_name, lat, lon, people, most in rows:
        facts = coverage.get(pk)
        site_groups = frozenset(groups.get(pk, ()))
        site_needs = frozenset(needs.get(pk, ()))
        sites.append(
            SiteProfile(
                id=pk,
                name=name,
                ward_id=ward_id,
                ward_name=ward_name or "",
                point=(float(lat), float(lon))
                if lat is not None and lon is not None
                else None,
                beneficiaries=people or 0,
                groups=site_groups,
                needs=site_needs,
                group_bits=sum(GROUP_BITS.get(g, 0) for g in site_groups),
                need_bits=sum(NEED_BITS.get(n, 0) for n in site_needs),
                open_needs=getattr(facts, "open_needs", 0) or 0,
                oldest_open_need_days=getattr(facts, "oldest_open_need_days", None),
                visits_30=getattr(facts, "visits_30", 0) or 0,
                visits_90=getattr(facts, "visits_90", 0) or 0,
                days_since_last_visit=getattr(facts, "days_since_last_visit", None),
                neglect_raw=float(getattr(facts, "neglect", 0) or 0),
                weekly_slots=slots.get(pk, 0),
                max_visitors=most,
            )
        )
    _rank_neglect(sites)

    result = Snapshot(
        built_on=today,
        generation=gen,
        built_at=time.monotonic(),
        sites=sites,
        by_id={s.id: s for s in sites},
        ward_centres=ward_centres((s.ward_id, s.point) for s in sites),
        ward_names={s.ward_id: s.ward_name for s in sites if s.ward_id},
    )
    result.arrays  # noqa: B018 - built here so that no request waits for it
    logger.info(
        "planning snapshot of %s sites built in %.0f ms",
        len(sites),
        (time.monotonic() - started) * 1000,
    )
    return result


def _rank_neglect(sites: list[SiteProfile]) -> None:
    """Turn the coverage's neglect score into a share of the city (0..1).

    Ranks rather than raw scores, so that suggestions and the plan weigh
    neglect the same way whatever scale the coverage uses. A site's share
    is that of the other sites strictly better off, so equal sites get
    equal shares (all 0 when no site has had any help yet).
    """
    ordered = sorted(sites, key=lambda s: s.neglect_raw)
    count = len(ordered)
    below = 0
    for n, site in enumerate(ordered):
        if n and site.neglect_raw != ordered[n - 1].neglect_raw:
            below = n
        site.neglect = below / (count - 1) if count > 1 else 0.0


def forget() -> None:
    """Drop this process's snapshot (tests roll the database back under it)."""
    global _current
    _current = None
