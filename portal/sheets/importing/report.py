"""The workbook sent back to the unit: its own list, with a "Lỗi" column.

For an .xlsx upload the unit's own workbook is kept as it was (title
block, merged headers, widths) and the column is added beside the list;
other formats are rewritten as .xlsx with the same cells. Refused rows are
marked red, rows with warnings yellow, so the unit fixes them in place and
uploads the file again.
"""

import io
from collections import defaultdict
from typing import Any

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from portal.sheets.columns import ERROR_HEADER, ListKind
from portal.sheets.importing.layout import find_layout
from portal.sheets.importing.reading import _ZIP_MAGIC, read_grids

_REFUSED = PatternFill("solid", fgColor="F8D7DA")
_WARNED = PatternFill("solid", fgColor="FFF3CD")


def _messages(result: dict[str, Any]) -> tuple[dict[int, list[str]], set[int]]:
    by_row: dict[int, list[str]] = defaultdict(list)
    refused: set[int] = set()
    for issue in result.get("errors", []):
        by_row[issue["row"]].append(f"[{issue['column']}] {issue['message']}")
        refused.add(issue["row"])
    for issue in result.get("warnings", []):
        by_row[issue["row"]].append(
            _("Check: [%(column)s] %(message)s")
            % {"column": issue["column"], "message": issue["message"]}
        )
    return by_row, refused


def report_workbook(data: bytes, kind: ListKind, result: dict[str, Any]) -> bytes:
    """The uploaded list with what to fix in each row, as .xlsx bytes."""
    layout = find_layout(read_grids(data), kind)
    sheet: Worksheet
    if data.startswith(_ZIP_MAGIC) and not data[:2000].count(b"mimetype"):
        workbook = openpyxl.load_workbook(io.BytesIO(data))
        sheet = workbook[layout.grid.name]
    else:
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.title = layout.grid.name[:31] or "Sheet1"
        for r, row in enumerate(layout.grid.rows, start=1):
            for c, value in enumerate(row, start=1):
                if value not in ("", None):
                    _write_plain(sheet.cell(row=r, column=c), value)

    width = max((len(row) for row in layout.grid.rows), default=0)
    column = max(width, sheet.max_column) + 1
    header = sheet.cell(row=layout.header_row + 1, column=column, value=ERROR_HEADER)
    header.font = Font(bold=True, color="9C0006")
    sheet.column_dimensions[header.column_letter].width = 60

    by_row, refused = _messages(result)
    for number, messages in by_row.items():
        cell = sheet.cell(row=number, column=column, value="\n".join(messages))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        fill = _REFUSED if number in refused else _WARNED
        for index in range(1, column + 1):
            sheet.cell(row=number, column=index).fill = fill
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_plain(cell: Any, value: Any) -> None:
    cell.value = value
    # Keep what the person typed: text that starts like a formula stays
    # text, so nothing runs when the file is opened.
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
