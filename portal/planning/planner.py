"""The city plan: inputs from the database, pairs, the solver, the spread.

Who takes part: teams that are active and verified, and every site (or the
most neglected share of them, when the coordinator narrows the plan).

Capacities, per week of the plan (a longer campaign multiplies them):

- a team makes one visit a week, one more for every 50 members, at most 3;
- a site takes one team per visiting slot (one slot when it has written
  none), two or three when its most visitors per slot allows groups of
  ``VISIT_SIZE`` that many times (see ``SiteProfile.weekly_capacity``);
- visits already asked for or accepted in those days use capacity up.

Pairs: each team is offered the ``CANDIDATES`` sites nearest to the centre
of its wards within ``MAX_KM``, and every site inside its wards (a team
that named no ward, the most neglected sites). A pair
costs its distance (one point per 100 m) plus up to ``FIT_COST`` points for
a poor fit. A site's first visit is worth far more than any pair can cost,
so the plan first reaches as many sites as it can, the most neglected
first; later visits to the same site are worth less and less.
"""

import logging
import math
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock

import numpy as np
from django.utils import timezone

from portal.coordination.coverage import gini
from portal.planning.geo import EARTH_RADIUS_KM, area_centre
from portal.planning.profiles import (
    VISIT_SIZE,
    SiteArrays,
    SiteProfile,
    Snapshot,
    snapshot,
)
from portal.planning.solver import assign_arrays
from portal.planning.suggestions import TeamArea, fit_score
from portal.teams.models import Team

logger = logging.getLogger(__name__)

CANDIDATES = 15
MAX_KM = 20.0
UNKNOWN_KM = 10.0
FIT_COST = 100
# More than any one pair can cost (MAX_KM * 10 + FIT_COST): reaching one
# more site beats any cheaper pairing of the same visits.
FIRST_VISIT = 5_000
NEGLECT_POINTS = 1000
MAX_TEAM_VISITS_PER_WEEK = 3
MEMBERS_PER_EXTRA_VISIT = 50


def team_weekly_capacity(member_count: int | None) -> int:
    extra = (member_count or 0) // MEMBERS_PER_EXTRA_VISIT
    return min(MAX_TEAM_VISITS_PER_WEEK, 1 + extra)


def most_neglected_share(sites: list[SiteProfile], percent: int) -> list[SiteProfile]:
    """The given share of sites, the most neglected first (ties by id)."""
    if percent >= 100:
        return list(sites)
    count = math.ceil(len(sites) * percent / 100)
    ranked = sorted(sites, key=lambda s: (-s.neglect_raw, s.id))
    return ranked[:count]


def site_rewards(site: SiteProfile, capacity: int) -> list[int]:
    """What each further visit to the site is worth, never growing."""
    points = round(site.neglect * NEGLECT_POINTS)
    rewards = [FIRST_VISIT + points]
    for k in range(2, capacity + 1):
        rewards.append(max(1, points // k))
    return rewards[:capacity]


@dataclass(frozen=True)
class TeamInput:
    id: int
    member_count: int | None
    area: TeamArea


@dataclass(frozen=True)
class PlannedVisit:
    team_id: int
    site_id: int
    distance_km: float | None
    neglect: float
    fit: float
    head_count: int


@dataclass
class PlanResult:
    visits: list[PlannedVisit] = field(default_factory=list)
    team_count: int = 0
    site_count: int = 0
    covered_sites: int = 0
    gini_before: float | None = None
    gini_with_plan: float | None = None
    load_ms: float = 0.0
    solve_ms: float = 0.0


def load_teams(snap: Snapshot) -> list[TeamInput]:
    """Active, verified teams with their fields and wards: three queries."""
    teams = Team.objects.filter(
        status=Team.Status.ACTIVE, verification=Team.Verification.VERIFIED
    )
    rows = list(teams.values_list("pk", "member_count", "ward_id"))
    fields: dict[int, set[str]] = {}
    through = Team.fields.through.objects.filter(team__in=teams)
    for team_id, code in through.values_list("team_id", "field__code"):
        fields.setdefault(team_id, set()).add(code)
    wards: dict[int, set[int]] = {}
    area = Team.area_wards.through.objects.filter(team__in=teams)
    for team_id, ward_id in area.values_list("team_id", "ward_id"):
        wards.setdefault(team_id, set()).add(ward_id)

    centres: dict[frozenset[int], object] = {}
    result = []
    for pk, members, ward_id in rows:
        ward_ids = wards.get(pk, set())
        if ward_id:
            ward_ids = ward_ids | {ward_id}
        key = frozenset(ward_ids)
        if key not in centres:
            centres[key] = area_centre(key, snap.ward_centres)
        area = TeamArea(
            team_id=pk,
            field_codes=frozenset(fields.get(pk, ())),
            ward_ids=key,
            centre=centres[key],  # type: ignore[arg-type]
        )
        result.append(TeamInput(id=pk, member_count=members, area=area))
    return result


def booked(starts_on: date, ends_on: date) -> tuple[Counter, Counter]:
    """Visits already asked for or accepted in the plan's days, per team
    and per site."""
    from portal.coordination.models import Visit

    tz = timezone.get_current_timezone()
    start = datetime.combine(starts_on, clock.min, tzinfo=tz)
    end = datetime.combine(ends_on + timedelta(days=1), clock.min, tzinfo=tz)
    rows = Visit.objects.filter(
        starts_at__gte=start,
        starts_at__lt=end,
        status__in=["pending", "accepted", "proposed"],
    ).values_list("team_id", "site_id")
    per_team: Counter = Counter()
    per_site: Counter = Counter()
    for team_id, site_id in rows:
        if team_id:
            per_team[team_id] += 1
        per_site[site_id] += 1
    return per_team, per_site


class _Nearest:
    """The sites nearest to a point, found with one vectorised pass."""

    def __init__(self, sites: list[SiteProfile]) -> None:
        self.indexes = np.array(
            [n for n, s in enumerate(sites) if s.point is not None], dtype=np.int64
        )
        points = [sites[n].point for n in self.indexes]
        coords = np.radians(np.array(points, dtype=float).reshape(-1, 2))
        self.lat = coords[:, 0]
        self.lon = coords[:, 1]
        self.position = {int(site): n for n, site in enumerate(self.indexes)}

    def distances(
        self, centre: tuple[float, float] | None, sites: list[int]
    ) -> list[float]:
        """Kilometres from the centre to each site; NaN where unknown."""
        if centre is None or not sites:
            return [math.nan] * len(sites)
        km = self._km(centre)
        return [
            float(km[self.position[s]]) if s in self.position else math.nan
            for s in sites
        ]

    def _km(self, centre: tuple[float, float]) -> np.ndarray:
        lat, lon = math.radians(centre[0]), math.radians(centre[1])
        # Equirectangular: within a city it is as good as the great circle.
        x = (self.lon - lon) * math.cos(lat)
        y = self.lat - lat
        return np.sqrt(x * x + y * y) * EARTH_RADIUS_KM

    def around(self, centre: tuple[float, float]) -> list[tuple[int, float]]:
        if not len(self.indexes):
            return []
        km = self._km(centre)
        count = min(CANDIDATES, len(km))
        nearest = np.argpartition(km, count - 1)[:count]
        return [
            (int(self.indexes[i]), float(km[i])) for i in nearest if km[i] <= MAX_KM
        ]


def compute(
    *,
    starts_on: date,
    ends_on: date,
    focus_percent: int = 100,
    today: date | None = None,
) -> PlanResult:
    started = time.monotonic()
    snap = snapshot(today)
    teams = load_teams(snap)
    team_booked, site_booked = booked(starts_on, ends_on)
    loaded = time.monotonic()

    weeks = max(1, math.ceil(((ends_on - starts_on).days + 1) / 7))
    sites = most_neglected_share(snap.sites, focus_percent)
    rewards = []
    for site in sites:
        free = site.weekly_capacity * weeks - site_booked.get(site.id, 0)
        rewards.append(site_rewards(site, max(0, free)))

    by_ward: dict[int, list[int]] = {}
    for n, site in enumerate(sites):
        if site.ward_id is not None:
            by_ward.setdefault(site.ward_id, []).append(n)
    nearest = _Nearest(sites)
    most_neglected = sorted(range(len(sites)), key=lambda n: -sites[n].neglect)
    bits = SiteArrays(sites)
    reach: dict[frozenset[int], _Reach] = {}
    costs: dict[tuple[frozenset[int], int, int], np.ndarray] = {}

    capacity = np.zeros(len(teams), dtype=np.int64)
    pair_team, pair_site, pair_cost = [], [], []
    for t, team in enumerate(teams):
        free = team_weekly_capacity(team.member_count) * weeks
        capacity[t] = max(0, free - team_booked.get(team.id, 0))
        area = team.area
        if area.ward_ids not in reach:
            reach[area.ward_ids] = _reach(area, sites, by_ward, nearest, most_neglected)
        near = reach[area.ward_ids]
        key = (area.ward_ids, area.group_bits, area.need_bits)
        if key not in costs:
            fit = bits.fit(area.group_bits, area.need_bits, near.sites)
            costs[key] = np.rint(near.cost_km * 10) + np.rint((1 - fit) * FIT_COST)
        pair_team.append(np.full(len(near.sites), t, dtype=np.int64))
        pair_site.append(near.sites)
        pair_cost.append(costs[key])

    pair_sites = _joined(pair_site)
    chosen = assign_arrays(
        team_capacity=capacity,
        site_rewards=rewards,
        pair_team=_joined(pair_team),
        pair_site=pair_sites,
        pair_cost=_joined(pair_cost),
    )
    solved = time.monotonic()

    result = PlanResult(team_count=len(teams), site_count=len(sites))
    chosen_teams = _joined(pair_team)[chosen]
    for t, s in zip(chosen_teams.tolist(), pair_sites[chosen].tolist(), strict=True):
        team, site = teams[t], sites[s]
        area = team.area
        result.visits.append(
            PlannedVisit(
                team_id=team.id,
                site_id=site.id,
                distance_km=reach[area.ward_ids].distance(s),
                neglect=round(site.neglect, 4),
                fit=round(fit_score(site, area.group_bits, area.need_bits), 4),
                head_count=min(
                    team.member_count or VISIT_SIZE,
                    VISIT_SIZE,
                    site.max_visitors or VISIT_SIZE,
                ),
            )
        )
    _spread(result, snap)
    result.load_ms = (loaded - started) * 1000
    result.solve_ms = (solved - started) * 1000
    logger.info(
        "city plan %s..%s: %s teams, %s sites, %s pairs, %s visits in %.0f ms",
        starts_on,
        ends_on,
        len(teams),
        len(sites),
        len(pair_sites),
        len(chosen),
        result.solve_ms,
    )
    return result


@dataclass(frozen=True)
class _Reach:
    """The sites offered to teams of one area, as arrays."""

    sites: np.ndarray
    # The distance the cost counts: 0 inside the area for a site without a
    # position, UNKNOWN_KM for a team that named no ward.
    cost_km: np.ndarray
    # The distance shown, NaN when it is not known.
    shown_km: np.ndarray

    def distance(self, site: int) -> float | None:
        where = np.nonzero(self.sites == site)[0]
        if not len(where) or math.isnan(self.shown_km[where[0]]):
            return None
        return round(float(self.shown_km[where[0]]), 1)


def _reach(
    area: TeamArea,
    sites: list[SiteProfile],
    by_ward: dict[int, list[int]],
    nearest: _Nearest,
    most_neglected: list[int],
) -> _Reach:
    found: dict[int, float] = {}
    unknown = 0.0
    if not area.ward_ids:
        # A team that named no ward can go anywhere: it is offered the
        # most neglected sites, at a cost as if they were UNKNOWN_KM away.
        found = dict.fromkeys(most_neglected[:CANDIDATES], math.nan)
        unknown = UNKNOWN_KM
    else:
        if area.centre is not None:
            found.update(nearest.around(area.centre))
        inside = [
            s
            for ward_id in area.ward_ids
            for s in by_ward.get(ward_id, ())
            if s not in found
        ]
        found.update(zip(inside, nearest.distances(area.centre, inside), strict=True))
    shown = np.fromiter(found.values(), dtype=float, count=len(found))
    return _Reach(
        sites=np.fromiter(found.keys(), dtype=np.int64, count=len(found)),
        cost_km=np.where(np.isnan(shown), unknown, shown),
        shown_km=shown,
    )


def _joined(parts: list[np.ndarray]) -> np.ndarray:
    if not parts:
        return np.empty(0, dtype=np.int64)
    return np.concatenate(parts).astype(np.int64)


def _spread(result: PlanResult, snap: Snapshot) -> None:
    """Gini of visits per person cared for: last 30 days, then with the plan."""
    planned = Counter(v.site_id for v in result.visits)
    result.covered_sites = len(planned)
    before, after = [], []
    for site in snap.sites:
        people = max(1, site.beneficiaries)
        before.append(site.visits_30 / people)
        after.append((site.visits_30 + planned.get(site.id, 0)) / people)
    if before:
        result.gini_before = round(gini(before), 4)
        result.gini_with_plan = round(gini(after), 4)
