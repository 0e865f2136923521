"""Personal data: what the portal holds about a person, exports, deletion.

``log_export(user=, what=, count=, subject=None)`` is for every app: call
it whenever someone downloads or is shown, in bulk, personal data of
other people (a roster with phone numbers, a list of volunteers), and
when a person downloads their own data. ``what`` says what was taken in a
few words ("roster of shift 12 with phone numbers"); ``count`` how many
rows; ``subject`` the one person it was about, when there is one. It
writes one ``ExportLog`` row in the caller's transaction.

Deleting an account anonymises the person rather than deleting the row:
name, e-mail, phone and password go, the account can no longer sign in,
memberships, notices and future sign-ups are removed, and certificates are
revoked. Hour records stay, attached to the anonymous row, so the hours of
activities and units keep their totals.
"""

import datetime as dt
import logging
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.activities.models import SignUp
from portal.activities.services import cancel_signup
from portal.core.errors import PortalError
from portal.hours.errors import PasswordMismatch
from portal.hours.models import Certificate, ExportLog, HourRecord

logger = logging.getLogger(__name__)

# Why the portal keeps each kind of data; shown on the person's data page.
PURPOSES = [
    (
        _("Name, e-mail and phone number"),
        _("To sign you in, and so organisers can reach you about shifts."),
    ),
    (
        _("Date of birth (if you gave it)"),
        _("To check the minimum age of the activities you sign up for."),
    ),
    (
        _("Sign-ups and check-ins"),
        _("To give you a place on shifts and to record that you came."),
    ),
    (
        _("Hours and certificates"),
        _(
            "To count your volunteer hours and social-work days, and to "
            "let schools check your certificates."
        ),
    ),
    (
        _("Roles in units, teams and sites"),
        _("To decide what you may see and change."),
    ),
]

DELETED_NAME = "Tình nguyện viên đã xoá tài khoản"


@transaction.atomic
def log_export(*, user: Any, what: str, count: int, subject: Any = None) -> ExportLog:
    """Record one export of personal data. See the module's docstring."""
    entry = ExportLog.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        what=str(what)[:200],
        count=max(int(count), 0),
        subject=subject,
    )
    logger.info(
        "personal data exported by %s: %s (%s rows)",
        entry.user_id,
        entry.what,
        entry.count,
    )
    return entry


def _when(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def personal_data(user: Any) -> dict[str, Any]:
    """Everything the portal holds about this person, as plain data."""
    return {
        "account": {
            "full_name": user.full_name,
            "email": user.email,
            "phone": user.phone,
            "birth_date": user.birth_date.isoformat() if user.birth_date else None,
            "date_joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
            "consented_at": _when(user.consented_at),
        },
        "purposes": [
            {"data": str(what), "purpose": str(why)} for what, why in PURPOSES
        ],
        "unit_roles": [
            {"unit": m.unit.name, "role": m.get_role_display()}
            for m in user.memberships.select_related("unit")
        ],
        "team_roles": [
            {"team": m.team.name, "role": m.get_role_display()}
            for m in user.team_memberships.select_related("team")
        ],
        "site_contacts": [
            {"site": c.site.name} for c in user.site_contacts.select_related("site")
        ],
        "signups": [
            {
                "activity": s.shift.activity.title,
                "shift_starts": _when(s.shift.starts_at),
                "shift_ends": _when(s.shift.ends_at),
                "status": s.status,
                "signed_up_at": _when(s.created_at),
                "cancelled_at": _when(s.cancelled_at),
            }
            for s in SignUp.objects.filter(volunteer=user).select_related(
                "shift__activity"
            )
        ],
        "hours": [
            {
                "date": r.work_date.isoformat(),
                "kind": r.kind,
                "status": r.status,
                "activity": r.activity.title if r.activity_id else None,
                "unit": r.unit.name,
                "checked_in_at": _when(r.check_in_at),
                "checked_out_at": _when(r.check_out_at),
                "verified_minutes": r.minutes,
                "reported_minutes": r.reported_minutes,
                "description": r.description,
                "organisation": r.organisation,
                "reason": r.reason,
            }
            for r in HourRecord.objects.filter(volunteer=user).select_related(
                "activity", "unit"
            )
        ],
        "certificates": [
            {
                "id": c.public_id,
                "activity": c.activity_title,
                "minutes": c.minutes,
                "issued_at": _when(c.issued_at),
                "revoked_at": _when(c.revoked_at),
            }
            for c in Certificate.objects.filter(volunteer=user)
        ],
        "notices": [
            {"title": n.title, "sent_at": _when(n.created_at)}
            for n in user.notices.all()[:500]
        ],
        "exports_of_your_data": [
            {"what": e.what, "rows": e.count, "at": _when(e.created_at)}
            for e in ExportLog.objects.filter(subject=user)[:500]
        ],
    }


def rows_in(data: dict[str, Any]) -> int:
    return sum(len(v) if isinstance(v, list) else 1 for v in data.values())


@transaction.atomic
def delete_account(*, user: Any, password: str, now: dt.datetime | None = None) -> None:
    """Erase the person, keep their hours in the totals. See the docstring."""
    if not user.check_password(password or ""):
        raise PasswordMismatch()
    now = now or timezone.now()

    # Future places go back to others, through the activities' service so
    # that the waitlist moves up.
    future = SignUp.objects.filter(volunteer=user, shift__starts_at__gt=now).exclude(
        status=SignUp.Status.CANCELLED
    )
    _cancel_signups(user, list(future))

    Certificate.objects.filter(volunteer=user, revoked_at__isnull=True).update(
        revoked_at=now, revoked_reason="account deleted"
    )
    Certificate.objects.filter(volunteer=user).update(holder_name=DELETED_NAME)
    HourRecord.objects.filter(volunteer=user).update(description="", organisation="")
    user.memberships.all().delete()
    user.team_memberships.all().delete()
    user.site_contacts.all().delete()
    user.notices.all().delete()

    user.full_name = DELETED_NAME
    # An account must keep an e-mail or a phone; this address cannot
    # receive mail (.invalid is reserved) and names nobody.
    user.email = f"deleted-{user.pk}@deleted.invalid"
    user.phone = None
    user.set_unusable_password()
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.consented_at = None
    user.birth_date = None
    user.save()
    logger.info("account %s deleted and anonymised", user.pk)


def _cancel_signups(user: Any, signups: list[SignUp]) -> None:
    """Give future places back, moving the waitlist up.

    Inside an activity's cancellation cutoff the volunteer may not cancel;
    the place then stays with the anonymous account, and the organiser
    sees an unnamed person they can remove or mark as not come.
    """
    for signup in signups:
        try:
            cancel_signup(by=user, signup=signup)
        except PortalError as error:
            logger.info(
                "sign-up %s kept on deleting user %s: %s",
                signup.pk,
                user.pk,
                error.code,
            )
