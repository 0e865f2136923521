"""Writes the API makes beyond the registry services.

The services in ``portal.teams`` and ``portal.sites`` own the rows of
teams and sites. A site's groups cared for and visiting slots, and a
site's needs, have no service yet; they live here, each inside one
transaction with the service call it belongs to, so a refused part
leaves nothing half-saved.
"""

import logging
from typing import Any

from django.db import transaction

from portal.access.policy import Action, require
from portal.accounts.models import User
from portal.sites import services as site_services
from portal.sites.models import BeneficiaryGroup, Need, Site, VisitingSlot

logger = logging.getLogger(__name__)


def _replace_children(
    site: Site,
    groups: list[dict[str, Any]] | None,
    slots: list[dict[str, Any]] | None,
) -> None:
    # A list that was sent replaces the stored one; a list left out of a
    # PATCH keeps what is stored.
    if groups is not None:
        site.groups.all().delete()
        BeneficiaryGroup.objects.bulk_create(
            BeneficiaryGroup(site=site, **item) for item in groups
        )
    if slots is not None:
        site.slots.all().delete()
        VisitingSlot.objects.bulk_create(
            VisitingSlot(site=site, **item) for item in slots
        )


@transaction.atomic
def create_site_with_children(*, by: User, **fields: Any) -> Site:
    groups = fields.pop("groups", None)
    slots = fields.pop("slots", None)
    site = site_services.create_site(by=by, **fields)
    _replace_children(site, groups, slots)
    return site


@transaction.atomic
def update_site_with_children(*, by: User, site: Site, **changes: Any) -> Site:
    groups = changes.pop("groups", None)
    slots = changes.pop("slots", None)
    site = site_services.update_site(by=by, site=site, **changes)
    _replace_children(site, groups, slots)
    return site


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
    need.full_clean()
    need.save()
    return need
