"""Ways a notice leaves the portal.

A channel takes a saved notice and sends it somewhere. E-mail is built;
a Zalo or SMS sender is one more class listed in ``NOTICE_CHANNELS``.
Channels run after the notice's transaction commits, through the
background tasks, so a slow mail server never holds a request.
"""

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from portal.core.tasks import send_email
from portal.notices.models import Notice

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Attachment:
    """A small text file sent with a notice, such as an .ics entry."""

    filename: str
    content: str
    mimetype: str


class Channel(Protocol):
    def send(
        self, notice: Notice, *, attachments: Sequence[Attachment] = ()
    ) -> None: ...


class EmailChannel:
    """Queues an e-mail for people who gave an address."""

    def send(self, notice: Notice, *, attachments: Sequence[Attachment] = ()) -> None:
        email = notice.user.email
        if not email:
            return
        body = notice.body
        if notice.url:
            body = f"{body}\n\n{settings.PORTAL_BASE_URL.rstrip('/')}{notice.url}"
        send_email.enqueue(
            to=[email],
            subject=notice.title,
            body=body,
            # Lists, not objects: task arguments travel as JSON.
            attachments=[[a.filename, a.content, a.mimetype] for a in attachments],
        )


def configured_channels() -> list[Channel]:
    paths = getattr(
        settings, "NOTICE_CHANNELS", ["portal.notices.channels.EmailChannel"]
    )
    return [import_string(path)() for path in paths]
