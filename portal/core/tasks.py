"""Background tasks shared by every app."""

import logging

from django.core.mail import EmailMultiAlternatives
from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def send_email(
    *,
    to: list[str],
    subject: str,
    body: str,
    html_body: str | None = None,
    attachments: list[list[str]] | None = None,
) -> None:
    """Send one message; attachments are [filename, text, mimetype] lists."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    message.send()
    logger.info("sent mail '%s' to %s recipient(s)", subject, len(to))
