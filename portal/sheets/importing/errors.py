"""Why a file as a whole cannot be imported.

Problems of one row are not errors: they go into the report. These are
for the file itself; nothing is written and the person gets a message
saying what to do.
"""

from django.utils.translation import gettext_lazy as _

from portal.core.errors import PortalError


class SheetUnusable(PortalError):
    code = "sheet_unusable"
    status = 400
    default_message = _("This file cannot be imported.")


class NotASpreadsheet(SheetUnusable):
    code = "not_a_spreadsheet"
    default_message = _(
        "The file is not a spreadsheet. Upload an Excel (.xlsx, .xls), "
        "OpenDocument (.ods) or CSV file."
    )


class EncryptedFile(SheetUnusable):
    code = "encrypted_file"
    default_message = _(
        "The file is protected by a password. Open it in Excel, remove the "
        "password (File > Info > Protect Workbook) and upload it again."
    )


class FileTooLarge(SheetUnusable):
    code = "file_too_large"


class TooManyRows(SheetUnusable):
    code = "too_many_rows"


class SuspiciousArchive(SheetUnusable):
    code = "suspicious_archive"
    default_message = _(
        "The file unpacks to far more data than a list can hold and was "
        "not opened. Save the list again in Excel and upload the new file."
    )


class DamagedFile(SheetUnusable):
    code = "damaged_file"
    default_message = _(
        "The file could not be read; it may be damaged. Open it in Excel, "
        "save it again as .xlsx and upload the new file."
    )


class NoHeader(SheetUnusable):
    code = "no_header"


class ImportNotReady(PortalError):
    status = 409
    code = "import_not_ready"
    default_message = _(
        "This import cannot be written now: it is still being read, was "
        "already written, or its file cannot be used."
    )
