"""City plans: which team is asked to visit which site in a week.

A coordinator makes a plan for a week (or a campaign's days); each pair is
a suggestion the team's managers accept or decline. The spread of help
before and with the plan is kept with it, so the plan can be judged later.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Plan(models.Model):
    name = models.CharField(_("name"), max_length=200)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    focus_percent = models.PositiveSmallIntegerField(
        _("most neglected sites included (%)"), default=100
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("sent to teams at"), null=True, blank=True)
    team_count = models.PositiveIntegerField(_("teams considered"), default=0)
    site_count = models.PositiveIntegerField(_("sites considered"), default=0)
    covered_sites = models.PositiveIntegerField(_("sites given a visit"), default=0)
    gini_before = models.FloatField(_("spread before (Gini)"), null=True, blank=True)
    gini_with_plan = models.FloatField(
        _("spread with the plan (Gini)"), null=True, blank=True
    )
    solve_ms = models.PositiveIntegerField(_("solved in (ms)"), default=0)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("city plan")
        verbose_name_plural = _("city plans")

    def __str__(self) -> str:
        return self.name


class PlanAssignment(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="assignments")
    team = models.ForeignKey(
        "teams.Team", on_delete=models.CASCADE, related_name="plan_assignments"
    )
    site = models.ForeignKey(
        "sites.Site", on_delete=models.CASCADE, related_name="plan_assignments"
    )
    distance_km = models.FloatField(_("distance (km)"), null=True, blank=True)
    neglect = models.FloatField(_("neglect (share of the city)"), default=0)
    fit = models.FloatField(_("fit"), default=0)
    head_count = models.PositiveIntegerField(_("people to send"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    # The visit request made when the team accepted (None if it could not
    # be made, e.g. the site's limits were full by then).
    visit = models.ForeignKey(
        "coordination.Visit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["plan", "-neglect", "pk"]
        verbose_name = _("plan assignment")
        verbose_name_plural = _("plan assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "team", "site"], name="plan_assignment_once"
            )
        ]
        indexes = [models.Index(fields=["team", "status"])]

    def __str__(self) -> str:
        return f"{self.team_id} → {self.site_id}"
