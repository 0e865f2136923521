"""Sites suggested to one team, with the reasons in words.

A site ranks high when it has had little help (its neglect, as a share of
the city), when its groups and open needs fit the team's fields, and when
it lies in or near the team's wards. The three parts weigh 50/25/25:
reaching neglected sites is the point; fit and distance decide among them.
"""

import math
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from portal.planning.fit import GROUPS_BY_FIELD, NEEDS_BY_FIELD
from portal.planning.geo import Point, area_centre
from portal.planning.profiles import (
    GROUP_BITS,
    NEED_BITS,
    SiteProfile,
    Snapshot,
    snapshot,
)
from portal.sites.models import BeneficiaryGroup, Need
from portal.teams.models import Team

NEGLECT_WEIGHT = 0.5
FIT_WEIGHT = 0.25
NEAR_WEIGHT = 0.25
# Nearness is 1 inside the team's wards, else HALF_NEAR_KM / (HALF_NEAR_KM +
# distance): at this distance from the team's area a site is half near.
HALF_NEAR_KM = 3.0
DEFAULT_LIMIT = 20
# Teams whose suggestions are kept with one snapshot.
MEMO_SIZE = 2000


@dataclass(frozen=True)
class TeamArea:
    """What a team brings to the match: fields, wards and their centre."""

    team_id: int
    field_codes: frozenset[str]
    ward_ids: frozenset[int]
    centre: Point | None

    @property
    def group_bits(self) -> int:
        return _field_bits(self.field_codes)[0]

    @property
    def need_bits(self) -> int:
        return _field_bits(self.field_codes)[1]


@lru_cache(maxsize=4096)
def _field_bits(codes: frozenset[str]) -> tuple[int, int]:
    """The groups and needs a set of fields serves, as bit masks."""
    groups = needs = 0
    for code in codes:
        for group in GROUPS_BY_FIELD.get(code, ()):
            groups |= GROUP_BITS.get(group, 0)
        for need in NEEDS_BY_FIELD.get(code, ()):
            needs |= NEED_BITS.get(need, 0)
    return groups, needs


@dataclass(frozen=True)
class Suggestion:
    site: SiteProfile
    score: float
    neglect: float
    fit: float
    near: float
    distance_km: float | None
    in_area: bool
    reasons: tuple[str, ...]


def team_area(team: Team, snap: Snapshot) -> TeamArea:
    codes = frozenset(team.fields.values_list("code", flat=True))
    wards = set(team.area_wards.values_list("pk", flat=True))
    if team.ward_id:
        wards.add(team.ward_id)
    return TeamArea(
        team_id=team.pk,
        field_codes=codes,
        ward_ids=frozenset(wards),
        centre=area_centre(wards, snap.ward_centres),
    )


def fit_score(site: SiteProfile, group_bits: int, need_bits: int) -> float:
    """The share of the site's groups and open needs the team's fields serve."""
    score = 0.0
    if site.group_bits:
        matched = (site.group_bits & group_bits).bit_count()
        score += 0.6 * matched / site.group_bits.bit_count()
    if site.need_bits:
        matched = (site.need_bits & need_bits).bit_count()
        score += 0.4 * matched / site.need_bits.bit_count()
    return score


def suggestions_for(
    team: Team, *, today: date | None = None, limit: int = DEFAULT_LIMIT
) -> list[Suggestion]:
    """The team's best sites, best first (ties: the older site first)."""
    snap = snapshot(today)
    # Kept with the snapshot, so a change to any site, need or visit (a
    # new snapshot) or to the team's profile (its updated_at) recomputes.
    key = (team.pk, team.updated_at, limit, get_language())
    found = snap.memo.get(key)
    if found is None:
        found = _suggest(team, snap, limit)
        if len(snap.memo) >= MEMO_SIZE:
            snap.memo.clear()
        snap.memo[key] = found
    return found


def _suggest(team: Team, snap: Snapshot, limit: int) -> list[Suggestion]:
    area = team_area(team, snap)
    arrays = snap.arrays
    if not snap.sites:
        return []

    in_area = np.isin(arrays.ward, np.fromiter(area.ward_ids, dtype=np.int64))
    if area.centre is not None:
        km = arrays.km_from(area.centre)
    else:
        km = np.full(len(snap.sites), np.nan)
    near = np.where(
        in_area, 1.0, np.nan_to_num(HALF_NEAR_KM / (HALF_NEAR_KM + km), nan=0.0)
    )
    fit = arrays.fit(area.group_bits, area.need_bits)
    score = NEGLECT_WEIGHT * arrays.neglect + FIT_WEIGHT * fit + NEAR_WEIGHT * near

    count = min(limit, len(score))
    best = np.argpartition(-score, count - 1)[:count]
    best = best[np.lexsort((best, -score[best]))]
    result = []
    for n in best.tolist():
        site = snap.sites[n]
        distance = None if math.isnan(km[n]) else float(km[n])
        result.append(
            Suggestion(
                site=site,
                score=round(float(score[n]), 4),
                neglect=round(site.neglect, 4),
                fit=round(float(fit[n]), 4),
                near=round(float(near[n]), 4),
                distance_km=None if distance is None else round(distance, 1),
                in_area=bool(in_area[n]),
                reasons=tuple(reasons(site, area, distance, bool(in_area[n]))),
            )
        )
    return result


def reasons(
    site: SiteProfile, area: TeamArea, distance: float | None, in_area: bool
) -> list[str]:
    """Why this site, in sentences a team manager reads."""
    said = [_help_reason(site)]
    if site.neglect >= 0.8:
        said.append(_("Among the fifth of the city's sites that had least help."))
    if site.open_needs:
        said.append(_needs_reason(site))

    groups = _labels(GROUP_LABELS, site.groups, area.group_bits, GROUP_BITS)
    if groups:
        said.append(
            _("Cares for %(groups)s, which fits your team's fields.")
            % {"groups": ", ".join(groups)}
        )
    needs = _labels(NEED_LABELS, site.needs, area.need_bits, NEED_BITS)
    if needs:
        said.append(
            _("Needs %(needs)s, which your team can help with.")
            % {"needs": ", ".join(needs)}
        )

    if in_area:
        said.append(
            _("In %(ward)s, one of your team's wards.") % {"ward": site.ward_name}
        )
    elif distance is not None:
        said.append(
            _("About %(km)s km from your team's area.") % {"km": f"{distance:.1f}"}
        )
    return said


def _help_reason(site: SiteProfile) -> str:
    if site.days_since_last_visit is None:
        return _("No team has visited yet.")
    if site.visits_90 == 0:
        return _("No visit in the last 90 days.")
    if site.visits_30 == 0:
        return ngettext(
            "Last visited %(days)s day ago.",
            "Last visited %(days)s days ago.",
            site.days_since_last_visit,
        ) % {"days": site.days_since_last_visit}
    return ngettext(
        "Only %(visits)s visit in the last 30 days for %(people)s people.",
        "Only %(visits)s visits in the last 30 days for %(people)s people.",
        site.visits_30,
    ) % {"visits": site.visits_30, "people": site.beneficiaries}


def _needs_reason(site: SiteProfile) -> str:
    if site.oldest_open_need_days:
        return ngettext(
            "%(count)s open need, waiting for %(days)s days.",
            "%(count)s open needs, the oldest waiting for %(days)s days.",
            site.open_needs,
        ) % {"count": site.open_needs, "days": site.oldest_open_need_days}
    return ngettext(
        "%(count)s open need.", "%(count)s open needs.", site.open_needs
    ) % {"count": site.open_needs}


GROUP_LABELS = dict(BeneficiaryGroup.Group.choices)
NEED_LABELS = dict(Need.Category.choices)


def _labels(
    labels: dict[str, Any], codes: frozenset[str], wanted: int, bits: dict[str, int]
) -> list[str]:
    return [
        str(label)
        for code, label in labels.items()
        if code in codes and bits.get(code, 0) & wanted
    ]
