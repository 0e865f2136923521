"""Reads for plans and the suggestions in them."""

from typing import Any

from django.db.models import QuerySet

from portal.access.policy import managed, scope_of
from portal.planning.models import PlanAssignment
from portal.teams.models import Team


def assignments_for(user: Any) -> QuerySet[PlanAssignment]:
    """Suggestions from sent plans for the teams the user answers for.

    A plan not yet sent is the coordinators' draft: teams do not see it.
    """
    qs = managed(user, PlanAssignment).select_related("plan", "team", "site__ward")
    if not scope_of(user).is_coordinator:
        qs = qs.filter(plan__sent_at__isnull=False)
    return qs.order_by("status", "-plan__starts_on", "-neglect", "pk")


def teams_answered_by(user: Any) -> QuerySet[Team]:
    """Teams whose suggestions the user may see: managers and officers."""
    return managed(user, Team).order_by("name")
