"""Business-rule errors raised when sites and their needs change."""

from django.utils.translation import gettext_lazy as _

from portal.core.errors import PortalError
from portal.teams.errors import MergeRefused, PossibleDuplicate

__all__ = [
    "MergeRefused",
    "NegativeCount",
    "PositionOutsideVietnam",
    "PossibleDuplicate",
    "SlotEndsBeforeStart",
]

# Vietnam's mainland and islands lie within these bounds.
LATITUDE_RANGE = (8, 24)
LONGITUDE_RANGE = (102, 110)


class PositionOutsideVietnam(PortalError):
    code = "position_outside_vietnam"


class NegativeCount(PortalError):
    code = "negative_count"
    default_message = _("The number of people in a group cannot be negative.")


class SlotEndsBeforeStart(PortalError):
    code = "slot_ends_before_start"
    default_message = _(
        "In the visiting times, each slot must end after it starts "
        '("to" later than "from").'
    )
