"""Imports of Mẫu 1 and Mẫu 2 files, kept with the file and the result.

Each upload is kept as it came, with who sent it, for which unit, when, and
the report of its dry run; committing it writes the records and keeps the
final counts. Nothing is deleted, so a unit can show what it sent.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def _upload_path(instance: "SheetImport", filename: str) -> str:
    # A random name: the original one is kept in its own column and may
    # hold anything.
    suffix = PurePath(filename).suffix.lower()[:8]
    return f"imports/{instance.kind}/{uuid.uuid4().hex}{suffix}"


class SheetImport(models.Model):
    class Kind(models.TextChoices):
        TEAMS = "teams", _("Form 1: teams")
        SITES = "sites", _("Form 2: sites")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be read")
        ANALYSING = "analysing", _("Reading the file")
        READY = "ready", _("Ready to review")
        UNUSABLE = "unusable", _("File cannot be used")
        COMMITTING = "committing", _("Writing the records")
        COMMITTED = "committed", _("Written")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("list"), max_length=10, choices=Kind.choices)
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="sheet_imports",
    )
    file = models.FileField(_("file"), upload_to=_upload_path)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.QUEUED
    )
    # Rows read so far, and percent done, for the progress bar.
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    message = models.TextField(_("message"), blank=True)
    # The report: counts, errors and warnings, and one entry per row.
    result = models.JSONField(_("result"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    committed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    committed_at = models.DateTimeField(_("written at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("spreadsheet import")
        verbose_name_plural = _("spreadsheet imports")
        indexes = [models.Index(fields=["unit", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.original_name} · {self.unit}"

    @property
    def is_working(self) -> bool:
        return self.status in (
            self.Status.QUEUED,
            self.Status.ANALYSING,
            self.Status.COMMITTING,
        )
