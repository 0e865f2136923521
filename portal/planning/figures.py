"""City figures: teams, members, sites, people cared for, activities, hours.

Counted by ward, by unit, by field and by month, for the people who keep
them (a coordinator sees the whole city, an officer their units and
below), plus a few headline numbers for the public page. Activities count
once published; hours count once verified.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from io import BytesIO
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font

from portal.access.policy import managed, scope_of
from portal.activities.models import Activity
from portal.hours.models import HourRecord
from portal.planning.geo import area_centre
from portal.planning.models import Plan
from portal.planning.profiles import snapshot
from portal.sites.models import Site
from portal.teams.models import Team
from portal.units.models import Unit

SHOWN_ACTIVITIES = [Activity.State.PUBLISHED, Activity.State.COMPLETED]
MONTHS = 12
HEADLINE_KEY = "planning:headline"
HEADLINE_SECONDS = 10 * 60


@dataclass
class Row:
    label: str
    teams: int = 0
    members: int = 0
    sites: int = 0
    beneficiaries: int = 0
    activities: int = 0
    hours: float = 0.0


@dataclass
class Figures:
    total: Row
    by_ward: list[Row] = field(default_factory=list)
    by_unit: list[Row] = field(default_factory=list)
    by_field: list[Row] = field(default_factory=list)
    by_month: list[Row] = field(default_factory=list)


def _hours(minutes: int | None) -> float:
    return round((minutes or 0) / 60, 1)


def city_figures(user: Any) -> Figures:
    teams = managed(user, Team).exclude(status=Team.Status.DISSOLVED)
    sites = managed(user, Site)
    activities = managed(user, Activity).filter(state__in=SHOWN_ACTIVITIES)
    hours = managed(user, HourRecord).filter(status=HourRecord.Status.VERIFIED)

    total = Row(label=_("Total"))
    team_sums = teams.aggregate(n=Count("pk"), members=Sum("member_count"))
    site_sums = sites.aggregate(n=Count("pk"), people=Sum("beneficiary_count"))
    total.teams, total.members = team_sums["n"], team_sums["members"] or 0
    total.sites, total.beneficiaries = site_sums["n"], site_sums["people"] or 0
    total.activities = activities.count()
    total.hours = _hours(hours.aggregate(m=Sum("minutes"))["m"])

    return Figures(
        total=total,
        by_ward=_by_ward(teams, sites, activities),
        by_unit=_by_unit(user, teams, sites, activities, hours),
        by_field=_by_field(teams, activities),
        by_month=_by_month(teams, sites, activities, hours),
    )


def _by_ward(teams: Any, sites: Any, activities: Any) -> list[Row]:
    rows: dict[str, Row] = {}

    def row(name: str | None) -> Row:
        label = name or _("No ward given")
        return rows.setdefault(label, Row(label=label))

    for name, n, members in (
        teams.values_list("ward__name")
        .annotate(n=Count("pk"), members=Sum("member_count"))
        .order_by()
    ):
        r = row(name)
        r.teams, r.members = n, members or 0
    for name, n, people in (
        sites.values_list("ward__name")
        .annotate(n=Count("pk"), people=Sum("beneficiary_count"))
        .order_by()
    ):
        r = row(name)
        r.sites, r.beneficiaries = n, people or 0
    for name, n in (
        activities.values_list("ward__name").annotate(n=Count("pk")).order_by()
    ):
        row(name).activities = n
    return sorted(rows.values(), key=lambda r: (-r.sites - r.teams, r.label))


def _unit_groups(user: Any) -> list[tuple[str, str]]:
    """The units figures are grouped by: the city's direct units for a
    coordinator, the officer's own units and their direct branches."""
    scope = scope_of(user)
    if scope.is_coordinator:
        units = Unit.objects.filter(parent__parent__isnull=True, parent__isnull=False)
    else:
        mine = Unit.objects.filter(path__in=scope.unit_paths)
        units = Unit.objects.filter(Q(pk__in=mine) | Q(parent__in=mine))
    pairs = units.filter(is_active=True).values_list("path", "name")
    # Longest first, so a branch claims its rows before its parent does.
    return sorted(pairs, key=lambda p: -len(p[0]))


def _by_unit(
    user: Any, teams: Any, sites: Any, activities: Any, hours: Any
) -> list[Row]:
    groups = _unit_groups(user)
    rows = {path: Row(label=name) for path, name in groups}

    def find(path: str) -> Row | None:
        for prefix, _name in groups:
            if path.startswith(prefix):
                return rows[prefix]
        return None

    for path, n, members in (
        teams.values_list("unit__path")
        .annotate(n=Count("pk"), members=Sum("member_count"))
        .order_by()
    ):
        if r := find(path):
            r.teams += n
            r.members += members or 0
    for path, n, people in (
        sites.values_list("unit__path")
        .annotate(n=Count("pk"), people=Sum("beneficiary_count"))
        .order_by()
    ):
        if r := find(path):
            r.sites += n
            r.beneficiaries += people or 0
    for path, n in (
        activities.values_list("unit__path").annotate(n=Count("pk")).order_by()
    ):
        if r := find(path):
            r.activities += n
    for path, minutes in (
        hours.values_list("unit__path").annotate(m=Sum("minutes")).order_by()
    ):
        if r := find(path):
            r.hours = round(r.hours + _hours(minutes), 1)
    result = [r for r in rows.values() if r.teams or r.sites or r.activities]
    return sorted(result, key=lambda r: (-r.teams - r.sites, r.label))


def _by_field(teams: Any, activities: Any) -> list[Row]:
    rows: dict[str, Row] = {}
    through = Team.fields.through.objects.filter(team__in=teams)
    for name, n, members in (
        through.values_list("field__name")
        .annotate(n=Count("pk"), members=Sum("team__member_count"))
        .order_by()
    ):
        rows[name] = Row(label=name, teams=n, members=members or 0)
    for name, n in (
        activities.values_list("field__name").annotate(n=Count("pk")).order_by()
    ):
        label = name or _("No field given")
        rows.setdefault(label, Row(label=label)).activities = n
    return sorted(rows.values(), key=lambda r: (-r.teams, r.label))


def _months(today: date) -> list[date]:
    months = []
    year, month = today.year, today.month
    for _n in range(MONTHS):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(months))


def _month_of(value: Any) -> date | None:
    if value is None:
        return None
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        value = timezone.localtime(value)
    return date(value.year, value.month, 1)


def _by_month(teams: Any, sites: Any, activities: Any, hours: Any) -> list[Row]:
    months = _months(timezone.localdate())
    start = months[0]
    rows = {m: Row(label=m.strftime("%m/%Y")) for m in months}

    def count(qs: Any, column: str, attribute: str) -> None:
        recent = qs.filter(**{f"{column}__date__gte": start})
        by_month = recent.annotate(m=TruncMonth(column)).values_list("m")
        for month, n in by_month.annotate(n=Count("pk")).order_by():
            key = _month_of(month)
            if key in rows:
                setattr(rows[key], attribute, getattr(rows[key], attribute) + n)

    count(teams, "created_at", "teams")
    count(sites, "created_at", "sites")
    count(activities, "starts_at", "activities")
    recent_hours = hours.filter(work_date__gte=start)
    by_month = recent_hours.annotate(m=TruncMonth("work_date")).values_list("m")
    for month, minutes in by_month.annotate(s=Sum("minutes")).order_by():
        key = _month_of(month)
        if key in rows:
            rows[key].hours = round(rows[key].hours + _hours(minutes), 1)
    return [rows[m] for m in months]


def chart_data(data: Figures) -> dict[str, Any]:
    top_wards = data.by_ward[:15]
    return {
        "months": {
            "labels": [r.label for r in data.by_month],
            "activities": [r.activities for r in data.by_month],
            "hours": [r.hours for r in data.by_month],
            "teams": [r.teams for r in data.by_month],
            "title_activities": _("Activities"),
            "title_hours": _("Volunteer hours"),
            "title_teams": _("New teams"),
        },
        "fields": {
            "labels": [r.label for r in data.by_field],
            "teams": [r.teams for r in data.by_field],
            "title": _("Teams"),
        },
        "wards": {
            "labels": [r.label for r in top_wards],
            "sites": [r.sites for r in top_wards],
            "teams": [r.teams for r in top_wards],
            "title_sites": _("Sites"),
            "title_teams": _("Teams"),
        },
    }


COLUMNS = [
    ("teams", gettext_lazy("Teams")),
    ("members", gettext_lazy("Members")),
    ("sites", gettext_lazy("Sites")),
    ("beneficiaries", gettext_lazy("People cared for")),
    ("activities", gettext_lazy("Activities")),
    ("hours", gettext_lazy("Volunteer hours")),
]


def xlsx_response(data: Figures) -> HttpResponse:
    book = Workbook()
    book.remove(book.active)
    sheets = [
        (_("Total"), [data.total], _("Area")),
        (_("By ward"), data.by_ward, _("Ward")),
        (_("By unit"), data.by_unit, _("Unit")),
        (_("By field"), data.by_field, _("Field")),
        (_("By month"), data.by_month, _("Month")),
    ]
    for title, rows, first in sheets:
        sheet = book.create_sheet(title[:31])
        sheet.append([first] + [str(label) for _key, label in COLUMNS])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([row.label] + [getattr(row, key) for key, _l in COLUMNS])
        sheet.column_dimensions["A"].width = 40
    out = BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type=(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        ),
    )
    name = f"so-lieu-tinh-nguyen-{timezone.localdate():%Y-%m-%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def headline() -> dict[str, Any]:
    """The public numbers: registered (verified) teams and what they do."""
    cached = cache.get(HEADLINE_KEY)
    if cached is not None:
        return cached
    teams = Team.objects.filter(
        verification=Team.Verification.VERIFIED, status=Team.Status.ACTIVE
    )
    team_sums = teams.aggregate(n=Count("pk"), members=Sum("member_count"))
    site_sums = Site.objects.aggregate(n=Count("pk"), people=Sum("beneficiary_count"))
    verified = HourRecord.objects.filter(status=HourRecord.Status.VERIFIED)
    minutes = verified.aggregate(m=Sum("minutes"))["m"]
    data = {
        "teams": team_sums["n"],
        "members": team_sums["members"] or 0,
        "sites": site_sums["n"],
        "beneficiaries": site_sums["people"] or 0,
        "activities": Activity.objects.filter(state__in=SHOWN_ACTIVITIES).count(),
        "hours": round((minutes or 0) / 60),
        "wards": Site.objects.exclude(ward=None).values("ward").distinct().count(),
    }
    cache.set(HEADLINE_KEY, data, HEADLINE_SECONDS)
    return data


def plan_features(plan: Plan) -> dict[str, Any]:
    """GeoJSON of the plan's visits: a line from the team's area to the
    site, or the site alone when the team's wards have no position."""
    snap = snapshot()
    rows = list(
        plan.assignments.values_list(
            "pk", "team_id", "team__name", "site_id", "status", "distance_km"
        )
    )
    team_ids = {row[1] for row in rows}
    wards: dict[int, set[int]] = defaultdict(set)
    for team_id, ward_id in Team.objects.filter(pk__in=team_ids).values_list(
        "pk", "ward_id"
    ):
        if ward_id:
            wards[team_id].add(ward_id)
    area = Team.area_wards.through.objects.filter(team_id__in=team_ids)
    for team_id, ward_id in area.values_list("team_id", "ward_id"):
        wards[team_id].add(ward_id)

    visits = Counter(row[3] for row in rows)
    features = []
    for pk, team_id, team_name, site_id, status, km in rows:
        site = snap.by_id.get(site_id)
        if site is None or site.point is None:
            continue
        lat, lon = site.point
        props = {
            "assignment": pk,
            "site": site.name,
            "ward": site.ward_name,
            "team": team_name,
            "status": status,
            "distance_km": km,
            "neglect": round(site.neglect, 2),
            "visits": visits[site_id],
        }
        centre = area_centre(wards.get(team_id, ()), snap.ward_centres)
        geometry: dict[str, Any] = {"type": "Point", "coordinates": [lon, lat]}
        if centre is not None:
            geometry = {
                "type": "LineString",
                "coordinates": [[centre[1], centre[0]], [lon, lat]],
            }
        features.append({"type": "Feature", "geometry": geometry, "properties": props})
    return {"type": "FeatureCollection", "features": features}
