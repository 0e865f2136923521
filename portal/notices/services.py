"""Sending notices: once per person and occasion, then out by every channel."""

import logging
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from portal.notices.channels import Attachment, configured_channels
from portal.notices.models import Notice

logger = logging.getLogger(__name__)


def notify(
    users: Iterable[Any],
    *,
    title: str,
    body: str = "",
    url: str = "",
    key: str = "",
    attachments: Sequence[Attachment] = (),
) -> list[Notice]:
    """Tell each person once; returns the notices created now.

    With a ``key``, a person who already had a notice for that occasion is
    skipped, whatever happened before (a retried task, a second worker):
    the database's unique constraint decides, not a check in Python.
    Attachments (a calendar entry, say) go out with the messages that can
    carry them; the notice in the portal links to the page instead.
    """
    created: list[Notice] = []
    for user in {u.pk: u for u in users}.values():
        notice = _create_once(user, title=title, body=body, url=url, key=key)
        if notice is not None:
            created.append(notice)

    if created:
        transaction.on_commit(lambda: _send(created, tuple(attachments)))
    return created


def _create_once(user: Any, **fields: str) -> Notice | None:
    try:
        with transaction.atomic():
            return Notice.objects.create(user=user, **fields)
    except IntegrityError:
        logger.info("notice %s for user %s already sent", fields["key"], user.pk)
        return None


def _send(notices: list[Notice], attachments: tuple[Attachment, ...]) -> None:
    channels = configured_channels()
    for notice in notices:
        for channel in channels:
            try:
                channel.send(notice, attachments=attachments)
            except Exception:
                # A broken channel must not lose the notice in the portal.
                logger.exception("channel %s failed for notice %s", channel, notice.pk)


def mark_read(user: Any, notice_ids: Iterable[int] | None = None) -> int:
    """Mark the person's notices read (all of them without ids)."""
    qs = Notice.objects.filter(user=user, read_at__isnull=True)
    if notice_ids is not None:
        qs = qs.filter(pk__in=list(notice_ids))
    return qs.update(read_at=timezone.now())


def unread_count(user: Any) -> int:
    if not user.is_authenticated:
        return 0
    return Notice.objects.filter(user=user, read_at__isnull=True).count()
