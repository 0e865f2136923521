"""Changes to teams. Every write goes through here, inside a transaction."""

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone

from portal.access.policy import Action, forget_scope, require, scope_of
from portal.accounts.models import User
from portal.core.errors import AccessDenied
from portal.teams.errors import MergeRefused, PossibleDuplicate
from portal.teams.models import Team, TeamMembership
from portal.teams.selectors import possible_duplicates

logger = logging.getLogger(__name__)

_MANY = ("fields", "area_wards")
# Filled on the team kept by a merge when it has no value of its own.
_FILLED_BY_MERGE = (
    "ward", "founded_on", "founded_year", "member_count", "area_text",
    "phone", "email", "notes",
)  # fmt: skip


def _refuse_duplicates(team: Team) -> None:
    candidates = list(possible_duplicates(team).select_related("ward")[:10])
    if candidates:
        raise PossibleDuplicate(candidates)


def _stamp_verification(team: Team, by: User | None) -> None:
    team.verified_by = by
    team.verified_at = timezone.now()


@transaction.atomic
def create_team(
    *, by: User | None, confirm_duplicate: bool = False, **fields: Any
) -> Team:
    """Create a team; people must confirm a possible duplicate first.

    Loads by the system (``by=None``: demo data, imports) are not checked
    for duplicates: they report theirs in their own way.
    """
    many = {k: fields.pop(k) for k in _MANY if k in fields}
    team = Team(**fields)
    if by is not None:
        require(by, Action.CHANGE, team.unit)
    team.refresh_derived()
    if by is not None and not confirm_duplicate:
        _refuse_duplicates(team)
    if team.verification != Team.Verification.AWAITING:
        _stamp_verification(team, by)
    team.full_clean()
    team.save()
    for name, values in many.items():
        getattr(team, name).set(values)
    logger.info("team %s created in unit %s", team.pk, team.unit_id)
    return team


@transaction.atomic
def update_team(
    *, by: User, team: Team, confirm_duplicate: bool = False, **changes: Any
) -> Team:
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

    many = {k: changes.pop(k) for k in _MANY if k in changes}
    for name, value in changes.items():
        setattr(team, name, value)
    if team.verification != stored.verification:
        _stamp_verification(team, by)
    team.refresh_derived()
    # Only a change of name, ward or phone can make a new duplicate; a
    # duplicate confirmed once is not asked about on every edit.
    identity = ("name_folded", "ward_id", "phone")
    moved = any(getattr(team, f) != getattr(stored, f) for f in identity)
    if moved and not confirm_duplicate:
        _refuse_duplicates(team)
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


@transaction.atomic
def merge_teams(*, by: User, keep: Team, absorb: Team) -> Team:
    """Move what ``absorb`` has onto ``keep`` where it lacks it; delete it.

    Both histories stay: the deleted team's historical rows remain, and
    the kept team's new row names where its additions came from.
    """
    if not scope_of(by).is_coordinator:
        raise AccessDenied()
    if keep.pk == absorb.pk:
        raise MergeRefused(field="absorb")
    # Lock both rows, in id order so two merges cannot deadlock.
    locked = Team.objects.select_for_update().filter(pk__in=[keep.pk, absorb.pk])
    rows = {team.pk: team for team in locked.order_by("pk")}
    keep, absorb = rows[keep.pk], rows[absorb.pk]

    _move_people(keep, absorb)
    for name in _FILLED_BY_MERGE:
        if _blank(getattr(keep, name)) and not _blank(getattr(absorb, name)):
            setattr(keep, name, getattr(absorb, name))
    keep.links = list(dict.fromkeys([*keep.links, *absorb.links]))
    keep.refresh_derived()
    keep._change_reason = f"merged from #{absorb.pk} {absorb.name}"
    keep.save()
    keep.fields.add(*absorb.fields.all())
    keep.area_wards.add(*absorb.area_wards.all())

    absorb._change_reason = f"merged into #{keep.pk} {keep.name}"
    absorb_id = absorb.pk
    absorb.delete()
    logger.info("team %s merged into %s by user %s", absorb_id, keep.pk, by.pk)
    return keep


def _blank(value: Any) -> bool:
    return value is None or value == ""


def _move_people(keep: Team, absorb: Team) -> None:
    present = {m.user_id: m for m in keep.people.all()}
    for membership in absorb.people.all():
        mine = present.get(membership.user_id)
        if mine is None:
            membership.team = keep
            membership.save()
        elif (
            membership.role == TeamMembership.Role.MANAGER
            and mine.role != TeamMembership.Role.MANAGER
        ):
            # Nobody loses the right to manage through a merge.
            mine.role = TeamMembership.Role.MANAGER
            mine.save()
        forget_scope(membership.user)
