"""Reads: a volunteer's record, social-work days, what awaits a decision."""

from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum

from portal.access.policy import Action, managed
from portal.hours.models import Certificate, HourRecord, SocialWorkRule, as_hours
from portal.units.models import Unit

DEFAULT_HOURS_PER_DAY = Decimal(8)


def is_blood_donation(activity: Any) -> bool:
    """Whether the activity's campaign is a blood donation (one day each)."""
    return bool(activity.tag_id and activity.tag.is_blood_donation)


def hours_per_day_for(unit: Unit | None) -> Decimal:
    """The rule of the nearest unit at or above this one, else 8 hours."""
    if unit is None:
        return _city_hours_per_day()
    ids = [int(part) for part in unit.path.strip("/").split("/") if part]
    rules = dict(
        SocialWorkRule.objects.filter(unit_id__in=ids).values_list(
            "unit_id", "hours_per_day"
        )
    )
    for unit_id in reversed(ids):
        if unit_id in rules:
            return rules[unit_id]
    return DEFAULT_HOURS_PER_DAY


def _city_hours_per_day() -> Decimal:
    rule = (
        SocialWorkRule.objects.filter(unit__parent__isnull=True)
        .values_list("hours_per_day", flat=True)
        .first()
    )
    return rule if rule is not None else DEFAULT_HOURS_PER_DAY


def social_work_days(records: QuerySet[HourRecord], hours_per_day: Decimal) -> Decimal:
    """Verified hours over the day's length, plus one per blood donation."""
    verified = records.filter(status=HourRecord.Status.VERIFIED)
    donations = verified.filter(counts_as_day=True).count()
    minutes = (
        verified.filter(counts_as_day=False).aggregate(total=Sum("minutes"))["total"]
        or 0
    )
    days = Decimal(minutes) / 60 / hours_per_day + donations
    return days.quantize(Decimal("0.01"), rounding=ROUND_DOWN)


@dataclass
class VolunteerRecord:
    shifts_done: int
    verified_minutes: int
    days: Decimal
    hours_per_day: Decimal
    rule_unit: Unit | None
    donations: int
    records: list[HourRecord]
    activities: list[dict[str, Any]] = field(default_factory=list)
    certificates: list[Certificate] = field(default_factory=list)

    @property
    def verified_hours(self) -> Decimal:
        return as_hours(self.verified_minutes)


def volunteer_record(user: Any, rule_unit: Unit | None = None) -> VolunteerRecord:
    records = HourRecord.objects.filter(volunteer=user)
    verified = records.filter(status=HourRecord.Status.VERIFIED)
    hours_per_day = hours_per_day_for(rule_unit)
    activities = list(
        verified.filter(activity__isnull=False)
        .values("activity_id", "activity__title", "unit__name")
        .annotate(total=Sum("minutes"))
        .order_by("activity__title")
    )
    for row in activities:
        row["hours"] = as_hours(row["total"] or 0)
    return VolunteerRecord(
        shifts_done=verified.filter(kind=HourRecord.Kind.SHIFT).count(),
        verified_minutes=verified.aggregate(total=Sum("minutes"))["total"] or 0,
        days=social_work_days(records, hours_per_day),
        hours_per_day=hours_per_day,
        rule_unit=rule_unit,
        donations=verified.filter(counts_as_day=True).count(),
        records=list(
            records.select_related("activity", "shift", "unit").order_by(
                "-work_date", "-pk"
            )[:200]
        ),
        activities=activities,
        certificates=list(
            Certificate.objects.filter(volunteer=user, revoked_at__isnull=True)
        ),
    )


def units_with_rules() -> QuerySet[Unit]:
    return Unit.objects.filter(social_work_rule__isnull=False).order_by("path")


def awaiting_decision(user: Any) -> QuerySet[HourRecord]:
    """Records this person may verify or approve, oldest first."""
    waiting = Q(status__in=[HourRecord.Status.AWAITING, HourRecord.Status.CHECKED_IN])
    return (
        managed(user, HourRecord, Action.CHANGE)
        .filter(waiting)
        .exclude(volunteer=user)
        .select_related("volunteer", "activity", "shift", "unit")
        .order_by("work_date", "pk")
    )
