"""Activities, their shifts and the volunteers who sign up for them.

A team or a unit posts an ``Activity``; it happens in one or more
``Shift``s, each with a number of places. A volunteer's ``SignUp`` for a
shift is confirmed while there are places, waitlisted after that, and
moves up in order when someone cancels.

Two promises hold whatever the timing, and the database keeps them, not a
check in Python:

- a shift never has more confirmed volunteers than places: the shift keeps
  its count in ``confirmed_count``, raised only by a conditional UPDATE
  (``... WHERE confirmed_count < capacity``) and checked by a constraint;
- a person has at most one active (confirmed or waitlisted) sign-up per
  shift: a unique index over the active rows.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from portal.activities.validators import validate_photo
from portal.lib.search import search_key


class CampaignTag(models.Model):
    """A campaign an activity belongs to (Mùa hè xanh, Hiến máu...).

    The city keeps the list and can add to it.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    # A blood donation counts as one social-work day, whatever its hours.
    is_blood_donation = models.BooleanField(_("blood donation"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self) -> str:
        return self.name


class ApprovalSetting(models.Model):
    """Whether a unit reviews activities before they are published.

    A unit without a row publishes its teams' activities at once.
    """

    unit = models.OneToOneField(
        "units.Unit",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="activity_approval",
    )
    requires_approval = models.BooleanField(
        _("activities need the unit's approval"), default=False
    )

    class Meta:
        verbose_name = _("activity approval setting")
        verbose_name_plural = _("activity approval settings")

    def __str__(self) -> str:
        return f"{self.unit}: {self.requires_approval}"


class Activity(models.Model):
    """Something volunteers come to do, posted by a team or a unit.

    ``unit`` is the managing unit: the team's unit when a team posts it.
    ``starts_at`` and ``ends_at`` span its shifts; the shift services keep
    them up to date so the public list can filter and sort on them.
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        AWAITING_APPROVAL = "awaiting_approval", _("Awaiting approval")
        PUBLISHED = "published", _("Published")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    team = models.ForeignKey(
        "teams.Team",
        verbose_name=_("team"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
    )
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("managing unit"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    field = models.ForeignKey(
        "teams.Field",
        verbose_name=_("field of activity"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
    )
    tag = models.ForeignKey(
        CampaignTag,
        verbose_name=_("campaign"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
    )
    site = models.ForeignKey(
        "sites.Site",
        verbose_name=_("site served"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
    )
    place = models.CharField(_("meeting place"), max_length=255, blank=True)
    ward = models.ForeignKey(
        "places.Ward",
        verbose_name=_("ward"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
    )
    minimum_age = models.PositiveSmallIntegerField(
        _("minimum age"),
        null=True,
        blank=True,
        validators=[MinValueValidator(6), MaxValueValidator(80)],
    )
    skills = models.CharField(_("skills wanted"), max_length=255, blank=True)
    cancellation_cutoff_hours = models.PositiveSmallIntegerField(
        _("cancellation closes (hours before a shift)"),
        default=12,
        validators=[MaxValueValidator(24 * 14)],
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.DRAFT
    )
    starts_at = models.DateTimeField(_("first shift starts"), null=True, blank=True)
    ends_at = models.DateTimeField(_("last shift ends"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # Folded title, place, team and site names: what the public list searches.
    search_text = models.TextField(default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [
            # The public list: published activities by date. The end is in
            # the index so that skipping finished ones reads no table rows.
            # No index may lead with (state, ends_at): SQLite would pick it
            # for "not over yet" and sort every activity still ahead.
            models.Index(
                fields=["state", "starts_at", "id", "ends_at"], name="activity_list"
            ),
            models.Index(fields=["state", "ward", "starts_at"], name="activity_ward"),
        ]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.title

    def refresh_derived(self) -> None:
        """Recompute the folded column the public search reads."""
        self.search_text = search_key(
            self.title,
            self.place,
            self.team.name if self.team_id else "",
            self.site.name if self.site_id else "",
        )


class ActivityPhoto(models.Model):
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(
        _("photo"), upload_to="activities/%Y/%m/", validators=[validate_photo]
    )
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.caption or self.image.name


class Shift(models.Model):
    """One stretch of time of an activity, with a number of places.

    ``confirmed_count`` is the number of confirmed sign-ups. It changes
    only in ``portal.activities.services``, in the same transaction as the
    sign-up rows, and never goes past ``capacity`` (a check constraint).
    """

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="shifts"
    )
    label = models.CharField(_("label"), max_length=100, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveIntegerField(
        _("places"), validators=[MinValueValidator(1), MaxValueValidator(100_000)]
    )
    confirmed_count = models.PositiveIntegerField(default=0, editable=False)
    skills = models.CharField(_("skills wanted"), max_length=255, blank=True)
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["activity", "starts_at"], name="shift_activity_start"),
            models.Index(fields=["starts_at"], name="shift_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="shift_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(confirmed_count__lte=F("capacity")),
                name="shift_never_over_capacity",
            ),
        ]
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")

    def __str__(self) -> str:
        return f"{self.activity} · {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.confirmed_count, 0)


class SignUpQuerySet(models.QuerySet["SignUp"]):
    def active(self) -> "SignUpQuerySet":
        return self.exclude(status=SignUp.Status.CANCELLED)

    def confirmed(self) -> "SignUpQuerySet":
        return self.filter(status=SignUp.Status.CONFIRMED)

    def waitlisted(self) -> "SignUpQuerySet":
        """The waitlist in the order people joined it."""
        return self.filter(status=SignUp.Status.WAITLISTED).order_by("created_at", "id")


class SignUp(models.Model):
    """A volunteer's place on a shift, or in its waitlist.

    Cancelled rows are kept (who cancelled, when), so the unique index
    covers active rows only: a person may sign up again after cancelling.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("Waitlisted")
        CANCELLED = "cancelled", _("Cancelled")

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="signups")
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="signups",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    # Set when an organiser added the person by hand.
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = SignUpQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["shift", "status", "created_at"], name="signup_queue"),
            models.Index(fields=["volunteer", "status"], name="signup_volunteer"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["shift", "volunteer"],
                condition=~Q(status="cancelled"),
                name="signup_once_per_shift",
            )
        ]
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")

    def __str__(self) -> str:
        return f"{self.volunteer} · {self.shift} · {self.status}"


class CalendarFeed(models.Model):
    """The secret token of a volunteer's private calendar feed."""

    volunteer = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.volunteer}"


class RosterExport(models.Model):
    """A log line for every export of a shift's or activity's roster.

    Rosters hold volunteers' names and phone numbers: who took them, and
    when, is kept.
    """

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="roster_exports"
    )
    shift = models.ForeignKey(
        Shift, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    row_count = models.PositiveIntegerField(default=0)
    exported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-exported_at"]
        verbose_name = _("roster export")
        verbose_name_plural = _("roster exports")

    def __str__(self) -> str:
        return f"{self.activity} · {self.exported_by} · {self.exported_at}"
