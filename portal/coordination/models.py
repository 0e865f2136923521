"""Visits to sites and claims on their needs.

A team asks to visit a site; the site (its contact or its unit's officers)
accepts, proposes another time or declines. A team claims all or part of a
site's need with a date it will deliver by; a claim not delivered by then
lapses and the need reopens.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Visit(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the site")
        ACCEPTED = "accepted", _("Accepted")
        PROPOSED = "proposed", _("Another time proposed")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")
        DONE = "done", _("Done")

    class Purpose(models.TextChoices):
        MEALS = "meals", _("Meals and food")
        GIFTS = "gifts", _("Gifts and supplies")
        TUTORING = "tutoring", _("Tutoring")
        HEALTH = "health", _("Health check-ups")
        REPAIRS = "repairs", _("Repairs and cleaning")
        PLAY = "play", _("Games, culture and sport")
        CARE = "care", _("Care and company")
        OTHER = "other", _("Other")

    site = models.ForeignKey(
        "sites.Site",
        verbose_name=_("site"),
        on_delete=models.CASCADE,
        related_name="visits",
    )
    # Kept when a team is merged away or deleted: the site's history and
    # the coverage figures must not lose the visit.
    team = models.ForeignKey(
        "teams.Team",
        verbose_name=_("team"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="visits",
    )
    # Set when an activity at the site asked for the visit.
    activity = models.ForeignKey(
        "activities.Activity",
        verbose_name=_("activity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="visits",
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    head_count = models.PositiveIntegerField(
        _("number of visitors"), validators=[MinValueValidator(1)]
    )
    purpose = models.CharField(
        _("purpose"), max_length=10, choices=Purpose.choices, default=Purpose.OTHER
    )
    note = models.TextField(_("details"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    # Set when the site proposes another time; the team accepts it by
    # asking again (the visit then moves) or cancels.
    proposed_starts_at = models.DateTimeField(
        _("proposed start"), null=True, blank=True
    )
    proposed_ends_at = models.DateTimeField(_("proposed end"), null=True, blank=True)
    response_note = models.TextField(_("site's answer"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        indexes = [
            # The calendar of one site and the clash checks; it also holds
            # every column the coverage figures add up, so they are read
            # from the index alone, without visiting the table.
            models.Index(
                fields=["site", "status", "starts_at", "head_count"],
                name="visit_coverage",
            ),
            # Coverage: every site's visits in the last 90 days.
            models.Index(fields=["starts_at", "status"], name="visit_start_status"),
            models.Index(fields=["team", "starts_at"], name="visit_team_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="visit_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(head_count__gte=1),
                name="visit_has_visitors",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.site} · {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def is_open(self) -> bool:
        """Still on the site's calendar (waiting or accepted)."""
        return self.status in (self.Status.PENDING, self.Status.ACCEPTED)


class NeedClaim(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Promised")
        DELIVERED = "delivered", _("Delivered")
        LAPSED = "lapsed", _("Lapsed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    need = models.ForeignKey(
        "sites.Need",
        verbose_name=_("need"),
        on_delete=models.CASCADE,
        related_name="claims",
    )
    team = models.ForeignKey(
        "teams.Team",
        verbose_name=_("team"),
        on_delete=models.CASCADE,
        related_name="need_claims",
    )
    # Empty when the need has no quantity: the claim then covers all of it.
    quantity = models.PositiveIntegerField(
        _("quantity"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    deliver_by = models.DateField(_("deliver by"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    note = models.TextField(_("note"), blank=True)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    lapsed_at = models.DateTimeField(_("lapsed at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["deliver_by", "id"]
        verbose_name = _("need claim")
        verbose_name_plural = _("need claims")
        indexes = [
            models.Index(fields=["need", "status"], name="claim_need_status"),
            # The lapse task looks for active claims past their date.
            models.Index(fields=["status", "deliver_by"], name="claim_status_date"),
        ]

    def __str__(self) -> str:
        return f"{self.team} · {self.need}"
