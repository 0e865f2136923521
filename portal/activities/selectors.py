"""Reads for activities, shifts and sign-ups."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from portal.access.policy import Action, can, managed
from portal.activities.models import Activity, CampaignTag, Shift, SignUp
from portal.lib.search import matching
from portal.places.models import Ward
from portal.teams.models import Field


def is_organiser(user: Any, activity: Activity) -> bool:
    """Whether the person runs this activity.

    Organisers are the managers of the activity's team, the officers of
    its managing unit and of the units above it, and city coordinators;
    ``portal.access.policy`` decides, as for every other change.
    """
    if user is None or not user.is_authenticated:
        return False
    return can(user, Action.CHANGE, activity)


@dataclass(frozen=True)
class ActivityFilters:
    """What people narrow the activity list by; empty values mean "any"."""

    text: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    ward: int | None = None
    field: str = ""
    tag: str = ""
    has_places: bool = False

    @classmethod
    def from_params(cls, params: Any) -> "ActivityFilters":
        ward = str(params.get("ward", ""))
        return cls(
            text=str(params.get("search", params.get("q", "")))[:100],
            date_from=_date(params.get("date_from")),
            date_to=_date(params.get("date_to")),
            ward=int(ward) if ward.isdigit() else None,
            field=str(params.get("field", ""))[:40],
            tag=str(params.get("tag", ""))[:40],
            has_places=str(params.get("has_places", "")).lower() in ("1", "true", "on"),
        )


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_default_timezone())


def open_shifts() -> QuerySet[Shift]:
    """Shifts still ahead that have places left."""
    return Shift.objects.filter(
        is_cancelled=False,
        starts_at__gt=timezone.now(),
        confirmed_count__lt=F("capacity"),
    )


def filter_activities(
    qs: QuerySet[Activity], filters: ActivityFilters
) -> QuerySet[Activity]:
    if filters.date_from:
        qs = qs.filter(ends_at__gte=_day_start(filters.date_from))
    if filters.date_to:
        next_day = filters.date_to + dt.timedelta(days=1)
        qs = qs.filter(starts_at__lt=_day_start(next_day))
    if filters.ward:
        qs = qs.filter(ward_id=filters.ward)
    if filters.field:
        qs = qs.filter(field__code=filters.field)
    if filters.tag:
        qs = qs.filter(tag__code=filters.tag)
    if filters.has_places:
        qs = qs.filter(Exists(open_shifts().filter(activity=OuterRef("pk"))))
    if filters.text:
        qs = matching(qs, filters.text)
    return qs


def _published_ahead(filters: ActivityFilters) -> QuerySet[Activity]:
    """Published activities not yet over that match, soonest first.

    The database walks the ``activity_list`` index in the list's order and
    skips, inside the index, every activity already over (about 40,000 of
    the city's 100,000, a few milliseconds). An index led by the end
    would bound that range instead, but it returns the rows out of order,
    and sorting every activity still ahead costs far more.
    """
    qs = Activity.objects.filter(
        state=Activity.State.PUBLISHED, ends_at__gte=timezone.now()
    )
    return filter_activities(qs, filters).order_by("starts_at", "id")


def public_activities(filters: ActivityFilters) -> QuerySet[Activity]:
    """Published activities not yet over, soonest first."""
    return _published_ahead(filters).select_related(
        "ward", "field", "tag", "team", "unit"
    )


@dataclass(frozen=True)
class ListedActivity:
    """What the public list shows of one activity."""

    pk: int
    title: str
    starts_at: dt.datetime | None
    ward: str
    tag: str
    field: str
    # The team that posts it, or the managing unit when no team does.
    organiser: str


@dataclass(frozen=True)
class ListChoices:
    """The wards, fields and campaigns people filter the list by, as
    (value, label) pairs, and the names of every field and campaign."""

    wards: list[tuple[int, str]]
    fields: list[tuple[str, str]]
    tags: list[tuple[str, str]]
    field_names: dict[int, str]
    tag_names: dict[int, str]


def list_choices() -> ListChoices:
    wards = list(Ward.objects.in_city().order_by("name").values_list("code", "name"))
    fields = list(Field.objects.values_list("pk", "code", "name", "is_active"))
    tags = list(CampaignTag.objects.values_list("pk", "code", "name", "is_active"))
    return ListChoices(
        wards=wards,
        fields=[(code, name) for _, code, name, active in fields if active],
        tags=[(code, name) for _, code, name, active in tags if active],
        field_names={pk: name for pk, _, name, _ in fields},
        tag_names={pk: name for pk, _, name, _ in tags},
    )


def listed_activities(
    filters: ActivityFilters, choices: ListChoices, *, offset: int, limit: int
) -> list[ListedActivity]:
    """A slice of the public list, with only what the list shows.

    Ward, field and campaign names come from ``choices``, read anyway for
    the filters, so the query joins only the team and the unit.
    """
    rows = list(
        _published_ahead(filters).values_list(
            "pk",
            "title",
            "starts_at",
            "ward_id",
            "field_id",
            "tag_id",
            "team__name",
            "unit__name",
        )[offset : offset + limit]
    )
    wards = dict(choices.wards)
    # An activity may name a ward outside the city's list.
    missing = {row[3] for row in rows if row[3] is not None} - wards.keys()
    if missing:
        wards.update(Ward.objects.filter(code__in=missing).values_list("code", "name"))
    return [
        ListedActivity(
            pk=pk,
            title=title,
            starts_at=starts,
            ward=wards.get(ward, "") if ward is not None else "",
            field=choices.field_names.get(field, "") if field else "",
            tag=choices.tag_names.get(tag, "") if tag else "",
            organiser=team or unit,
        )
        for pk, title, starts, ward, field, tag, team, unit in rows
    ]


def managed_activities(user: Any) -> QuerySet[Activity]:
    """The activities the person organises, newest first."""
    return (
        managed(user, Activity)
        .select_related("ward", "team", "unit", "tag")
        .order_by("-created_at", "-id")
    )


def shifts_with_places(activity: Activity) -> QuerySet[Shift]:
    return activity.shifts.order_by("starts_at", "id")


def my_signups(user: Any) -> QuerySet[SignUp]:
    return (
        SignUp.objects.filter(volunteer=user)
        .select_related("shift__activity__ward")
        .order_by("-shift__starts_at", "-id")
    )


def active_signups_for(user: Any, shifts: Iterable[Shift]) -> dict[int, SignUp]:
    """The person's active sign-up per shift, for the activity page."""
    if not user.is_authenticated:
        return {}
    rows = SignUp.objects.active().filter(
        volunteer=user, shift__in=[s.pk for s in shifts]
    )
    return {row.shift_id: row for row in rows}


def roster(shift: Shift) -> QuerySet[SignUp]:
    """Confirmed, then waitlisted people of a shift, with their contacts.

    Only for the shift's organisers: callers check ``is_organiser``.
    """
    return (
        shift.signups.active()
        .select_related("volunteer")
        .order_by("-status", "created_at", "id")
    )


def waitlist_position(signup: SignUp) -> int | None:
    if signup.status != SignUp.Status.WAITLISTED:
        return None
    ahead = SignUp.objects.filter(
        shift_id=signup.shift_id, status=SignUp.Status.WAITLISTED
    ).filter(
        Q(created_at__lt=signup.created_at)
        | Q(created_at=signup.created_at, id__lt=signup.id)
    )
    return ahead.count() + 1
