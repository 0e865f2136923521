"""Reads for activities, shifts and sign-ups."""

from typing import Any

from portal.access.policy import Action, can
from portal.activities.models import Activity


def is_organiser(user: Any, activity: Activity) -> bool:
    """Whether the person runs this activity.

    Organisers are the managers of the activity's team, the officers of
    its managing unit and of the units above it, and city coordinators;
    ``portal.access.policy`` decides, as for every other change.
    """
    if user is None or not user.is_authenticated:
        return False
    return can(user, Action.CHANGE, activity)
