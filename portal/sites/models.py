"""Places that need volunteers (the "Mẫu 2" list).

Social-protection facilities, shelters, centres and open houses. Some
shelter people at risk: a protected site's exact address and contact are
shown only to those with the right to see them (see ``portal.access``).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Site(models.Model):
    class Category(models.TextChoices):
        PUBLIC_FACILITY = "public_facility", _("Public social-protection facility")
        PRIVATE_FACILITY = "private_facility", _("Private social-protection facility")
        CENTRE = "centre", _("Centre")
        SHELTER = "shelter", _("Shelter (mái ấm)")
        OPEN_HOUSE = "open_house", _("Open house (nhà mở)")
        RELIGIOUS_HOME = "religious_home", _("Religious care home")
        HOSPITAL = "hospital", _("Hospital or clinic")
        SCHOOL = "school", _("School")
        HOUSEHOLDS = "households", _("Households in hardship")
        OTHER = "other", _("Other")

    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("reporting unit"),
        on_delete=models.PROTECT,
        related_name="sites",
    )
    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    street = models.CharField(_("street address"), max_length=255, blank=True)
    ward = models.ForeignKey(
        "places.Ward",
        verbose_name=_("ward"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sites",
    )
    old_district = models.CharField(
        _("old district (as written)"), max_length=100, blank=True
    )
    old_ward = models.CharField(_("old ward (as written)"), max_length=100, blank=True)
    managing_body = models.CharField(_("managing body"), max_length=200, blank=True)
    beneficiary_count = models.PositiveIntegerField(
        _("people cared for"), null=True, blank=True
    )
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    phone = models.CharField(_("phone number"), max_length=15, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(8), MaxValueValidator(24)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(102), MaxValueValidator(110)],
    )
    is_protected = models.BooleanField(
        _("protected address"),
        default=False,
        help_text=_("Hide the street address, position and contact from the public."),
    )
    notes = models.TextField(_("notes"), blank=True)
    name_folded = models.CharField(max_length=200, db_index=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("site")
        verbose_name_plural = _("sites")

    def __str__(self) -> str:
        return self.name


class SiteContact(models.Model):
    """A person who speaks for a site: says what it needs, accepts visits."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="contacts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="site_contacts",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("site contact")
        verbose_name_plural = _("site contacts")
        constraints = [
            models.UniqueConstraint(fields=["site", "user"], name="site_contact_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.site}"
