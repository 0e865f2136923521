"""Business-rule errors raised when visits are asked or answered and needs
are claimed."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from portal.core.errors import PortalError


class VisitTimeInvalid(PortalError):
    code = "visit_time_invalid"
    default_message = _("The visit must end after it starts.")


class ActivityElsewhere(PortalError):
    code = "activity_elsewhere"
    default_message = _("The activity does not take place at this site.")


class VisitInPast(PortalError):
    code = "visit_in_past"
    default_message = _("Choose a start time in the future.")


class OutsideVisitingHours(PortalError):
    """The site welcomes visitors only in its weekly slots."""

    status = 409
    code = "outside_visiting_hours"
    default_message = _("The site does not welcome visitors at this time.")


class OverVisitorLimit(PortalError):
    """More people than the site takes at once."""

    status = 409
    code = "over_visitor_limit"
    default_message = _("The site cannot take this many visitors at once.")


class VisitClash(PortalError):
    """Warnings the team must see before asking; it may ask anyway.

    Pages show the warnings and a box to tick; the API answers 409 with
    them and takes ``confirm_clash`` to ask anyway.
    """

    status = 409
    code = "visit_clash"
    default_message = _(
        "This visit clashes with others at the site. Read the warnings; to "
        "ask anyway, confirm and send again."
    )

    def __init__(self, warnings: list[str], message: Any = None) -> None:
        self.warnings = warnings
        super().__init__(message, field="starts_at")

    def as_dict(self) -> dict[str, Any]:
        body = super().as_dict()
        body["warnings"] = [str(w) for w in self.warnings]
        return body


class VisitNotAnswerable(PortalError):
    status = 409
    code = "visit_not_answerable"
    default_message = _("This visit has already been answered or cancelled.")


class VisitNotCancellable(PortalError):
    status = 409
    code = "visit_not_cancellable"
    default_message = _("This visit can no longer be cancelled.")


class TeamCannotAct(PortalError):
    status = 409
    code = "team_not_active"
    default_message = _(
        "Only an active team that is not suspended can ask for visits or claim needs."
    )


class NeedNotOpen(PortalError):
    status = 409
    code = "need_not_open"
    default_message = _("This need is no longer open to claims.")


class ClaimOverQuantity(PortalError):
    status = 409
    code = "over_quantity"
    default_message = _("The claim is more than what remains of this need.")


class DeliveryDateInvalid(PortalError):
    code = "deliver_by_invalid"
    default_message = _("The delivery date cannot be in the past.")


class ClaimNotActive(PortalError):
    status = 409
    code = "claim_not_active"
    default_message = _("This claim has already been delivered, lapsed or withdrawn.")
