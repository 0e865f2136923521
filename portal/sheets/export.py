"""Mẫu 1 and Mẫu 2 written out as .xlsx laid out like the template, or .csv.

The workbook reads as a Union document: the upper body and the issuing
unit at the top left, "ĐOÀN TNCS HỒ CHÍ MINH" with the place and date at
the top right, the title, the header (Mẫu 2's "Địa chỉ" merged over its
three sub-columns), numbered rows, and a signature block below. The header
stays frozen and is repeated on every printed page.

Formula injection. A cell that begins with "=", "+", "-", "@", a tab or a
carriage return would run as a formula in a spreadsheet program.

- In .xlsx every such value is stored with the explicit string type, so
  the text is kept exactly and nothing is added: a reader gets back the
  original text and has nothing to strip.
- In .csv the type cannot be stated, so such a value gets one apostrophe
  in front ("'=1+1"), which spreadsheet programs show as text. To keep
  this reversible, a value that already begins with apostrophes followed
  by one of those characters gets one more. A reader restores the value
  with ``restore_csv_cell``, which removes exactly one leading apostrophe
  from such values and leaves every other value alone.

Values are written as text, except the row number and the whole numbers of
the members, people cared for and the founding year, written as numbers so
that a spreadsheet can add them up; a reader gets e.g. ``45`` (or
``45.0``) for "45". Control characters a workbook cannot hold (other than
tab and line breaks) are dropped, and line breaks are written as "\\n"
(a workbook's XML would turn a carriage return into one anyway).
"""

import csv
import io
import re
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import IO, Any

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from portal.sheets.columns import COLUMNS, ROW_NUMBER, TITLES, Column, ListKind

UNION = "ĐOÀN TNCS HỒ CHÍ MINH"
CITY_UNION = "THÀNH ĐOÀN TP. HỒ CHÍ MINH"
DEFAULT_PLACE = "TP. Hồ Chí Minh"
SIGNATURE_LEFT = "NGƯỜI LẬP DANH SÁCH"
SIGNATURE_RIGHT = "TM. BAN THƯỜNG VỤ"
SIGNATURE_HINT = "(Ký, ghi rõ họ tên)"
SHEET_TITLES: dict[ListKind, str] = {"teams": "Mẫu 1", "sites": "Mẫu 2"}

# Columns written as numbers when the value is a plain whole number.
NUMBER_KEYS = frozenset({"members", "beneficiaries", "founded"})

_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
_CSV_GUARDED = re.compile(r"^'*[=+\-@\t\r]")
_CSV_RESTORE = re.compile(r"^'+[=+\-@\t\r]")
# The longest whole number written as a number; longer digit strings stay
# text so that Excel does not round them.
_MAX_NUMBER_DIGITS = 9

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_ITALIC = Font(italic=True)
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)

Output = str | Path | IO[bytes]


def csv_cell(value: str) -> str:
    """The value as written to a CSV cell, neutralised if it could run."""
    return "'" + value if _CSV_GUARDED.match(value) else value


def restore_csv_cell(value: str) -> str:
    """The inverse of ``csv_cell``: the value as it was before export."""
    return value[1:] if _CSV_RESTORE.match(value) else value


def union_date(when: date, place: str = DEFAULT_PLACE) -> str:
    """ "TP. Hồ Chí Minh, ngày 04 tháng 12 năm 2026", as Union documents date."""
    return f"{place}, ngày {when.day:02d} tháng {when.month:02d} năm {when.year}"


def write_xlsx(
    kind: ListKind,
    records: Iterable[Mapping[str, str]],
    *,
    issuer: str,
    output: Output,
    title: str | None = None,
    subtitle: str = "",
    parent: str = CITY_UNION,
    place: str = DEFAULT_PLACE,
    when: date | None = None,
) -> int:
    """Write the list as a template-shaped workbook; return the rows written.

    ``issuer`` is the unit issuing the list, ``parent`` the body above it
    (the City Union by default; "" when the issuer is the City Union).
    """
    columns = (ROW_NUMBER, *COLUMNS[kind])
    last = get_column_letter(len(columns))
    layout = _Layout(columns)

    workbook = Workbook(write_only=True)
    sheet: Any = workbook.create_sheet(SHEET_TITLES[kind])
    _prepare_sheet(sheet, columns, layout)

    right = f"{get_column_letter(layout.right_start)}{{row}}:{last}{{row}}"
    left = f"A{{row}}:{get_column_letter(layout.left_end)}{{row}}"
    top = [parent.upper(), issuer.upper()] if parent else [issuer.upper(), ""]
    signed_on = union_date(when or timezone.localdate(), place)
    _append_banner(sheet, layout, top[0], UNION, _BOLD, _BOLD)
    _append_banner(sheet, layout, top[1], signed_on, _BOLD, _ITALIC)
    sheet.append([])
    sheet.append([_styled(sheet, title or TITLES[kind], _TITLE, _CENTRE)])
    sheet.append([_styled(sheet, subtitle, _ITALIC, _CENTRE)] if subtitle else [])
    sheet.append([])
    # A write-only sheet has no merge_cells(), but it writes the ranges
    # held in merged_cells when it is saved, after the rows.
    for row in (1, 2):
        sheet.merged_cells.add(left.format(row=row))
        sheet.merged_cells.add(right.format(row=row))
    sheet.merged_cells.add(f"A4:{last}4")
    sheet.merged_cells.add(f"A5:{last}5")

    for header_row in _header_rows(sheet, columns, layout):
        sheet.append(header_row)

    count = _append_records(sheet, columns[1:], records)

    end = layout.data_row + count
    sheet.append([])
    signature_row = end + 1
    sheet.append(_signature_row(sheet, layout, SIGNATURE_LEFT, SIGNATURE_RIGHT, _BOLD))
    sheet.append(_signature_row(sheet, layout, SIGNATURE_HINT, SIGNATURE_HINT, _ITALIC))
    # As in the template, the left signature starts beside the STT column,
    # which stays empty so that a reader sees where the list ends.
    signer = f"B{{row}}:{get_column_letter(layout.left_end)}{{row}}"
    for row in (signature_row, signature_row + 1):
        sheet.merged_cells.add(signer.format(row=row))
        sheet.merged_cells.add(right.format(row=row))

    workbook.save(_target(output))
    return count


class _Layout:
    """Where things go: the header rows, the two top blocks, the data."""

    def __init__(self, columns: tuple[Column, ...]) -> None:
        self.grouped = any(column.group for column in columns)
        self.header_row = 7
        self.data_row = self.header_row + (2 if self.grouped else 1)
        width = len(columns)
        # The template gives each top block about a third of the width.
        self.left_end = max(2, min(4, width // 3))
        self.right_start = max(self.left_end + 1, width - 4)


def _prepare_sheet(sheet: Any, columns: tuple[Column, ...], layout: _Layout) -> None:
    """What write-only mode needs before the first row is written."""
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = f"C{layout.data_row}"
    sheet.print_title_rows = f"{layout.header_row}:{layout.data_row - 1}"
    sheet.row_dimensions[4].height = 36
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _styled(sheet: Any, value: Any, font: Font, alignment: Alignment | None = None):
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = font
    if alignment is not None:
        cell.alignment = alignment
    return cell


def _append_banner(
    sheet: Any, layout: _Layout, left: str, right: str, left_font: Font, font: Font
) -> None:
    row: list[Any] = [None] * (layout.right_start - 1)
    row[0] = _styled(sheet, left, left_font, _CENTRE) if left else None
    row.append(_styled(sheet, right, font, _CENTRE))
    sheet.append(row)


def _signature_row(
    sheet: Any, layout: _Layout, left: str, right: str, font: Font
) -> list[Any]:
    row: list[Any] = [None] * (layout.right_start - 1)
    row[1] = _styled(sheet, left, font, _CENTRE)
    row.append(_styled(sheet, right, font, _CENTRE))
    return row


def _header_rows(
    sheet: Any, columns: tuple[Column, ...], layout: _Layout
) -> list[list[Any]]:
    """One header row, or two when columns sit under a merged group header."""

    def header(value: str) -> WriteOnlyCell:
        cell = _styled(sheet, value, _BOLD, _CENTRE)
        cell.border = _BOX
        return cell

    first = layout.header_row
    if not layout.grouped:
        sheet.row_dimensions[first].height = 45
        return [[header(column.header) for column in columns]]

    sheet.row_dimensions[first].height = 30
    sheet.row_dimensions[first + 1].height = 30
    top: list[Any] = []
    bottom: list[Any] = []
    group_start: dict[str, int] = {}
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        if not column.group:
            top.append(header(column.header))
            bottom.append(header(""))
            sheet.merged_cells.add(f"{letter}{first}:{letter}{first + 1}")
            continue
        is_first = column.group not in group_start
        group_start.setdefault(column.group, index)
        top.append(header(column.group if is_first else ""))
        bottom.append(header(column.header))
    for group, start in group_start.items():
        span = sum(1 for column in columns if column.group == group)
        end = get_column_letter(start + span - 1)
        sheet.merged_cells.add(f"{get_column_letter(start)}{first}:{end}{first}")
    return [top, bottom]


def _append_records(
    sheet: Any, columns: tuple[Column, ...], records: Iterable[Mapping[str, str]]
) -> int:
    """Append the data rows; the hot loop of a 50,000-row export."""
    keys = [column.key for column in columns]
    numeric = [key in NUMBER_KEYS for key in keys]
    count = 0
    for count, record in enumerate(records, start=1):
        row: list[Any] = [count]
        for key, is_number in zip(keys, numeric, strict=True):
            value = record.get(key) or ""
            if not value:
                row.append(None)
            elif is_number and value.isdigit() and len(value) <= _MAX_NUMBER_DIGITS:
                row.append(int(value))
            elif value[0] in _DANGEROUS or value[0] == "#":
                row.append(_text_cell(sheet, value))
            else:
                row.append(_clean(value))
        sheet.append(row)
    return count


def _text_cell(sheet: Any, value: str) -> WriteOnlyCell:
    """A cell that holds the text as text, never as a formula or an error."""
    cell = WriteOnlyCell(sheet)
    cell._value = _clean(value)
    cell.data_type = "s"
    return cell


def _clean(value: str) -> str:
    # A workbook's XML turns "\r" into "\n" when read; writing "\n" keeps
    # the .xlsx and .csv of one list alike.
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if ILLEGAL_CHARACTERS_RE.search(value):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def write_csv(
    kind: ListKind, records: Iterable[Mapping[str, str]], output: Output
) -> int:
    """Write the list as UTF-8 CSV with a BOM; return the rows written.

    One header row with the column headers (Mẫu 2's sub-columns by their
    own headers), then the numbered rows; no title block.
    """
    columns = COLUMNS[kind]
    keys = [column.key for column in columns]
    if isinstance(output, (str, Path)):
        with open(output, "w", encoding="utf-8-sig", newline="") as stream:
            return _write_csv_rows(stream, columns, keys, records)

    stream = io.TextIOWrapper(output, encoding="utf-8-sig", newline="")
    try:
        return _write_csv_rows(stream, columns, keys, records)
    finally:
        # Leave the caller's binary stream open.
        stream.flush()
        stream.detach()


def _write_csv_rows(
    stream: IO[str],
    columns: tuple[Column, ...],
    keys: list[str],
    records: Iterable[Mapping[str, str]],
) -> int:
    writer = csv.writer(stream)
    writer.writerow([ROW_NUMBER.header, *(column.header for column in columns)])
    count = 0
    for count, record in enumerate(records, start=1):
        values = (csv_cell(_clean(record.get(key) or "")) for key in keys)
        writer.writerow([count, *values])
    return count


def _target(output: Output) -> Any:
    return str(output) if isinstance(output, Path) else output
