"""Changes to sites and their needs.

Every write goes through here, inside a transaction: a refused part
leaves nothing half-saved.
"""

import logging
from collections.abc import Iterable, Mapping
from datetime import time
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from portal.access.policy import Action, forget_scope, require, scope_of
from portal.accounts.models import User
from portal.core.errors import AccessDenied
from portal.sites.errors import (
    LATITUDE_RANGE,
    LONGITUDE_RANGE,
    MergeRefused,
    NegativeCount,
    PositionOutsideVietnam,
    PossibleDuplicate,
    SlotEndsBeforeStart,
)
from portal.sites.models import BeneficiaryGroup, Need, Site, SiteContact, VisitingSlot
from portal.sites.selectors import possible_duplicates

logger = logging.getLogger(__name__)

# Who is cared for and how many: {group code: count or None when unknown}.
Groups = Mapping[str, int | None]
# Weekly visiting slots: (weekday 0-6, from, to).
Slots = Iterable[tuple[int, time, time]]

_FILLED_BY_MERGE = (
    "street", "ward", "old_district", "old_ward", "managing_body",
    "beneficiary_count", "contact_name", "phone", "latitude", "longitude",
    "visiting_times_text", "max_visitors_per_slot", "needs_text", "notes",
)  # fmt: skip


def check_position(latitude: Any, longitude: Any) -> None:
    """Refuse a map position outside Vietnam, naming the wrong number."""
    low, high = LATITUDE_RANGE
    if latitude is not None and not low <= latitude <= high:
        raise PositionOutsideVietnam(
            _("The latitude must be between %(low)s and %(high)s (in Vietnam).")
            % {"low": low, "high": high},
            field="latitude",
        )
    low, high = LONGITUDE_RANGE
    if longitude is not None and not low <= longitude <= high:
        raise PositionOutsideVietnam(
            _("The longitude must be between %(low)s and %(high)s (in Vietnam).")
            % {"low": low, "high": high},
            field="longitude",
        )


def _refuse_duplicates(site: Site) -> None:
    candidates = list(possible_duplicates(site).select_related("ward")[:10])
    if candidates:
        raise PossibleDuplicate(candidates)


def _set_groups(site: Site, groups: Groups) -> None:
    if any(count is not None and count < 0 for count in groups.values()):
        raise NegativeCount(field="groups")
    site.groups.exclude(group__in=list(groups)).delete()
    for code, count in groups.items():
        BeneficiaryGroup.objects.update_or_create(
            site=site, group=code, defaults={"count": count}
        )


def _set_slots(site: Site, slots: Slots) -> None:
    site.slots.all().delete()
    for weekday, starts_at, ends_at in slots:
        if ends_at <= starts_at:
            raise SlotEndsBeforeStart(field="slots")
        VisitingSlot.objects.create(
            site=site, weekday=weekday, starts_at=starts_at, ends_at=ends_at
        )


def _save(site: Site, groups: Groups | None, slots: Slots | None) -> None:
    check_position(site.latitude, site.longitude)
    site.refresh_derived()
    site.full_clean()
    site.save()
    if groups is not None:
        _set_groups(site, groups)
    if slots is not None:
        _set_slots(site, slots)


@transaction.atomic
def create_site(
    *,
    by: User | None,
    confirm_duplicate: bool = False,
    groups: Groups | None = None,
    slots: Slots | None = None,
    **fields: Any,
) -> Site:
    """Create a site; people must confirm a possible duplicate first.

    Loads by the system (``by=None``) are not checked for duplicates.
    """
    site = Site(**fields)
    if by is not None:
        require(by, Action.CHANGE, site.unit)
    site.refresh_derived()
    if by is not None and not confirm_duplicate:
        _refuse_duplicates(site)
    _save(site, groups, slots)
    logger.info("site %s created in unit %s", site.pk, site.unit_id)
    return site


@transaction.atomic
def update_site(
    *,
    by: User,
    site: Site,
    confirm_duplicate: bool = False,
    groups: Groups | None = None,
    slots: Slots | None = None,
    **changes: Any,
) -> Site:
    # Compare with the stored row: a bound form may have changed the
    # instance already.
    stored = Site.objects.select_for_update().get(pk=site.pk)
    require(by, Action.CHANGE, stored)
    new_unit = changes.get("unit", stored.unit)
    if new_unit.pk != stored.unit_id:
        require(by, Action.CHANGE, new_unit)

    for name, value in changes.items():
        setattr(site, name, value)
    site.refresh_derived()
    # Only a new name, ward or phone can make a new duplicate.
    identity = ("name_folded", "ward_id", "phone")
    moved = any(getattr(site, f) != getattr(stored, f) for f in identity)
    if moved and not confirm_duplicate:
        _refuse_duplicates(site)
    _save(site, groups, slots)
    return site


@transaction.atomic
def add_site_contact(*, site: Site, user: User) -> SiteContact:
    contact, _ = SiteContact.objects.get_or_create(site=site, user=user)
    forget_scope(user)
    return contact


# Needs ---------------------------------------------------------------


@transaction.atomic
def create_need(*, by: User, site: Site, **fields: Any) -> Need:
    require(by, Action.CHANGE, site)
    need = Need(site=site, created_by=by, **fields)
    need.full_clean()
    need.save()
    logger.info("need %s posted for site %s by user %s", need.pk, site.pk, by.pk)
    return need


@transaction.atomic
def update_need(*, by: User, need: Need, **changes: Any) -> Need:
    stored = Need.objects.select_for_update().select_related("site").get(pk=need.pk)
    require(by, Action.CHANGE, stored.site)
    for name, value in changes.items():
        setattr(need, name, value)
    need.site = stored.site
    need.full_clean()
    need.save()
    return need


def set_need_status(*, by: User, need: Need, status: str) -> Need:
    """Mark a need fulfilled, withdrawn or open again."""
    return update_need(by=by, need=need, status=status)


# Merging -------------------------------------------------------------


def _blank(value: Any) -> bool:
    return value is None or value == ""


@transaction.atomic
def merge_sites(*, by: User, keep: Site, absorb: Site) -> Site:
    """Move what ``absorb`` has onto ``keep`` where it lacks it; delete it.

    Needs and contacts move with their own history; groups and slots the
    kept site lacks are moved. The deleted site's history stays.
    """
    if not scope_of(by).is_coordinator:
        raise AccessDenied()
    if keep.pk == absorb.pk:
        raise MergeRefused(field="absorb")
    # Lock both rows, in id order so two merges cannot deadlock.
    locked = Site.objects.select_for_update().filter(pk__in=[keep.pk, absorb.pk])
    rows = {site.pk: site for site in locked.order_by("pk")}
    keep, absorb = rows[keep.pk], rows[absorb.pk]

    for need in absorb.needs.all():
        need.site = keep
        need._change_reason = f"moved from site #{absorb.pk}"
        need.save()
    _move_contacts(keep, absorb)
    _move_groups(keep, absorb)
    _move_slots(keep, absorb)

    for name in _FILLED_BY_MERGE:
        if _blank(getattr(keep, name)) and not _blank(getattr(absorb, name)):
            setattr(keep, name, getattr(absorb, name))
    keep.is_protected = keep.is_protected or absorb.is_protected
    keep.refresh_derived()
    keep._change_reason = f"merged from #{absorb.pk} {absorb.name}"
    keep.save()

    absorb._change_reason = f"merged into #{keep.pk} {keep.name}"
    absorb_id = absorb.pk
    absorb.delete()
    logger.info("site %s merged into %s by user %s", absorb_id, keep.pk, by.pk)
    return keep


def _move_contacts(keep: Site, absorb: Site) -> None:
    present = set(keep.contacts.values_list("user_id", flat=True))
    for contact in absorb.contacts.select_related("user"):
        if contact.user_id not in present:
            contact.site = keep
            contact.save()
        forget_scope(contact.user)


def _move_groups(keep: Site, absorb: Site) -> None:
    present = {group.group: group for group in keep.groups.all()}
    for group in absorb.groups.all():
        mine = present.get(group.group)
        if mine is None:
            group.site = keep
            group.save()
        elif mine.count is None and group.count is not None:
            mine.count = group.count
            mine.save()


def _move_slots(keep: Site, absorb: Site) -> None:
    present = set(keep.slots.values_list("weekday", "starts_at", "ends_at"))
    for slot in absorb.slots.all():
        if (slot.weekday, slot.starts_at, slot.ends_at) not in present:
            slot.site = keep
            slot.save()
