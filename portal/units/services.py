"""Changes to the unit tree and its officers. Every write goes through here."""

import logging
from typing import Any

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr

from portal.access.policy import Action, can, forget_scope
from portal.accounts.models import User
from portal.lib.text import fold
from portal.places.models import Ward
from portal.units.errors import UnitCodeTaken, UnitCycle, UnitOutsideScope
from portal.units.models import Membership, Unit

logger = logging.getLogger(__name__)


@transaction.atomic
def create_unit(
    *,
    by: User | None,
    code: str,
    name: str,
    kind: str,
    parent: Unit | None,
    ward: Ward | None = None,
    **fields: Any,
) -> Unit:
    if by is not None and parent is not None and not can(by, Action.CHANGE, parent):
        raise UnitOutsideScope(field="parent")
    if Unit.objects.filter(code=code).exists():
        raise UnitCodeTaken(field="code")

    unit = Unit(
        code=code,
        name=name,
        kind=kind,
        parent=parent,
        ward=ward,
        name_folded=fold(name),
        depth=parent.depth + 1 if parent else 0,
        **fields,
    )
    # The path holds the unit's own id, known only after the insert; the
    # placeholder is unique so that the row never shares a prefix.
    unit.path = f"/new-{code}/"
    unit.save()
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    Unit.objects.filter(pk=unit.pk).update(path=unit.path)

    logger.info("unit %s created under %s", unit.pk, parent.pk if parent else None)
    return unit


@transaction.atomic
def update_unit(*, by: User | None, unit: Unit, **changes: Any) -> Unit:
    new_parent = changes.pop("parent", unit.parent)
    code = changes.get("code", unit.code)
    if Unit.objects.filter(code=code).exclude(pk=unit.pk).exists():
        raise UnitCodeTaken(field="code")

    for name, value in changes.items():
        setattr(unit, name, value)
    unit.name_folded = fold(unit.name)

    if new_parent != unit.parent:
        _move(by=by, unit=unit, parent=new_parent)
    unit.save()
    return unit


def _move(*, by: User | None, unit: Unit, parent: Unit | None) -> None:
    if parent is not None and parent.path.startswith(unit.path):
        raise UnitCycle(field="parent")
    if by is not None and parent is not None and not can(by, Action.CHANGE, parent):
        raise UnitOutsideScope(field="parent")

    old_path = unit.path
    new_path = f"{parent.path if parent else '/'}{unit.pk}/"
    depth_change = (parent.depth + 1 if parent else 0) - unit.depth

    # Rewrite the whole branch in one statement; the row lock taken by the
    # update keeps a concurrent move of the same branch from interleaving.
    Unit.objects.filter(path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
        depth=F("depth") + depth_change,
    )
    unit.parent = parent
    unit.path = new_path
    unit.depth += depth_change
    logger.info("unit %s moved from %s to %s", unit.pk, old_path, new_path)


@transaction.atomic
def grant_membership(*, user: User, unit: Unit, role: str) -> Membership:
    membership, _ = Membership.objects.get_or_create(user=user, unit=unit, role=role)
    forget_scope(user)
    return membership


def branch_size(unit: Unit) -> int:
    return Unit.objects.filter(path__startswith=unit.path).count()


__all__ = ["branch_size", "create_unit", "grant_membership", "update_unit"]
