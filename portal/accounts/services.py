"""Creating accounts. Every write to a user goes through here."""

import logging

from django.db import transaction
from django.utils import timezone

from portal.accounts.errors import ConsentMissing, EmailTaken, PhoneTaken
from portal.accounts.models import User
from portal.lib.text import nfc

logger = logging.getLogger(__name__)


@transaction.atomic
def register_volunteer(
    *,
    full_name: str,
    password: str,
    email: str | None = None,
    phone: str | None = None,
    consent: bool,
) -> User:
    """Create a volunteer's account; the phone must already be normalised."""
    if not consent:
        raise ConsentMissing(field="consent")
    if email and User.objects.filter(email__iexact=email).exists():
        raise EmailTaken(field="email")
    if phone and User.objects.filter(phone=phone).exists():
        raise PhoneTaken(field="phone")

    user = User.objects.create_user(
        email=email or None,
        phone=phone or None,
        password=password,
        full_name=nfc(full_name),
        consented_at=timezone.now(),
    )
    logger.info("volunteer %s registered", user.pk)
    return user
