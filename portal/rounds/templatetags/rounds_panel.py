"""``{% rounds_panel %}``: the rounds asking the user's units, for any page.

Put ``{% load rounds_panel %}{% rounds_panel %}`` on a page (the person's
own page) to show, at a glance, which rounds wait on their units.
"""

from typing import Any

from django import template
from django.utils import timezone

from portal.rounds import selectors
from portal.rounds.models import Assignment

register = template.Library()

WAITING = (
    Assignment.State.NOT_STARTED,
    Assignment.State.IN_PROGRESS,
    Assignment.State.RETURNED,
)


@register.inclusion_tag("rounds/_panel.html", takes_context=True)
def rounds_panel(context: dict[str, Any]) -> dict[str, Any]:
    user = context["request"].user
    if not user.is_authenticated:
        return {"assignments": []}
    today = timezone.localdate()
    waiting = list(
        selectors.assignments_for(user).filter(
            state__in=WAITING, round__opens_on__lte=today
        )[:10]
    )
    for assignment in waiting:
        assignment.days_left = (assignment.round.due_on - today).days
    return {
        "assignments": waiting,
        "unread": selectors.unread_announcements(user),
    }
