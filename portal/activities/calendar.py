"""Calendar files: one shift's .ics, and a volunteer's private feed."""

import secrets
from collections.abc import Iterable

import icalendar
from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from portal.accounts.models import User
from portal.activities.models import CalendarFeed, SignUp

PRODUCT_ID = "-//Thanh Doan TP.HCM//Cong tinh nguyen//VI"


def _event(signup: SignUp) -> icalendar.Event:
    shift = signup.shift
    activity = shift.activity
    event = icalendar.Event()
    domain = settings.PORTAL_BASE_URL.split("//")[-1].split("/")[0]
    event.add("uid", f"signup-{signup.pk}@{domain}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", shift.starts_at)
    event.add("dtend", shift.ends_at)
    summary = activity.title
    if signup.status == SignUp.Status.WAITLISTED:
        summary = f"[Danh sách chờ] {summary}"
    event.add("summary", summary)
    location = ", ".join(
        part for part in (activity.place, getattr(activity.ward, "name", "")) if part
    )
    if location:
        event.add("location", location)
    url = settings.PORTAL_BASE_URL.rstrip("/") + reverse(
        "activities:detail", args=[activity.pk]
    )
    event.add("url", url)
    event.add("description", url)
    if signup.status == SignUp.Status.CANCELLED or shift.is_cancelled:
        event.add("status", "CANCELLED")
    else:
        event.add("status", "CONFIRMED")
    return event


def calendar_for(signups: Iterable[SignUp], name: str) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODUCT_ID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    for signup in signups:
        cal.add_component(_event(signup))
    return cal.to_ical()


def feed_token(volunteer: User) -> str:
    """The volunteer's feed token, made on first use."""
    feed = CalendarFeed.objects.filter(volunteer=volunteer).first()
    if feed is not None:
        return feed.token
    try:
        with transaction.atomic():
            feed = CalendarFeed.objects.create(
                volunteer=volunteer, token=secrets.token_urlsafe(32)
            )
    except IntegrityError:
        feed = CalendarFeed.objects.get(volunteer=volunteer)
    return feed.token


@transaction.atomic
def renew_feed_token(*, volunteer: User) -> str:
    """A new secret: the old feed address stops working."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(
        volunteer=volunteer, defaults={"token": token}
    )
    return token


def feed_signups(token: str) -> tuple[User, list[SignUp]] | None:
    feed = CalendarFeed.objects.select_related("volunteer").filter(token=token).first()
    if feed is None or not feed.volunteer.is_active:
        return None
    since = timezone.now() - timezone.timedelta(days=60)
    signups = list(
        SignUp.objects.filter(volunteer=feed.volunteer, shift__ends_at__gte=since)
        .exclude(status=SignUp.Status.CANCELLED)
        .select_related("shift__activity__ward")
        .order_by("shift__starts_at")
    )
    return feed.volunteer, signups
