"""Collection rounds: the city asks units for their lists by a deadline.

A round asks some units for Mẫu 1 (teams), Mẫu 2 (sites) or both. Each
asked unit has one ``Assignment`` carrying its state; each time the unit
sends its lists a ``Submission`` freezes exactly the records it sent. The
city reviews a submission, approves it or returns it with comments per
record, and the merged city list is built from the approved ones.
"""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

DEFAULT_REMINDER_DAYS = "7,3,1"


def letter_path(instance: "Round", filename: str) -> str:
    return f"rounds/letters/{timezone.now():%Y/%m}/{filename}"


class Round(models.Model):
    class Lists(models.TextChoices):
        TEAMS = "teams", _("Mẫu 1: teams")
        SITES = "sites", _("Mẫu 2: sites")
        BOTH = "both", _("Mẫu 1 and Mẫu 2")

    reference = models.CharField(_("reference number"), max_length=60)
    title = models.CharField(_("title"), max_length=255)
    lists = models.CharField(
        _("lists asked"), max_length=10, choices=Lists.choices, default=Lists.BOTH
    )
    opens_on = models.DateField(_("opening date"))
    due_on = models.DateField(
        _("deadline"), help_text=_("Submissions sent after this day are late.")
    )
    focal_name = models.CharField(_("focal person"), max_length=150)
    focal_phone = models.CharField(_("focal person's phone"), max_length=15)
    focal_email = models.EmailField(_("focal person's e-mail"), blank=True)
    letter = models.FileField(_("letter (PDF)"), upload_to=letter_path, blank=True)
    reminder_days = models.CharField(
        _("reminder days before the deadline"),
        max_length=40,
        default=DEFAULT_REMINDER_DAYS,
        help_text=_("Whole days, separated by commas, e.g. 7,3,1."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("collection round")
        verbose_name_plural = _("collection rounds")

    def __str__(self) -> str:
        return f"{self.reference} · {self.title}"

    @property
    def kinds(self) -> list[str]:
        if self.lists == self.Lists.BOTH:
            return ["teams", "sites"]
        return [self.lists]

    @property
    def deadline(self) -> datetime:
        """The last moment on time: the end of the deadline day in Vietnam."""
        end = datetime.combine(self.due_on + timedelta(days=1), time.min)
        return timezone.make_aware(end, timezone.get_default_timezone())

    def is_late_at(self, moment: datetime) -> bool:
        return moment >= self.deadline

    def reminder_offsets(self) -> list[int]:
        days = {int(p) for p in self.reminder_days.split(",") if p.strip().isdigit()}
        return sorted(days, reverse=True)

    def is_open_on(self, day: date) -> bool:
        return day >= self.opens_on


class AssignmentQuerySet(models.QuerySet["Assignment"]):
    def waiting(self) -> "AssignmentQuerySet":
        """Units that have sent nothing yet, or must send again."""
        return self.filter(
            state__in=[
                Assignment.State.NOT_STARTED,
                Assignment.State.IN_PROGRESS,
                Assignment.State.RETURNED,
            ]
        )


class Assignment(models.Model):
    """One unit asked by one round, and where it stands."""

    class State(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        APPROVED = "approved", _("Approved")

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="assignments"
    )
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="round_assignments"
    )
    state = models.CharField(
        _("state"), max_length=15, choices=State.choices, default=State.NOT_STARTED
    )
    # Copied from the latest submission so the board is one plain query.
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    is_late = models.BooleanField(_("late"), default=False)
    team_count = models.PositiveIntegerField(_("teams sent"), default=0)
    site_count = models.PositiveIntegerField(_("sites sent"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["unit__path"]
        verbose_name = _("asked unit")
        verbose_name_plural = _("asked units")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "unit"], name="round_assignment_unique"
            )
        ]
        indexes = [models.Index(fields=["round", "state"])]

    def __str__(self) -> str:
        return f"{self.round.reference} · {self.unit}"

    @property
    def is_done(self) -> bool:
        return self.state in (self.State.SUBMITTED, self.State.APPROVED)


class Submission(models.Model):
    """What a unit sent, frozen: later edits to its lists do not touch it."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Awaiting review")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        RETURNED = "returned", _("Returned")
        APPROVED = "approved", _("Approved")

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="submissions"
    )
    number = models.PositiveIntegerField(_("number"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    is_late = models.BooleanField(_("late"), default=False)
    # Each list: [{"id": source pk, "unit": unit code, "record": {...}}],
    # the record keyed by the Mẫu 1/Mẫu 2 column keys.
    teams = models.JSONField(default=list, blank=True)
    sites = models.JSONField(default=list, blank=True)
    team_count = models.PositiveIntegerField(default=0)
    site_count = models.PositiveIntegerField(default=0)
    # Sent by a parent unit for this one, together with its own.
    sent_with = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)

    class Meta:
        ordering = ["assignment", "-number"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "number"], name="submission_number_unique"
            ),
            # Two officers pressing "submit" at once: the database lets
            # only one submission wait for review.
            models.UniqueConstraint(
                fields=["assignment"],
                condition=Q(status="submitted"),
                name="submission_one_awaiting_review",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assignment} #{self.number}"

    def records(self, kind: str) -> list[dict]:
        return self.teams if kind == "teams" else self.sites


class StateChange(models.Model):
    """Every change of an assignment's state: who, when and why."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="changes"
    )
    submission = models.ForeignKey(
        Submission, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    from_state = models.CharField(max_length=15, choices=Assignment.State.choices)
    to_state = models.CharField(max_length=15, choices=Assignment.State.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    reason = models.TextField(_("why"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("state change")
        verbose_name_plural = _("state changes")

    def __str__(self) -> str:
        return f"{self.assignment}: {self.from_state} → {self.to_state}"


class RecordComment(models.Model):
    """What the reviewer asks the unit to fix in one record."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="comments"
    )
    kind = models.CharField(max_length=5)
    record_id = models.PositiveIntegerField()
    record_name = models.CharField(max_length=200, blank=True)
    text = models.TextField(_("comment"))

    class Meta:
        ordering = ["kind", "record_name", "pk"]
        verbose_name = _("comment on a record")
        verbose_name_plural = _("comments on records")

    def __str__(self) -> str:
        return f"{self.record_name}: {self.text[:40]}"


class Question(models.Model):
    """A unit's question about a round, and the focal person's answer."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="questions")
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.CASCADE, related_name="round_questions"
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("question"))
    asked_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["asked_at", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text[:60]


class Announcement(models.Model):
    """A notice the city posts to chosen units, optionally about a round."""

    round = models.ForeignKey(
        Round,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="announcements",
    )
    title = models.CharField(_("title"), max_length=255)
    body = models.TextField(_("text"))
    units = models.ManyToManyField(
        "units.Unit", related_name="announcements", verbose_name=_("units")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("posted at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")

    def __str__(self) -> str:
        return self.title


class AnnouncementRead(models.Model):
    announcement = models.ForeignKey(
        Announcement, on_delete=models.CASCADE, related_name="reads"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["announcement", "user"], name="announcement_read_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.announcement_id}"


class DuplicateDecision(models.Model):
    """A person's ruling on two records from different units that look alike.

    ``same`` drops the second record from the merged list; ``distinct``
    keeps both and stops flagging the pair.
    """

    class Decision(models.TextChoices):
        SAME = "same", _("The same record: keep the first")
        DISTINCT = "distinct", _("Different records: keep both")

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="duplicate_decisions"
    )
    kind = models.CharField(max_length=5)
    first = models.CharField(max_length=40)
    second = models.CharField(max_length=40)
    decision = models.CharField(max_length=10, choices=Decision.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "kind", "first", "second"],
                name="duplicate_decision_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.first} / {self.second}: {self.decision}"
