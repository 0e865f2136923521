"""The follow-up board as an .xlsx workbook."""

import io
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from portal.rounds.models import Assignment, Round

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def write(round: Round, rows: Iterable[Assignment]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Follow-up")[:31]
    sheet.append([f"{round.reference} · {round.title}"])
    sheet["A1"].font = Font(bold=True)
    sheet.append([])
    headers = [
        _("No."),
        _("Unit"),
        _("State"),
        _("Submitted at"),
        _("On time"),
        _("Teams sent"),
        _("Sites sent"),
    ]
    sheet.append(headers)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for number, row in enumerate(rows, start=1):
        submitted = (
            timezone.localtime(row.submitted_at).strftime("%d/%m/%Y %H:%M")
            if row.submitted_at
            else ""
        )
        timing = (
            "" if not row.submitted_at else (_("Late") if row.is_late else _("On time"))
        )
        sheet.append(
            [
                number,
                row.unit.name,
                row.get_state_display(),
                submitted,
                timing,
                row.team_count,
                row.site_count,
            ]
        )
    for column, width in zip("ABCDEFG", (6, 40, 16, 18, 12, 12, 12), strict=True):
        sheet.column_dimensions[column].width = width
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
