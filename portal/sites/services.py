"""Changes to sites. Every write goes through here, inside a transaction."""

import logging
from typing import Any

from django.db import transaction

from portal.access.policy import Action, forget_scope, require
from portal.accounts.models import User
from portal.sites.models import Site, SiteContact

logger = logging.getLogger(__name__)


@transaction.atomic
def create_site(*, by: User | None, **fields: Any) -> Site:
    site = Site(**fields)
    if by is not None:
        require(by, Action.CHANGE, site.unit)
    site.refresh_derived()
    site.full_clean()
    site.save()
    logger.info("site %s created in unit %s", site.pk, site.unit_id)
    return site


@transaction.atomic
def update_site(*, by: User, site: Site, **changes: Any) -> Site:
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
    site.full_clean()
    site.save()
    return site


@transaction.atomic
def add_site_contact(*, site: Site, user: User) -> SiteContact:
    contact, _ = SiteContact.objects.get_or_create(site=site, user=user)
    forget_scope(user)
    return contact
