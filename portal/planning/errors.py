"""Business-rule errors raised when plans are made and answered."""

from django.utils.translation import gettext_lazy as _

from portal.core.errors import PortalError


class PlanDatesInvalid(PortalError):
    code = "plan_dates_invalid"
    default_message = _("“To” must be on or after “From”.")

    def __init__(self, message: object = None) -> None:
        super().__init__(message, field="ends_on")


class PlanTooLong(PortalError):
    code = "plan_too_long"
    default_message = _(
        "“To”: a plan covers at most 62 days; choose a week or a campaign's days."
    )

    def __init__(self, message: object = None) -> None:
        super().__init__(message, field="ends_on")


class PlanInThePast(PortalError):
    code = "plan_in_the_past"
    default_message = _("“From” has passed: plan for today or later.")

    def __init__(self, message: object = None) -> None:
        super().__init__(message, field="starts_on")


class PlanNotSent(PortalError):
    status = 409
    code = "plan_not_sent"
    default_message = _("This plan has not been sent to teams yet.")


class PlanAlreadySent(PortalError):
    status = 409
    code = "plan_already_sent"
    default_message = _("This plan was already sent to its teams.")


class AssignmentAlreadyDecided(PortalError):
    status = 409
    code = "assignment_already_decided"
    default_message = _("This suggestion was already accepted or declined.")
