"""Business-rule errors for activities, shifts and sign-ups."""

from django.utils.translation import gettext_lazy as _

from portal.core.errors import PortalError


class ShiftClosed(PortalError):
    """The shift cannot take sign-ups: its activity is not published."""

    status = 409
    code = "shift_closed"
    default_message = _("Shift: this activity is not open for sign-up.")


class ShiftCancelled(PortalError):
    status = 409
    code = "shift_cancelled"
    default_message = _("Shift: this shift was cancelled; choose another one.")


class ShiftInPast(PortalError):
    status = 409
    code = "shift_in_past"
    default_message = _("Shift: this shift has already started or ended.")


class AlreadySignedUp(PortalError):
    status = 409
    code = "already_signed_up"
    default_message = _("Shift: you are already signed up for this shift.")


class OverlappingShift(PortalError):
    status = 409
    code = "overlapping_shift"
    default_message = _(
        "Shift: you are already signed up for another shift at the same time."
    )


class BirthDateMissing(PortalError):
    status = 409
    code = "birth_date_missing"
    default_message = _(
        "Age: this activity has a minimum age. Enter your date of birth under "
        "My personal data > Date of birth, then sign up again."
    )

    def __init__(self, *, added_by_organiser: bool = False) -> None:
        message = None
        if added_by_organiser:
            message = _(
                "Age: this activity has a minimum age and this volunteer has "
                "not entered a date of birth; ask them to enter it under My "
                "personal data > Date of birth."
            )
        super().__init__(message)


class TooYoung(PortalError):
    status = 409
    code = "too_young"
    default_message = _("Age: you are under this activity's minimum age.")

    def __init__(self, minimum_age: int, *, added_by_organiser: bool = False) -> None:
        if added_by_organiser:
            message = _(
                "Age: this activity is for volunteers aged %(age)s and over; "
                "this volunteer is younger on the day of the shift."
            )
        else:
            message = _(
                "Age: this activity is for volunteers aged %(age)s and over; "
                "you are younger on the day of the shift."
            )
        super().__init__(message % {"age": minimum_age})


class CancellationClosed(PortalError):
    status = 409
    code = "cancellation_closed"
    default_message = _(
        "Sign-up: cancelling is closed this close to the shift; "
        "please contact the organiser."
    )


class NotSignedUp(PortalError):
    status = 409
    code = "not_signed_up"
    default_message = _("Sign-up: this sign-up is already cancelled.")


class CapacityBelowSignUps(PortalError):
    code = "capacity_below_signups"
    default_message = _(
        "Places: the number of places cannot be lower than the number of "
        "volunteers already confirmed."
    )

    def __init__(self, confirmed: int) -> None:
        super().__init__(
            _(
                "Places: %(confirmed)s volunteers are already confirmed; the "
                "number of places cannot be lower. Remove people first."
            )
            % {"confirmed": confirmed},
            field="capacity",
        )


class InvalidShiftTimes(PortalError):
    code = "invalid_shift_times"
    default_message = _("Shift: the end must come after the start.")


class InvalidPattern(PortalError):
    code = "invalid_pattern"
    default_message = _(
        "Weekly shifts: choose at least one day, and a first date no later "
        "than the last (at most 26 weeks)."
    )


class InvalidStateChange(PortalError):
    status = 409
    code = "invalid_state_change"
    default_message = _("Activity: this change is not possible in its current state.")


class NoShifts(PortalError):
    code = "no_shifts"
    default_message = _("Activity: add at least one shift before publishing.")
