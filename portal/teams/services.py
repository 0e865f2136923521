"""Changes to teams. Every write goes through here, inside a transaction."""

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone

from portal.access.policy import Action, forget_scope, require
from portal.accounts.models import User
from portal.teams.models import Team, TeamMembership

logger = logging.getLogger(__name__)


@transaction.atomic
def create_team(*, by: User | None, **fields: Any) -> Team:
    many = {k: fields.pop(k) for k in ("fields", "area_wards") if k in fields}
    team = Team(**fields)
    if by is not None:
        require(by, Action.CHANGE, team.unit)
    team.refresh_derived()
    team.full_clean()
    team.save()
    for name, values in many.items():
        getattr(team, name).set(values)
    logger.info("team %s created in unit %s", team.pk, team.unit_id)
    return team


@transaction.atomic
def update_team(*, by: User, team: Team, **changes: Any) -> Team:
    # Compare with the stored row, not the instance: a bound form may have
    # written the new values onto the instance already.
    stored = Team.objects.select_for_update().get(pk=team.pk)
    require(by, Action.CHANGE, stored)
    if changes.get("verification", stored.verification) != stored.verification:
        require(by, Action.VERIFY, stored)
    new_unit = changes.get("unit", stored.unit)
    if new_unit.pk != stored.unit_id:
        require(by, Action.VERIFY, stored)
        require(by, Action.CHANGE, new_unit)

    many = {k: changes.pop(k) for k in ("fields", "area_wards") if k in changes}
    for name, value in changes.items():
        setattr(team, name, value)
    if team.verification != stored.verification:
        team.verified_by = by
        team.verified_at = timezone.now()
    team.refresh_derived()
    team.full_clean()
    team.save()
    for name, values in many.items():
        getattr(team, name).set(values)
    return team


@transaction.atomic
def add_team_manager(*, team: Team, user: User) -> TeamMembership:
    membership, _ = TeamMembership.objects.update_or_create(
        team=team, user=user, defaults={"role": TeamMembership.Role.MANAGER}
    )
    forget_scope(user)
    logger.info("user %s manages team %s", user.pk, team.pk)
    return membership
