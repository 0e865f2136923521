"""Volunteer clubs, teams and groups (the "Mẫu 1" list).

Every team is attached to the unit that follows it, even a group outside
the Union. Its managers keep its profile; the unit's officers verify it.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


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
    leader_name = models.CharField(_("leader"), max_length=150)
    phone = models.CharField(_("phone number"), max_length=15, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    verification = models.CharField(
        _("verification"),
        max_length=10,
        choices=Verification.choices,
        default=Verification.AWAITING,
    )
    notes = models.TextField(_("notes"), blank=True)
    name_folded = models.CharField(max_length=200, db_index=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name


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
