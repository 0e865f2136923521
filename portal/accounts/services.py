"""Creating accounts. Every write to a user goes through here."""

import datetime as dt
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
    birth_date: dt.date | None = None,
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
        birth_date=birth_date,
    )
    logger.info("volunteer %s registered", user.pk)
    return user


def set_birth_date(*, user: User, birth_date: dt.date | None) -> None:
    """Set or clear the person's own date of birth."""
    user.birth_date = birth_date
    user.save(update_fields=["birth_date"])
    logger.info("user %s changed their date of birth", user.pk)
