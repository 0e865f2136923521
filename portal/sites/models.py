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

from portal.lib.search import expand, search_key
from portal.lib.text import fold


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
    visiting_times_text = models.CharField(
        _("visiting times (as written)"), max_length=255, blank=True
    )
    max_visitors_per_slot = models.PositiveIntegerField(
        _("most visitors per slot"), null=True, blank=True
    )
    needs_text = models.TextField(_("needs (as written)"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    name_folded = models.CharField(max_length=200, db_index=True, editable=False)
    search_text = models.TextField(default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        # Lists are sorted by name, then id, and cut into pages.
        indexes = [models.Index(fields=["name", "id"], name="site_name_id")]
        verbose_name = _("site")
        verbose_name_plural = _("sites")

    def __str__(self) -> str:
        return self.name

    def refresh_derived(self) -> None:
        """Recompute the folded columns used by matching and search."""
        self.name_folded = expand(fold(self.name))
        self.search_text = search_key(self.name, self.managing_body, self.phone)


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


class BeneficiaryGroup(models.Model):
    """Who a site cares for, and how many of them."""

    class Group(models.TextChoices):
        ORPHANED_CHILDREN = "orphaned_children", _("Orphaned or abandoned children")
        CHILDREN_IN_HARDSHIP = "children_hardship", _("Children in hardship")
        ELDERLY_ALONE = "elderly_alone", _("Elderly people alone")
        DISABILITIES = "disabilities", _("People with disabilities")
        MENTAL_ILLNESS = "mental_illness", _("People with mental illness")
        HOMELESS = "homeless", _("Homeless people")
        HIV = "hiv", _("People living with HIV")
        PATIENTS = "patients", _("Patients")
        OTHER = "other", _("Other")

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="groups")
    group = models.CharField(_("group cared for"), max_length=20, choices=Group.choices)
    count = models.PositiveIntegerField(_("how many"), null=True, blank=True)

    class Meta:
        verbose_name = _("group cared for")
        verbose_name_plural = _("groups cared for")
        constraints = [
            models.UniqueConstraint(fields=["site", "group"], name="site_group_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_group_display()} ({self.count or '?'})"


class VisitingSlot(models.Model):
    """A weekly time when a site welcomes volunteers."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="slots")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("to"))

    class Meta:
        ordering = ["weekday", "starts_at"]
        verbose_name = _("visiting slot")
        verbose_name_plural = _("visiting slots")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="slot_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_weekday_display()} {self.starts_at:%H:%M}-{self.ends_at:%H:%M}"
        )


class Need(models.Model):
    """Something a site needs, posted by its contact or an officer."""

    class Category(models.TextChoices):
        FOOD = "food", _("Food")
        SUPPLIES = "supplies", _("Supplies")
        TUTORING = "tutoring", _("Tutoring")
        HEALTH = "health", _("Health")
        REPAIRS = "repairs", _("Repairs")
        FUNDS = "funds", _("Funds")
        OTHER = "other", _("Other")

    class Urgency(models.TextChoices):
        LOW = "low", _("Low")
        NORMAL = "normal", _("Normal")
        HIGH = "high", _("High")
        CRITICAL = "critical", _("Critical")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLAIMED = "claimed", _("Claimed")
        FULFILLED = "fulfilled", _("Fulfilled")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="needs")
    category = models.CharField(_("category"), max_length=10, choices=Category.choices)
    description = models.TextField(_("description"))
    quantity = models.PositiveIntegerField(_("quantity"), null=True, blank=True)
    quantity_unit = models.CharField(_("unit of quantity"), max_length=30, blank=True)
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    due_date = models.DateField(_("needed by"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        indexes = [models.Index(fields=["site", "status"])]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.description[:40]}"
