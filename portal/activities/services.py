"""Changes to activities, shifts and sign-ups. Every write goes through here.

Signing up under a rush
-----------------------
Hundreds of people may tap "sign up" for the same shift in the same
second. Two promises must hold whatever the timing: a shift never has more
confirmed people than places, and nobody holds two active sign-ups for one
shift. The database keeps both (a check constraint on the shift's count
and a unique index over active sign-ups); the code below only decides,
quickly, whether a new sign-up is confirmed or waitlisted.

A sign-up is one short transaction, its statements written out in SQL
(``rush``). The person's row is locked first (see below); then one
``SELECT ... FOR UPDATE`` takes the shift's row lock
and reads all that decides: the shift's state and time, its activity's
minimum age, its count, and any of the person's sign-ups at an
overlapping time. The age is checked against the person's row already
loaded, so it adds no statement. Under the lock come at most one UPDATE
of the count, one INSERT of the sign-up, one of its notice's task when
the task queue is a table of this database, and the commit: one commit
per sign-up, and no more than four statements hold the shift's lock.

Overlap: a person's own sign-ups are serialised by locking their user row
first, so two requests of the same person for two overlapping shifts
cannot both pass the check. Other people are not slowed by it. Waitlisted
sign-ups count as taken time, since they may be promoted at any moment.
"""

import datetime as dt
import logging
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Max, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task
from django_tasks_db.backend import DatabaseBackend

from portal.access.policy import Action, require, scope_of
from portal.accounts.models import User
from portal.activities import rush
from portal.activities.calendar import calendar_for
from portal.activities.errors import (
    AlreadySignedUp,
    BirthDateMissing,
    CancellationClosed,
    CapacityBelowSignUps,
    InvalidPattern,
    InvalidShiftTimes,
    InvalidStateChange,
    NoShifts,
    NotSignedUp,
    OverlappingShift,
    ShiftCancelled,
    ShiftClosed,
    ShiftInPast,
    TooYoung,
)
from portal.activities.models import Activity, ApprovalSetting, Shift, SignUp
from portal.core.errors import AccessDenied, NotFound
from portal.notices.channels import Attachment
from portal.notices.services import notify

logger = logging.getLogger(__name__)

State = Activity.State
MAX_PATTERN_WEEKS = 26


# Activities -----------------------------------------------------------


@transaction.atomic
def create_activity(*, by: User | None, **fields: Any) -> Activity:
    """Create a draft activity for a team (its unit manages it) or a unit."""
    activity = Activity(**fields)
    # A team's activities are managed by the team's unit, whatever was sent.
    if activity.team_id:
        activity.unit_id = activity.team.unit_id
    if by is not None:
        _require_may_post(by, activity)
    activity.created_by = by
    activity.state = State.DRAFT
    activity.refresh_derived()
    activity.full_clean()
    activity.save()
    logger.info("activity %s created for unit %s", activity.pk, activity.unit_id)
    return activity


def _require_may_post(by: User, activity: Activity) -> None:
    scope = scope_of(by)
    if activity.team_id and activity.team_id in scope.team_ids:
        return
    require(by, Action.CHANGE, activity.unit)


@transaction.atomic
def update_activity(*, by: User | None, activity: Activity, **fields: Any) -> Activity:
    if by is not None:
        require(by, Action.CHANGE, activity)
    if activity.state in (State.COMPLETED, State.CANCELLED):
        raise InvalidStateChange()
    for name, value in fields.items():
        setattr(activity, name, value)
    if activity.team_id:
        activity.unit_id = activity.team.unit_id
    if by is not None and ({"team", "unit"} & fields.keys()):
        # Moving an activity to another team or unit needs a say there too.
        _require_may_post(by, activity)
    activity.refresh_derived()
    activity.full_clean()
    activity.save()
    return activity


def needs_approval(activity: Activity) -> bool:
    return ApprovalSetting.objects.filter(
        unit_id=activity.unit_id, requires_approval=True
    ).exists()


def _is_unit_officer(by: User, activity: Activity) -> bool:
    scope = scope_of(by)
    return scope.covers_path(activity.unit.path)


@transaction.atomic
def publish(*, by: User | None, activity: Activity) -> Activity:
    """Publish, or send to the managing unit when it reviews activities.

    The unit's own officers publish at once: they are the reviewers.
    """
    if by is not None:
        require(by, Action.CHANGE, activity)
    if activity.state not in (State.DRAFT, State.AWAITING_APPROVAL):
        raise InvalidStateChange()
    if not activity.shifts.exists():
        raise NoShifts()

    reviewer = by is None or _is_unit_officer(by, activity)
    if needs_approval(activity) and not reviewer:
        activity.state = State.AWAITING_APPROVAL
    else:
        activity.state = State.PUBLISHED
        activity.published_at = timezone.now()
        if by is not None and needs_approval(activity):
            activity.approved_by = by
            activity.approved_at = activity.published_at
    activity.save(
        update_fields=[
            "state", "published_at", "approved_by", "approved_at", "updated_at"
        ]
    )  # fmt: skip
    logger.info("activity %s now %s", activity.pk, activity.state)
    return activity


@transaction.atomic
def approve(*, by: User, activity: Activity) -> Activity:
    """The managing unit's officers approve an activity awaiting them."""
    if not _is_unit_officer(by, activity):
        raise AccessDenied()
    if activity.state != State.AWAITING_APPROVAL:
        raise InvalidStateChange()
    return publish(by=by, activity=activity)


@transaction.atomic
def send_back(*, by: User, activity: Activity) -> Activity:
    """The managing unit returns an activity to its draft state."""
    if not _is_unit_officer(by, activity):
        raise AccessDenied()
    if activity.state != State.AWAITING_APPROVAL:
        raise InvalidStateChange()
    activity.state = State.DRAFT
    activity.save(update_fields=["state", "updated_at"])
    return activity


@transaction.atomic
def complete(*, by: User | None, activity: Activity) -> Activity:
    if by is not None:
        require(by, Action.CHANGE, activity)
    if activity.state != State.PUBLISHED:
        raise InvalidStateChange()
    activity.state = State.COMPLETED
    activity.save(update_fields=["state", "updated_at"])
    return activity


@transaction.atomic
def cancel_activity(*, by: User | None, activity: Activity) -> Activity:
    """Cancel the activity and every shift of it; tell who signed up."""
    if by is not None:
        require(by, Action.CHANGE, activity)
    if activity.state in (State.COMPLETED, State.CANCELLED):
        raise InvalidStateChange()
    for shift in activity.shifts.filter(is_cancelled=False):
        _cancel_shift(by=by, shift=shift)
    activity.state = State.CANCELLED
    activity.save(update_fields=["state", "updated_at"])
    logger.info("activity %s cancelled", activity.pk)
    return activity


# Shifts ---------------------------------------------------------------


def _check_times(starts_at: dt.datetime, ends_at: dt.datetime) -> None:
    if ends_at <= starts_at:
        raise InvalidShiftTimes(field="ends_at")


def refresh_span(activity: Activity) -> None:
    """Keep the activity's first start and last end in step with its shifts."""
    span = activity.shifts.filter(is_cancelled=False).aggregate(
        first=Min("starts_at"), last=Max("ends_at")
    )
    Activity.objects.filter(pk=activity.pk).update(
        starts_at=span["first"], ends_at=span["last"]
    )
    activity.starts_at, activity.ends_at = span["first"], span["last"]


@transaction.atomic
def add_shift(
    *,
    by: User | None,
    activity: Activity,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    capacity: int,
    label: str = "",
    skills: str = "",
) -> Shift:
    if by is not None:
        require(by, Action.CHANGE, activity)
    if activity.state in (State.COMPLETED, State.CANCELLED):
        raise InvalidStateChange()
    _check_times(starts_at, ends_at)
    shift = Shift(
        activity=activity,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        label=label,
        skills=skills,
    )
    shift.full_clean(exclude=["activity"])
    shift.save()
    refresh_span(activity)
    return shift


def weekly_times(
    *,
    weekdays: Iterable[int],
    start_time: dt.time,
    end_time: dt.time,
    first_day: dt.date,
    last_day: dt.date,
) -> list[tuple[dt.datetime, dt.datetime]]:
    """Start and end of each shift of a weekly pattern, in Vietnam time.

    ``weekdays`` are 0 (Monday) to 6 (Sunday). A shift ending at or before
    its start time ends the next day (a night shift).
    """
    days = set(weekdays)
    if not days or not days <= set(range(7)) or last_day < first_day:
        raise InvalidPattern()
    if (last_day - first_day).days > MAX_PATTERN_WEEKS * 7:
        raise InvalidPattern()

    zone = timezone.get_default_timezone()
    times = []
    day = first_day
    while day <= last_day:
        if day.weekday() in days:
            start = dt.datetime.combine(day, start_time, tzinfo=zone)
            end_day = day if end_time > start_time else day + dt.timedelta(days=1)
            times.append((start, dt.datetime.combine(end_day, end_time, tzinfo=zone)))
        day += dt.timedelta(days=1)
    return times


@transaction.atomic
def add_weekly_shifts(
    *,
    by: User | None,
    activity: Activity,
    weekdays: Iterable[int],
    start_time: dt.time,
    end_time: dt.time,
    first_day: dt.date,
    last_day: dt.date,
    capacity: int,
    skills: str = "",
) -> list[Shift]:
    """Create one shift per matching day between the two dates."""
    if by is not None:
        require(by, Action.CHANGE, activity)
    if activity.state in (State.COMPLETED, State.CANCELLED):
        raise InvalidStateChange()
    times = weekly_times(
        weekdays=weekdays,
        start_time=start_time,
        end_time=end_time,
        first_day=first_day,
        last_day=last_day,
    )
    if not times:
        raise InvalidPattern()
    shifts = [
        Shift(
            activity=activity,
            starts_at=start,
            ends_at=end,
            capacity=capacity,
            skills=skills,
        )
        for start, end in times
    ]
    for shift in shifts:
        shift.full_clean(exclude=["activity"])
    Shift.objects.bulk_create(shifts)
    refresh_span(activity)
    logger.info("activity %s: %s weekly shifts", activity.pk, len(shifts))
    return shifts


@transaction.atomic
def update_shift(
    *,
    by: User | None,
    shift: Shift,
    starts_at: dt.datetime | None = None,
    ends_at: dt.datetime | None = None,
    capacity: int | None = None,
    label: str | None = None,
    skills: str | None = None,
) -> Shift:
    """Change a shift; more places promote the waitlist, fewer are checked."""
    if by is not None:
        require(by, Action.CHANGE, shift.activity)
    locked = Shift.objects.select_for_update().get(pk=shift.pk)
    if starts_at is not None:
        locked.starts_at = starts_at
    if ends_at is not None:
        locked.ends_at = ends_at
    _check_times(locked.starts_at, locked.ends_at)
    if label is not None:
        locked.label = label
    if skills is not None:
        locked.skills = skills
    promoted: list[SignUp] = []
    if capacity is not None:
        if capacity < locked.confirmed_count:
            raise CapacityBelowSignUps(locked.confirmed_count)
        locked.capacity = capacity
        promoted = _promote(locked, capacity - locked.confirmed_count)
        locked.confirmed_count += len(promoted)
    locked.full_clean(exclude=["activity"])
    locked.save()
    refresh_span(locked.activity)
    _tell_promoted(promoted)
    return locked


@transaction.atomic
def cancel_shift(*, by: User | None, shift: Shift) -> Shift:
    if by is not None:
        require(by, Action.CHANGE, shift.activity)
    _cancel_shift(by=by, shift=shift)
    refresh_span(shift.activity)
    return shift


def _cancel_shift(*, by: User | None, shift: Shift) -> None:
    locked = Shift.objects.select_for_update().get(pk=shift.pk)
    people = list(
        User.objects.filter(
            signups__shift=locked,
            signups__status__in=[SignUp.Status.CONFIRMED, SignUp.Status.WAITLISTED],
        )
    )
    locked.signups.active().update(
        status=SignUp.Status.CANCELLED, cancelled_at=timezone.now(), cancelled_by=by
    )
    locked.is_cancelled = True
    locked.confirmed_count = 0
    locked.save(update_fields=["is_cancelled", "confirmed_count"])
    shift.is_cancelled, shift.confirmed_count = True, 0
    if people:
        notify(
            people,
            title=_("Shift cancelled: %(activity)s")
            % {"activity": locked.activity.title},
            body=_("The shift of %(when)s was cancelled by the organiser.")
            % {"when": _local(locked.starts_at)},
            url=reverse("activities:detail", args=[locked.activity_id]),
            key=f"shift-cancelled-{locked.pk}",
        )


# Sign-ups -------------------------------------------------------------


def sign_up(
    *, volunteer: User, shift: Shift | int, added_by: User | None = None
) -> SignUp:
    """Sign the volunteer up: confirmed while there are places, else waitlisted.

    ``added_by`` is the organiser adding someone by hand; they must
    organise the activity. See the module's doc for the locking.
    """
    shift_id = shift.pk if isinstance(shift, Shift) else shift
    if added_by is not None:
        activity = Activity.objects.filter(shifts__pk=shift_id).first()
        if activity is None:
            raise NotFound()
        require(added_by, Action.CHANGE, activity)

    try:
        with transaction.atomic():
            signup = _sign_up_locked(volunteer, shift_id, added_by)
            _queue_signed_up_notice(signup)
    except IntegrityError:
        # The unique index over active sign-ups: the same person's other
        # request won the race.
        raise AlreadySignedUp() from None

    logger.info(
        "sign-up %s: user %s shift %s %s",
        signup.pk,
        volunteer.pk,
        shift_id,
        signup.status,
    )
    return signup


def _sign_up_locked(volunteer: User, shift_id: int, added_by: User | None) -> SignUp:
    # The person's own row first: their parallel requests queue here, so
    # the clash read below sees what the other one wrote.
    rush.lock_person(volunteer.pk)

    # One statement takes the shift's row lock (not its activity's, which
    # the other shifts share) and reads all that decides: the shift's
    # state, its count, and any active sign-up of the person's at an
    # overlapping time. That read may run on a snapshot older than the
    # lock, but only for other people's sign-ups: this person's other
    # requests wait on their user row.
    shift = rush.read_shift(shift_id, volunteer.pk)
    if shift is None:
        raise NotFound()
    _check_open(shift)
    _check_age(volunteer, shift, by_organiser=added_by is not None)
    if shift.clash == shift_id:
        raise AlreadySignedUp()
    if shift.clash is not None:
        raise OverlappingShift()

    # Held until the commit: raise the count if there is room, insert the
    # sign-up and its notice's task. Nothing else happens under the lock.
    has_room = shift.confirmed_count < shift.capacity
    if has_room:
        rush.take_place(shift_id)
    status = SignUp.Status.CONFIRMED if has_room else SignUp.Status.WAITLISTED
    return rush.insert_signup(
        shift_id=shift_id, volunteer=volunteer, status=status, added_by=added_by
    )


def _check_open(shift: rush.ShiftState) -> None:
    if shift.is_cancelled:
        raise ShiftCancelled()
    if shift.activity_state != State.PUBLISHED:
        raise ShiftClosed()
    if shift.starts_at <= timezone.now():
        raise ShiftInPast()


def _check_age(volunteer: User, shift: rush.ShiftState, *, by_organiser: bool) -> None:
    # Only values already read: the person's loaded row and the locked
    # statement's columns, so the rule costs no statement under the lock.
    minimum = shift.minimum_age
    if not minimum:
        return
    age = age_on_shift_day(volunteer, shift.starts_at)
    if age is None:
        raise BirthDateMissing(added_by_organiser=by_organiser)
    if age < minimum:
        raise TooYoung(minimum, added_by_organiser=by_organiser)


def age_on_shift_day(volunteer: User, starts_at: dt.datetime) -> int | None:
    """The age that counts for a shift: on its day in Vietnam."""
    vietnam = timezone.get_default_timezone()
    return volunteer.age_on(timezone.localtime(starts_at, vietnam).date())


def _queue_signed_up_notice(signup: SignUp) -> None:
    """Queue the task that writes the volunteer's notice.

    When the queue is a table of this database, its row joins the sign-up's
    transaction: one commit instead of two, and the notice is queued exactly
    when the sign-up is made. Any other queue is handed the task only after
    the commit, so that its worker never looks for a sign-up not yet
    there; robust, as the sign-up stands whatever happens to the queue.
    """
    if isinstance(tell_signed_up.get_backend(), DatabaseBackend):
        tell_signed_up.enqueue(signup_id=signup.pk)
        return
    transaction.on_commit(
        lambda: tell_signed_up.enqueue(signup_id=signup.pk), robust=True
    )


def cancel_signup(*, by: User, signup: SignUp) -> SignUp:
    """Cancel a sign-up; the first on the waitlist takes the place.

    The volunteer may cancel until the organiser's cutoff; organisers
    remove people at any time.
    """
    shift = signup.shift
    activity = shift.activity
    is_own = by.pk == signup.volunteer_id
    if not is_own:
        require(by, Action.CHANGE, activity)
    elif timezone.now() > shift.starts_at - dt.timedelta(
        hours=activity.cancellation_cutoff_hours
    ):
        raise CancellationClosed()

    with transaction.atomic():
        Shift.objects.select_for_update().filter(pk=shift.pk).values("pk").get()
        current = SignUp.objects.get(pk=signup.pk)
        if current.status == SignUp.Status.CANCELLED:
            raise NotSignedUp()
        was_confirmed = current.status == SignUp.Status.CONFIRMED
        signup.cancelled_at = timezone.now()
        SignUp.objects.filter(pk=signup.pk).update(
            status=SignUp.Status.CANCELLED,
            cancelled_at=signup.cancelled_at,
            cancelled_by=by,
        )
        promoted = _promote(shift, 1) if was_confirmed else []
        if was_confirmed and not promoted:
            Shift.objects.filter(pk=shift.pk).update(
                confirmed_count=F("confirmed_count") - 1
            )
        _tell_promoted(promoted)

    signup.status = SignUp.Status.CANCELLED
    signup.cancelled_by = by
    logger.info("sign-up %s cancelled by user %s", signup.pk, by.pk)
    return signup


def _promote(shift: Shift, places: int) -> list[SignUp]:
    """Confirm the first people on the waitlist; the caller holds the lock."""
    if places <= 0:
        return []
    first = list(SignUp.objects.filter(shift_id=shift.pk).waitlisted()[:places])
    if first:
        SignUp.objects.filter(pk__in=[s.pk for s in first]).update(
            status=SignUp.Status.CONFIRMED, promoted_at=timezone.now()
        )
    return first


def _tell_promoted(promoted: list[SignUp]) -> None:
    for signup in promoted:
        signup.status = SignUp.Status.CONFIRMED
        shift = Shift.objects.select_related("activity").get(pk=signup.shift_id)
        notify(
            [signup.volunteer],
            title=_("You have a place: %(activity)s")
            % {"activity": shift.activity.title},
            body=_(
                "A place opened up and you moved up from the waitlist for "
                "the shift of %(when)s. If you can no longer come, please "
                "cancel so the next person can go."
            )
            % {"when": _local(shift.starts_at)},
            url=reverse("activities:signup-ics", args=[signup.pk]),
            key=f"signup-{signup.pk}-promoted",
        )


@task()
def tell_signed_up(*, signup_id: int) -> None:
    """Tell the volunteer they are confirmed or on the waitlist."""
    signup = (
        SignUp.objects.select_related("volunteer", "shift__activity__ward")
        .filter(pk=signup_id)
        .first()
    )
    if signup is None or signup.status == SignUp.Status.CANCELLED:
        return
    shift = signup.shift
    attachments: tuple[Attachment, ...] = ()
    if signup.status == SignUp.Status.CONFIRMED:
        title = _("Signed up: %(activity)s")
        body = _("Your place for the shift of %(when)s is confirmed.")

        # The entry rides along so one tap puts the shift in any calendar app,
        # without signing in to fetch it.
        entry = calendar_for([signup], name=shift.activity.title)
        attachments = (
            Attachment(f"ca-{shift.pk}.ics", entry.decode(), "text/calendar"),
        )
    else:
        title = _("On the waitlist: %(activity)s")
        body = _(
            "The shift of %(when)s is full; you are on its waitlist and will "
            "be told if a place opens up."
        )
    notify(
        [signup.volunteer],
        title=title % {"activity": shift.activity.title},
        body=body % {"when": _local(shift.starts_at)},
        url=reverse("activities:signup-ics", args=[signup.pk]),
        key=f"signup-{signup.pk}-{signup.status}",
        attachments=attachments,
    )


def _local(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%H:%M %d/%m/%Y")


# Approval settings ------------------------------------------------------


@transaction.atomic
def set_requires_approval(*, by: User | None, unit: Any, required: bool) -> None:
    if by is not None:
        require(by, Action.CHANGE, unit)
    ApprovalSetting.objects.update_or_create(
        unit=unit, defaults={"requires_approval": required}
    )
