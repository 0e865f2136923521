"""Business-rule errors of check-in, hours, certificates and personal data."""

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from portal.core.errors import PortalError


class CodeForged(PortalError):
    code = "code_forged"
    default_message = _(
        "Check-in code: this code was not issued by the portal. Scan the QR "
        "code again or type the code exactly as shown."
    )


class CodeExpired(PortalError):
    code = "code_expired"
    default_message = _(
        "Check-in code: this code has expired. Ask the volunteer to open "
        "their check-in page again for a fresh code."
    )


class CodeReused(PortalError):
    status = 409
    code = "code_reused"
    default_message = _(
        "Check-in code: this code has already been used. Each volunteer code "
        "works once; show a fresh one."
    )


class CodeOutsideShift(PortalError):
    code = "code_outside_shift"
    default_message = _(
        "Check-in code: this shift's code works only from 30 minutes before "
        "it starts until 2 hours after it ends."
    )


class NotSignedUp(PortalError):
    code = "not_signed_up"
    default_message = _("Check-in: this person has no confirmed place on this shift.")


class NotOrganiser(PortalError):
    status = 403
    code = "not_organiser"
    default_message = _(
        "Check-in: only the organisers of this activity may scan volunteers' codes."
    )


class AlreadyCheckedOut(PortalError):
    status = 409
    code = "already_checked_out"
    default_message = _(
        "Check-in: this volunteer has already checked in and out of this shift."
    )


class AlreadyCheckedIn(PortalError):
    status = 409
    code = "already_checked_in"
    default_message = _(
        "Check-in: you have already checked in to this shift; scan the "
        "check-out code when you leave."
    )


class NotCheckedIn(PortalError):
    status = 409
    code = "not_checked_in"
    default_message = _(
        "Check-out: this volunteer has not checked in to this shift yet."
    )


class HoursLongerThanShift(PortalError):
    code = "hours_longer_than_shift"
    default_message = _(
        "Hours: more than the shift lasted. Enter at most the length of the shift."
    )

    def __init__(self, limit_hours: Decimal | None = None) -> None:
        message = None
        if limit_hours is not None:
            message = _(
                "Hours: more than the shift lasted (%(limit)s hours). Enter at "
                "most the length of the shift."
            ) % {"limit": number_format(limit_hours, 2)}
        super().__init__(message, field="hours")


class HoursInvalid(PortalError):
    code = "hours_invalid"
    default_message = _(
        "Hours: enter a number of hours greater than 0 and at most 24, e.g. 3.5."
    )

    def __init__(self, message: object = None) -> None:
        super().__init__(message, field="hours")


class ReasonMissing(PortalError):
    code = "reason_missing"
    default_message = _("Reason: say why the hours differ from the check-in times.")

    def __init__(self) -> None:
        super().__init__(field="reason")


class SelfApproval(PortalError):
    status = 403
    code = "self_approval"
    default_message = _(
        "Hours: you cannot verify or approve your own hours; another "
        "organiser or an officer must."
    )


class AlreadyDecided(PortalError):
    status = 409
    code = "already_decided"
    default_message = _("Hours: this record has already been verified or rejected.")


class ShiftNotOver(PortalError):
    code = "shift_not_over"
    default_message = _(
        "Hours: the shift has not ended yet; verify hours after it ends."
    )


class ReportInvalid(PortalError):
    code = "report_invalid"
    default_message = _("Reported hours: some fields are not valid.")


class NoVerifiedHours(PortalError):
    status = 409
    code = "no_verified_hours"
    default_message = _(
        "Certificate: you have no verified hours for this activity yet."
    )


class PasswordMismatch(PortalError):
    code = "password_mismatch"
    default_message = _(
        "Password: this is not your password; the account was not deleted."
    )

    def __init__(self) -> None:
        super().__init__(field="password")
