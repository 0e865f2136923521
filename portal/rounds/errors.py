"""Business-rule errors of collection rounds."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from portal.core.errors import PortalError


class InvalidLetter(PortalError):
    code = "invalid_letter"
    default_message = _("Letter: attach a PDF file of at most 10 MB.")

    def __init__(self, message: Any = None) -> None:
        super().__init__(message, field="letter")


class InvalidDates(PortalError):
    code = "invalid_dates"
    default_message = _("Deadline: the deadline must not be before the opening date.")

    def __init__(self, message: Any = None) -> None:
        super().__init__(message, field="due_on")


class NoUnitsAsked(PortalError):
    code = "no_units"
    default_message = _("Units asked: pick at least one unit, or all direct units.")

    def __init__(self, message: Any = None) -> None:
        super().__init__(message, field="units")


class UnitsAlreadyAsked(PortalError):
    code = "units_already_asked"
    default_message = _(
        "Units asked: every unit you chose is already asked by this round."
    )

    def __init__(self, message: Any = None) -> None:
        super().__init__(message, field="units")


class UnitOutsideScope(PortalError):
    code = "unit_outside_scope"
    default_message = _(
        "Units asked: some units you chose are closed or outside your scope; "
        "choose from the list."
    )

    def __init__(self, message: Any = None) -> None:
        super().__init__(message, field="units")


class RoundNotOpen(PortalError):
    status = 409
    code = "round_not_open"
    default_message = _("This round has not opened yet; submit from its opening date.")


class RefusedRecords(PortalError):
    """Some records lack a required column; nothing was submitted."""

    status = 422
    code = "refused_records"
    default_message = _(
        "Nothing was submitted: some records lack required columns. Fix the "
        "records listed below, then submit again."
    )

    def __init__(self, refusals: list[Any]) -> None:
        self.refusals = refusals
        super().__init__()

    def as_dict(self) -> dict[str, Any]:
        body = super().as_dict()
        body["records"] = [
            {
                "list": r.kind,
                "id": r.id,
                "name": r.name,
                "unit": r.unit,
                "missing": list(r.missing),
            }
            for r in self.refusals
        ]
        return body


class AlreadySubmitted(PortalError):
    status = 409
    code = "already_submitted"
    default_message = _(
        "This unit's lists were already submitted and await review. Withdraw "
        "that submission first if you need to send a new one."
    )


class AlreadyApproved(PortalError):
    status = 409
    code = "already_approved"
    default_message = _("This unit's submission was already approved.")


class NotAwaitingReview(PortalError):
    status = 409
    code = "not_awaiting_review"
    default_message = _(
        "This submission no longer awaits review: it was withdrawn or "
        "already reviewed. Reload the page to see where it stands."
    )


class CommentRequired(PortalError):
    code = "comment_required"
    default_message = _("Returning: say what to fix, overall or on a record.")

    def __init__(self, message: Any = None) -> None:
        super().__init__(message, field="note")


class NotAnAskedUnit(PortalError):
    status = 404
    code = "not_asked"
    default_message = _("This round does not ask this unit.")
