"""Attendance, verified hours, social-work days, certificates, export log.

One ``HourRecord`` per sign-up that was worked (checked in, or marked a
no-show), and one per report of work done elsewhere. Totals are sums over
verified records. A deleted account keeps its records: the person's row is
anonymised (see ``portal.hours.privacy.delete_account``), so unit and
activity totals do not change.
"""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class SocialWorkRule(models.Model):
    """How many verified hours make one social-work day, for a unit.

    The rule of the nearest unit at or above a person's school applies;
    without any, ``DEFAULT_HOURS_PER_DAY``. The city sets it on the root.
    """

    unit = models.OneToOneField(
        "units.Unit",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="social_work_rule",
    )
    hours_per_day = models.DecimalField(
        _("hours per social-work day"),
        max_digits=4,
        decimal_places=2,
        default=Decimal(8),
        validators=[MinValueValidator(Decimal(1)), MaxValueValidator(Decimal(24))],
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("social-work day rule")
        verbose_name_plural = _("social-work day rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(hours_per_day__gte=1) & Q(hours_per_day__lte=24),
                name="social_work_rule_hours_in_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit}: {self.hours_per_day}"


class HourRecord(models.Model):
    class Kind(models.TextChoices):
        SHIFT = "shift", _("Shift")
        EXTERNAL = "external", _("Reported by the volunteer")

    class Status(models.TextChoices):
        CHECKED_IN = "checked_in", _("Checked in")
        AWAITING = "awaiting", _("Awaiting verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")
        NO_SHOW = "no_show", _("Did not come")

    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("volunteer"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="hour_records",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    signup = models.OneToOneField(
        "activities.SignUp",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hour_record",
    )
    shift = models.ForeignKey(
        "activities.Shift",
        verbose_name=_("shift"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hour_records",
    )
    activity = models.ForeignKey(
        "activities.Activity",
        verbose_name=_("activity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hour_records",
    )
    # The unit credited with the hours, whose officers may verify them.
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="hour_records",
    )
    work_date = models.DateField(_("date"))
    check_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    check_out_at = models.DateTimeField(_("checked out at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The shift's length when the record was made: no more can be credited.
    shift_minutes = models.PositiveIntegerField(null=True, blank=True)
    computed_minutes = models.PositiveIntegerField(
        _("minutes from check-in times"), null=True, blank=True
    )
    reported_minutes = models.PositiveIntegerField(
        _("minutes reported"), null=True, blank=True
    )
    minutes = models.PositiveIntegerField(_("verified minutes"), null=True, blank=True)
    # A blood donation counts as one social-work day whatever its length.
    counts_as_day = models.BooleanField(_("counts as one day"), default=False)
    description = models.TextField(_("what was done"), blank=True)
    organisation = models.CharField(_("where, with whom"), max_length=200, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("hour record")
        verbose_name_plural = _("hour records")
        ordering = ["-work_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(check_out_at__isnull=True)
                | Q(check_in_at__isnull=False, check_out_at__gte=F("check_in_at")),
                name="hour_record_out_after_in",
            ),
            models.CheckConstraint(
                condition=Q(shift_minutes__isnull=True)
                | Q(minutes__isnull=True)
                | Q(minutes__lte=F("shift_minutes")),
                name="hour_record_not_longer_than_shift",
            ),
            models.CheckConstraint(
                condition=Q(minutes__isnull=True) | Q(minutes__lte=24 * 60),
                name="hour_record_at_most_a_day",
            ),
        ]
        indexes = [
            models.Index(fields=["volunteer", "status"], name="hours_volunteer_status"),
            models.Index(fields=["activity", "status"], name="hours_activity_status"),
            models.Index(fields=["unit", "status"], name="hours_unit_status"),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer_id} · {self.work_date} · {self.get_status_display()}"

    @property
    def hours(self) -> Decimal | None:
        return None if self.minutes is None else as_hours(self.minutes)

    @property
    def computed_hours(self) -> Decimal | None:
        if self.computed_minutes is None:
            return None
        return as_hours(self.computed_minutes)

    @property
    def shift_hours(self) -> Decimal | None:
        if self.shift_minutes is None:
            return None
        return as_hours(self.shift_minutes)


def as_hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / 60).quantize(Decimal("0.01"))


class UsedCode(models.Model):
    """A volunteer's check-in code that has been used; never accepted again."""

    code = models.CharField(max_length=40, unique=True)
    record = models.ForeignKey(
        HourRecord, on_delete=models.CASCADE, related_name="used_codes"
    )
    used_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.code


def new_public_id() -> str:
    return secrets.token_urlsafe(12)


class Certificate(models.Model):
    """A certificate of hours, checked by anyone through its public page.

    ``signature`` is an HMAC with the site's secret over what the
    certificate states; the public page recomputes it, so a row changed in
    the database, or a made-up id, fails the check.
    """

    public_id = models.CharField(max_length=24, unique=True, default=new_public_id)
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="certificates",
    )
    activity = models.ForeignKey(
        "activities.Activity",
        on_delete=models.SET_NULL,
        null=True,
        related_name="certificates",
    )
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    holder_name = models.CharField(_("name"), max_length=150)
    activity_title = models.CharField(_("activity"), max_length=300)
    unit_name = models.CharField(_("issuing unit"), max_length=200)
    minutes = models.PositiveIntegerField(_("verified minutes"))
    days = models.DecimalField(_("social-work days"), max_digits=6, decimal_places=2)
    first_date = models.DateField()
    last_date = models.DateField()
    issued_at = models.DateTimeField(_("issued at"))
    signature = models.CharField(max_length=64)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return self.public_id

    @property
    def hours(self) -> Decimal:
        return as_hours(self.minutes)


class ExportLog(models.Model):
    """One export of personal data: who took what, about whom, when."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("exported by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="exports",
    )
    what = models.CharField(_("what"), max_length=200)
    count = models.PositiveIntegerField(_("rows"))
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("whose data"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("export of personal data")
        verbose_name_plural = _("exports of personal data")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"], name="export_user")]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.what} · {self.count}"
