"""Volunteer clubs, teams and groups (the "Mẫu 1" list).

Every team is attached to the unit that follows it, even a group outside
the Union. Its managers keep its profile; the unit's officers verify it.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.lib.search import expand, search_key
from portal.lib.text import fold


class Field(models.Model):
    """A field of activity (lĩnh vực hoạt động); the city can add more."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("field of activity")
        verbose_name_plural = _("fields of activity")

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    class Kind(models.TextChoices):
        CLUB = "club", _("Club (CLB)")
        TEAM = "team", _("Team (Đội)")
        GROUP = "group", _("Group (Nhóm)")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        DISSOLVED = "dissolved", _("Dissolved")

    class Verification(models.TextChoices):
        AWAITING = "awaiting", _("Awaiting verification")
        VERIFIED = "verified", _("Verified")
        SUSPENDED = "suspended", _("Suspended")
        DISSOLVED = "dissolved", _("Dissolved")

    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("managing unit"),
        on_delete=models.PROTECT,
        related_name="teams",
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    inside_union = models.BooleanField(_("inside the Union"), default=True)
    founded_on = models.DateField(_("date founded"), null=True, blank=True)
    founded_year = models.PositiveSmallIntegerField(
        _("year founded"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1930), MaxValueValidator(2100)],
    )
    member_count = models.PositiveIntegerField(_("members"), null=True, blank=True)
    ward = models.ForeignKey(
        "places.Ward",
        verbose_name=_("main ward"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="teams",
    )
    fields = models.ManyToManyField(
        Field, verbose_name=_("fields of activity"), blank=True, related_name="teams"
    )
    area_wards = models.ManyToManyField(
        "places.Ward",
        verbose_name=_("wards of activity"),
        blank=True,
        related_name="active_teams",
    )
    area_text = models.CharField(_("area of activity"), max_length=255, blank=True)
    leader_name = models.CharField(_("leader"), max_length=150)
    phone = models.CharField(_("phone number"), max_length=15, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    links = models.JSONField(
        _("contact channels"),
        default=list,
        blank=True,
        help_text=_("Fanpage, Zalo, website: one address per line."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    verification = models.CharField(
        _("verification"),
        max_length=10,
        choices=Verification.choices,
        default=Verification.AWAITING,
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    name_folded = models.CharField(max_length=200, db_index=True, editable=False)
    # Folded name, leader and phone: what the public directory searches.
    search_text = models.TextField(default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[fields, area_wards])

    class Meta:
        ordering = ["name"]
        # Lists are sorted by name, then id, and cut into pages.
        indexes = [models.Index(fields=["name", "id"], name="team_name_id")]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name

    def refresh_derived(self) -> None:
        """Recompute the folded columns used by matching and search."""
        self.name_folded = expand(fold(self.name))
        self.search_text = search_key(self.name, self.leader_name, self.phone)


class TeamMembership(models.Model):
    class Role(models.TextChoices):
        MANAGER = "manager", _("Team manager")
        MEMBER = "member", _("Member")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="people")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="team_memberships",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("team membership")
        verbose_name_plural = _("team memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["team", "user"], name="team_membership_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.team}"
