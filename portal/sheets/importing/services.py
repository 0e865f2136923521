"""Uploading a list, reading it (the dry run) and writing it.

Small files are read while the person waits; larger ones in a background
task, whose progress the report page polls. Writing re-reads the kept file
inside one transaction, so what is written matches the records as they are
at that moment, and nothing is written if anything fails.
"""

import logging
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.access.policy import Action, require
from portal.accounts.models import User
from portal.sheets.columns import ListKind
from portal.sheets.importing.errors import (
    ImportNotReady,
    SheetUnusable,
)
from portal.sheets.importing.plan import analyse, run
from portal.sheets.importing.reading import max_bytes, too_large
from portal.sheets.models import SheetImport
from portal.units.models import Unit

logger = logging.getLogger(__name__)


def background_bytes() -> int:
    """Files larger than this are read and written in a background task."""
    return int(getattr(settings, "SHEET_BACKGROUND_BYTES", 256 * 1024))


def start_import(
    *, by: User, kind: ListKind, unit: Unit, upload: UploadedFile
) -> SheetImport:
    """Keep the uploaded file and read it (now, or in the background)."""
    require(by, Action.CHANGE, unit)
    if upload.size is not None and upload.size > max_bytes():
        raise too_large()
    with transaction.atomic():
        record = SheetImport(
            kind=kind,
            unit=unit,
            created_by=by,
            original_name=(upload.name or "")[:255],
            size=upload.size or 0,
        )
        record.file.save(upload.name or "list", upload, save=False)
        record.save()
    logger.info(
        "import %s uploaded by user %s for unit %s (%s bytes)",
        record.pk, by.pk, unit.pk, record.size,
    )  # fmt: skip
    if record.size > background_bytes():
        from portal.sheets.tasks import analyse_sheet_import

        analyse_sheet_import.enqueue(import_id=record.pk)
    else:
        analyse_import(import_id=record.pk)
        record.refresh_from_db()
    return record


def _set(record: SheetImport, **values: Any) -> None:
    # Written straight away, outside any transaction of the caller's, so
    # the page polling the progress sees it.
    SheetImport.objects.filter(pk=record.pk).update(**values)
    for name, value in values.items():
        setattr(record, name, value)


def _read(record: SheetImport) -> bytes:
    with record.file.open("rb") as stored:
        return stored.read()


def analyse_import(*, import_id: int) -> SheetImport:
    """The dry run: read, clean and match the file; keep the report."""
    record = SheetImport.objects.select_related("unit").get(pk=import_id)
    _set(record, status=SheetImport.Status.ANALYSING, progress=0)

    def progress(done: int, total: int) -> None:
        _set(record, progress=min(99, done * 100 // max(total, 1)))

    try:
        plan = analyse(
            _read(record), kind=record.kind, unit=record.unit, progress=progress
        )
    except SheetUnusable as error:
        _set(record, status=SheetImport.Status.UNUSABLE, message=str(error.message))
        return record
    except Exception:
        logger.exception("import %s could not be read", record.pk)
        _set(record, status=SheetImport.Status.FAILED, message=_failed_message())
        return record
    _set(
        record,
        status=SheetImport.Status.READY,
        progress=100,
        result=plan.summary(),
    )
    return record


def _failed_message() -> str:
    return _(
        "Something went wrong while reading this file. Nothing was written. "
        "Try again, or send the file to the city's coordinators."
    )


def commit_import(*, by: User, sheet_import: SheetImport) -> SheetImport:
    """Write the import's records, all or nothing (now, or in the background)."""
    require(by, Action.CHANGE, sheet_import.unit)
    with transaction.atomic():
        record = SheetImport.objects.select_for_update().get(pk=sheet_import.pk)
        if record.status != SheetImport.Status.READY:
            raise ImportNotReady()
        record.status = SheetImport.Status.COMMITTING
        record.progress = 0
        record.save(update_fields=["status", "progress"])
    if record.size > background_bytes():
        from portal.sheets.tasks import commit_sheet_import

        commit_sheet_import.enqueue(import_id=record.pk, user_id=by.pk)
        return record
    return write_import(import_id=record.pk, user_id=by.pk)


def write_import(*, import_id: int, user_id: int | None) -> SheetImport:
    record = SheetImport.objects.select_related("unit").get(pk=import_id)
    by = User.objects.filter(pk=user_id).first() if user_id else None
    try:
        plan = run(
            _read(record),
            kind=record.kind,
            unit=record.unit,
            by=by,
            commit=True,
            reason=f"import #{record.pk} {record.original_name}"[:100],
        )
    except SheetUnusable as error:
        _set(record, status=SheetImport.Status.UNUSABLE, message=str(error.message))
        return record
    except Exception:
        logger.exception("import %s could not be written", record.pk)
        _set(record, status=SheetImport.Status.READY, message=_failed_message())
        return record
    _set(
        record,
        status=SheetImport.Status.COMMITTED,
        progress=100,
        message="",
        result=plan.summary(),
        committed_by=by,
        committed_at=timezone.now(),
    )
    return record
