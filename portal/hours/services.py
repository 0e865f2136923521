"""Writes: check-in and out, verifying hours, reports, certificates, rules.

Every write goes through a function here, inside one transaction.
"""

import datetime as dt
import logging
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max, Min, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.access.policy import Action, can, require
from portal.activities.models import Activity, Shift, SignUp
from portal.activities.selectors import is_organiser
from portal.core.errors import AccessDenied
from portal.hours import codes
from portal.hours.certificates import sign
from portal.hours.errors import (
    AlreadyCheckedIn,
    AlreadyCheckedOut,
    AlreadyDecided,
    CodeOutsideShift,
    CodeReused,
    HoursInvalid,
    HoursLongerThanShift,
    NotCheckedIn,
    NotOrganiser,
    NotSignedUp,
    NoVerifiedHours,
    ReasonMissing,
    ReportInvalid,
    SelfApproval,
    ShiftNotOver,
)
from portal.hours.models import Certificate, HourRecord, SocialWorkRule, UsedCode
from portal.hours.selectors import (
    hours_per_day_for,
    is_blood_donation,
    social_work_days,
)
from portal.units.models import Unit

logger = logging.getLogger(__name__)

# A shift's code works from a little before it starts until a while after
# it ends: people arrive early, and some check out on the way home.
OPENS_BEFORE = dt.timedelta(minutes=30)
CLOSES_AFTER = dt.timedelta(hours=2)
MAX_MINUTES = 24 * 60


def shift_minutes(shift: Shift) -> int:
    return int((shift.ends_at - shift.starts_at).total_seconds() // 60)


def computed_minutes(record: HourRecord) -> int | None:
    """Time between check-in and check-out, never more than the shift."""
    if record.check_in_at is None or record.check_out_at is None:
        return None
    worked = int((record.check_out_at - record.check_in_at).total_seconds() // 60)
    if record.shift_minutes is not None:
        worked = min(worked, record.shift_minutes)
    return max(worked, 0)


def _in_window(shift: Shift, now: dt.datetime) -> bool:
    return shift.starts_at - OPENS_BEFORE <= now <= shift.ends_at + CLOSES_AFTER


@transaction.atomic
def check_in(*, by: Any, code: str, now: dt.datetime | None = None) -> HourRecord:
    """Record a scanned or typed code: the first scan checks in, the next out.

    ``by`` is the person scanning: an organiser scanning a volunteer's
    code, or a volunteer scanning the shift's code.
    """
    now = now or timezone.now()
    read = codes.read(code, now=now.timestamp())

    if isinstance(read, codes.VolunteerCode):
        signup = _confirmed_signup(pk=read.signup_id)
        if not is_organiser(by, signup.shift.activity):
            raise NotOrganiser(field="code")
        if not _in_window(signup.shift, now):
            raise CodeOutsideShift(field="code")
        record = _record_for(signup, now)
        try:
            with transaction.atomic():
                UsedCode.objects.create(code=read.text, record=record)
        except IntegrityError:
            raise CodeReused(field="code") from None
        return _step(record, by=by, now=now, checking_out=None)

    signup = _confirmed_signup(shift_id=read.shift_id, volunteer=by)
    if not _in_window(signup.shift, now):
        raise CodeOutsideShift(field="code")
    record = _record_for(signup, now)
    return _step(record, by=by, now=now, checking_out=read.checking_out)


def _confirmed_signup(**lookup: Any) -> SignUp:
    signup = (
        SignUp.objects.select_related("shift__activity", "volunteer")
        .filter(status=SignUp.Status.CONFIRMED, **lookup)
        .first()
    )
    if signup is None:
        raise NotSignedUp(field="code")
    return signup


def _record_for(signup: SignUp, now: dt.datetime) -> HourRecord:
    """The sign-up's record, locked, created on the first scan."""
    shift = signup.shift
    activity = shift.activity
    record, _created = HourRecord.objects.select_for_update().get_or_create(
        signup=signup,
        defaults={
            "volunteer": signup.volunteer,
            "kind": HourRecord.Kind.SHIFT,
            "status": HourRecord.Status.CHECKED_IN,
            "shift": shift,
            "activity": activity,
            "unit_id": activity.unit_id,
            "work_date": timezone.localdate(shift.starts_at),
            "shift_minutes": shift_minutes(shift),
            "counts_as_day": is_blood_donation(activity),
        },
    )
    return record


def _step(
    record: HourRecord, *, by: Any, now: dt.datetime, checking_out: bool | None
) -> HourRecord:
    if record.status in (HourRecord.Status.VERIFIED, HourRecord.Status.REJECTED):
        raise AlreadyCheckedOut(field="code")
    if record.check_out_at is not None:
        raise AlreadyCheckedOut(field="code")

    if record.check_in_at is None:
        if checking_out:
            raise NotCheckedIn(field="code")
        record.check_in_at = now
        record.checked_in_by = by
        record.status = HourRecord.Status.CHECKED_IN
        record.save()
        logger.info("record %s checked in by %s", record.pk, by.pk)
        return record

    if checking_out is False:
        raise AlreadyCheckedIn(field="code")
    record.check_out_at = max(now, record.check_in_at)
    record.computed_minutes = computed_minutes(record)
    record.status = HourRecord.Status.AWAITING
    record.save()
    logger.info("record %s checked out by %s", record.pk, by.pk)
    return record


def parse_hours(value: Any) -> int:
    """Hours as typed ("3", "3.5", "3,5") to whole minutes."""
    try:
        hours = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise HoursInvalid() from None
    if not hours.is_finite() or hours <= 0 or hours > 24:
        raise HoursInvalid()
    return int((hours * 60).to_integral_value())


def _may_decide(by: Any, record: HourRecord) -> None:
    if record.volunteer_id is not None and record.volunteer_id == by.pk:
        raise SelfApproval()
    if record.activity_id is not None and is_organiser(by, record.activity):
        return
    require(by, Action.CHANGE, record)


@transaction.atomic
def verify_hours(
    *,
    by: Any,
    record: HourRecord,
    hours: Any = None,
    reason: str = "",
    now: dt.datetime | None = None,
) -> HourRecord:
    """Accept the computed or reported hours, or correct them with a reason."""
    now = now or timezone.now()
    record = HourRecord.objects.select_for_update().get(pk=record.pk)
    _may_decide(by, record)
    reason = (reason or "").strip()

    if record.status == HourRecord.Status.REJECTED:
        raise AlreadyDecided()
    if record.status == HourRecord.Status.VERIFIED and not reason:
        # Changing verified hours is a correction: it needs a reason.
        raise ReasonMissing()
    if (
        record.kind == HourRecord.Kind.SHIFT
        and record.check_out_at is None
        and record.shift is not None
        and record.shift.ends_at > now
    ):
        raise ShiftNotOver()

    proposed = (
        record.computed_minutes
        if record.kind == HourRecord.Kind.SHIFT
        else record.reported_minutes
    )
    minutes = proposed if hours in (None, "") else parse_hours(hours)
    if minutes is None:
        # No check-out: the organiser must say how long the person stayed.
        raise HoursInvalid()
    if record.shift_minutes is not None and minutes > record.shift_minutes:
        raise HoursLongerThanShift(record.shift_hours)
    if minutes != proposed and not reason:
        raise ReasonMissing()

    record.minutes = minutes
    record.reason = reason
    record.status = HourRecord.Status.VERIFIED
    record.decided_by = by
    record.decided_at = now
    record.save()
    logger.info("record %s verified by %s: %s min", record.pk, by.pk, minutes)
    return record


@transaction.atomic
def reject_hours(*, by: Any, record: HourRecord, reason: str) -> HourRecord:
    record = HourRecord.objects.select_for_update().get(pk=record.pk)
    _may_decide(by, record)
    if not (reason or "").strip():
        raise ReasonMissing()
    if record.status == HourRecord.Status.REJECTED:
        raise AlreadyDecided()
    record.status = HourRecord.Status.REJECTED
    record.minutes = None
    record.reason = reason.strip()
    record.decided_by = by
    record.decided_at = timezone.now()
    record.save()
    logger.info("record %s rejected by %s", record.pk, by.pk)
    return record


@transaction.atomic
def report_hours(
    *,
    volunteer: Any,
    work_date: dt.date,
    hours: Any,
    description: str,
    organisation: str = "",
    activity: Activity | None = None,
    unit: Unit | None = None,
) -> HourRecord:
    """A volunteer reports work done outside a checked-in shift.

    The activity's organisers approve it, or, without an activity, the
    officers of the unit the volunteer names.
    """
    minutes = parse_hours(hours)
    if work_date > timezone.localdate():
        raise ReportInvalid(
            _("Date: the work cannot be in the future."), field="work_date"
        )
    if not (description or "").strip():
        raise ReportInvalid(
            _("What was done: describe the work briefly."), field="description"
        )
    if activity is None and unit is None:
        raise ReportInvalid(
            _("Activity or unit: choose who should approve these hours."),
            field="unit",
        )
    record = HourRecord.objects.create(
        volunteer=volunteer,
        kind=HourRecord.Kind.EXTERNAL,
        status=HourRecord.Status.AWAITING,
        activity=activity,
        unit_id=activity.unit_id if activity is not None else unit.pk,
        work_date=work_date,
        reported_minutes=minutes,
        description=description.strip(),
        organisation=(organisation or "").strip()[:200],
        counts_as_day=activity is not None and is_blood_donation(activity),
    )
    logger.info("record %s reported by %s", record.pk, volunteer.pk)
    return record


@transaction.atomic
def mark_no_shows(*, now: dt.datetime | None = None) -> int:
    """Mark confirmed volunteers who never checked in once a shift is over."""
    now = now or timezone.now()
    missing = (
        SignUp.objects.filter(
            status=SignUp.Status.CONFIRMED,
            shift__ends_at__lte=now - CLOSES_AFTER,
            hour_record__isnull=True,
        )
        .select_related("shift__activity")
        .order_by("pk")
    )
    rows = [
        HourRecord(
            volunteer_id=signup.volunteer_id,
            kind=HourRecord.Kind.SHIFT,
            status=HourRecord.Status.NO_SHOW,
            signup=signup,
            shift=signup.shift,
            activity=signup.shift.activity,
            unit_id=signup.shift.activity.unit_id,
            work_date=timezone.localdate(signup.shift.starts_at),
            shift_minutes=shift_minutes(signup.shift),
        )
        for signup in missing.iterator(chunk_size=2000)
    ]
    HourRecord.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    if rows:
        logger.info("marked %s no-shows", len(rows))
    return len(rows)


@transaction.atomic
def issue_certificate(
    *, volunteer: Any, activity: Activity, now: dt.datetime | None = None
) -> Certificate:
    """The volunteer's certificate for an activity, signed; reissued on change."""
    now = now or timezone.now()
    records = HourRecord.objects.filter(
        volunteer=volunteer, activity=activity, status=HourRecord.Status.VERIFIED
    )
    totals = records.aggregate(
        minutes=Sum("minutes"), first=Min("work_date"), last=Max("work_date")
    )
    if not totals["minutes"] and not records.filter(counts_as_day=True).exists():
        raise NoVerifiedHours()

    unit = activity.unit
    days = social_work_days(records, hours_per_day_for(unit))
    current = Certificate.objects.filter(
        volunteer=volunteer, activity=activity, revoked_at__isnull=True
    ).first()
    if (
        current is not None
        and current.minutes == (totals["minutes"] or 0)
        and current.days == days
        and current.holder_name == volunteer.full_name
    ):
        return current
    if current is not None:
        current.revoked_at = now
        current.revoked_reason = "replaced"
        current.save(update_fields=["revoked_at", "revoked_reason"])

    certificate = Certificate(
        volunteer=volunteer,
        activity=activity,
        unit=unit,
        holder_name=volunteer.full_name,
        activity_title=activity.title,
        unit_name=unit.name,
        minutes=totals["minutes"] or 0,
        days=days,
        first_date=totals["first"],
        last_date=totals["last"],
        issued_at=now.replace(microsecond=0),
    )
    certificate.signature = sign(certificate)
    certificate.save()
    logger.info(
        "certificate %s issued to %s for activity %s",
        certificate.public_id,
        volunteer.pk,
        activity.pk,
    )
    return certificate


@transaction.atomic
def set_hours_per_day(*, by: Any, unit: Unit, hours_per_day: Any) -> SocialWorkRule:
    if not can(by, Action.CHANGE, unit):
        raise AccessDenied()
    try:
        value = Decimal(str(hours_per_day).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        value = Decimal(0)
    if not value.is_finite() or not Decimal(1) <= value <= Decimal(24):
        raise HoursInvalid(_("Hours per day: enter a number from 1 to 24, e.g. 8."))
    rule, _created = SocialWorkRule.objects.update_or_create(
        unit=unit, defaults={"hours_per_day": value}
    )
    logger.info("unit %s: %s hours per social-work day", unit.pk, value)
    return rule
