"""People who sign in: volunteers, officers, team managers, site contacts.

Everyone signs in with an e-mail address or a phone number. What a person
may do comes from their memberships (see ``portal.access``), not from
fields on this model.
"""

import datetime as dt
from typing import Any

from django.contrib.auth.models import (
    AbstractBaseUser,
    BaseUserManager,
    PermissionsMixin,
)
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(
        self,
        *,
        email: str | None = None,
        phone: str | None = None,
        password: str | None = None,
        **fields: Any,
    ) -> "User":
        if not email and not phone:
            raise ValueError("A user needs an e-mail address or a phone number.")
        user = self.model(
            email=self.normalize_email(email) if email else None,
            phone=phone or None,
            **fields,
        )
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(
        self, email: str, password: str | None = None, **fields: Any
    ) -> "User":
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email=email, password=password, **fields)

    def get_by_natural_key(self, username: str | None) -> "User":
        return self.get(Q(email__iexact=username) | Q(phone=username))


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail"), unique=True, null=True, blank=True)
    phone = models.CharField(
        _("phone number"), max_length=15, unique=True, null=True, blank=True
    )
    full_name = models.CharField(_("full name"), max_length=150)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("may use the admin"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    consented_at = models.DateTimeField(
        _("consented to data processing at"), null=True, blank=True
    )
    # Optional: asked only so that activities with a minimum age can check it.
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=Q(email__isnull=False) | Q(phone__isnull=False),
                name="user_has_email_or_phone",
            )
        ]

    def __str__(self) -> str:
        return self.full_name or self.email or self.phone or str(self.pk)

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split()[-1] if self.full_name else ""

    def age_on(self, day: dt.date) -> int | None:
        """Full years of age on that day; None without a date of birth."""
        if self.birth_date is None:
            return None
        return age_on(self.birth_date, day)


def age_on(born: dt.date, day: dt.date) -> int:
    """Full years from ``born`` to ``day``.

    Someone born on 29 February comes of age on 1 March in other years,
    as the birthday has not passed on 28 February.
    """
    before_birthday = (day.month, day.day) < (born.month, born.day)
    return day.year - born.year - before_birthday
