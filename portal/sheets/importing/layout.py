"""Finding the list in a workbook: which sheet, which header row, which column.

Real files carry a title block above the header, headers split over two
merged rows ("Địa chỉ" over street, ward and old district), columns in
any order under any of the known variants, blank and total rows, and a
signature block below the list.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.utils.translation import gettext as _

from portal.lib.text import fold
from portal.sheets.columns import COLUMNS, ROW_NUMBER, Column, ListKind
from portal.sheets.importing.errors import NoHeader
from portal.sheets.importing.reading import Grid
from portal.sheets.importing.values import as_text

# The header is looked for among the first rows only.
_HEADER_SEARCH_ROWS = 40
# Columns whose values several columns of the file may add to.
_MULTI = {"links", "notes"}
# A total row starts with one of these words, or is just "Cộng"/"Tổng".
_TOTAL_STARTS = ("tong cong", "tong so")
_TOTAL_WORDS = ("cong", "tong")
_SIGNATURE_WORDS = (
    "nguoi lap", "tm ", "t m ", "ban thuong vu", "bi thu", "pho bi thu",
    "xac nhan", "ky ten", "ky ghi ro", "thu truong", "noi nhan", "chu tich",
    "ban chap hanh", "giam doc",
)  # fmt: skip


@dataclass
class Layout:
    grid: Grid
    kind: ListKind
    # Index of the last header row (0-based); data starts below it.
    header_row: int
    # Column index -> the portal's column, and its header as written.
    columns: dict[int, Column]
    headers: dict[int, str]
    row_number_column: int | None

    def header_of(self, key: str) -> str:
        for index, column in self.columns.items():
            if column.key == key:
                return self.headers[index]
        for column in COLUMNS[self.kind]:
            if column.key == key:
                return column.header
        return key


@lru_cache(maxsize=8)
def _header_index(kind: ListKind) -> dict[str, Column]:
    index: dict[str, Column] = {}
    for column in (*COLUMNS[kind], ROW_NUMBER):
        for folded in column.folded_headers():
            index.setdefault(folded, column)
    return index


@lru_cache(maxsize=4096)
def match_header(kind: ListKind, text: str) -> Column | None:
    """The column a header names: exactly, or by its longest known start
    ("Số điện thoại liên hệ" is "Số điện thoại")."""
    folded = fold(text)
    if not folded:
        return None
    index = _header_index(kind)
    if folded in index:
        return index[folded]
    best: tuple[int, Column] | None = None
    for known, column in index.items():
        longer = best is None or len(known) > best[0]
        if longer and len(known) > 3 and folded.startswith(known + " "):
            best = (len(known), column)
    return best[1] if best else None


def _cell(rows: list[list[Any]], r: int, c: int) -> str:
    if r >= len(rows) or c >= len(rows[r]):
        return ""
    return as_text(rows[r][c])[0]


def _candidate(grid: Grid, kind: ListKind, r: int, two_rows: bool) -> Layout | None:
    rows = grid.rows
    width = max(len(rows[r]), len(rows[r + 1]) if r + 1 < len(rows) else 0)
    columns: dict[int, Column] = {}
    headers: dict[int, str] = {}
    taken: set[str] = set()
    row_number = None
    for c in range(width):
        top = _cell(rows, r, c)
        below = _cell(rows, r + 1, c) if two_rows else ""
        text = below if below and match_header(kind, below) else top
        column = match_header(kind, text) if text else None
        if column is None:
            continue
        if column is ROW_NUMBER:
            row_number = c if row_number is None else row_number
            continue
        if column.key in taken and column.key not in _MULTI:
            continue
        taken.add(column.key)
        columns[c] = column
        headers[c] = " ".join(text.split())
    if "name" not in taken or len(taken) < 2:
        return None
    last = r + 1 if two_rows else r
    return Layout(grid, kind, last, columns, headers, row_number)


def find_layout(grids: list[Grid], kind: ListKind) -> Layout:
    """The sheet and header row that best hold a list of this kind."""
    best: Layout | None = None
    for grid in grids:
        for r in range(min(len(grid.rows), _HEADER_SEARCH_ROWS)):
            for two_rows in (False, True):
                layout = _candidate(grid, kind, r, two_rows)
                if layout is None:
                    continue
                if best is None or len(layout.columns) > len(best.columns):
                    best = layout
    if best is None:
        raise NoHeader(_no_header_message(kind))
    return best


def _no_header_message(kind: ListKind) -> str:
    name = next(c.header for c in COLUMNS[kind] if c.key == "name")
    return _(
        'No header row was found: the list needs a column headed "%(name)s" '
        "and the other columns of the template, in the first %(rows)s rows."
    ) % {"name": name, "rows": _HEADER_SEARCH_ROWS}


@lru_cache(maxsize=16384)
def _total_text(text: str) -> bool:
    folded = fold(text)
    return folded in _TOTAL_WORDS or folded.startswith(_TOTAL_STARTS)


@lru_cache(maxsize=16384)
def _signature_text(text: str) -> bool:
    return f"{fold(text)} ".startswith(_SIGNATURE_WORDS)


def _is_total(texts: list[str]) -> bool:
    return any(_total_text(text) for text in texts[:4] if text)


def _is_signature(texts: list[str]) -> bool:
    return any(_signature_text(text) for text in texts)


def data_rows(layout: Layout) -> Iterator[tuple[int, list[Any]]]:
    """(Excel row number, the row's cells) for each list row."""
    rows = layout.grid.rows
    indexes = list(layout.columns)
    stt = layout.row_number_column
    formulas = layout.grid.formulas_without_value
    for r in range(layout.header_row + 1, len(rows)):
        row = rows[r]
        number = row[stt] if stt is not None and stt < len(row) else ""
        if isinstance(number, int | float) and not isinstance(number, bool):
            # A numbered row is a list row unless it is blank; only the
            # others may be totals, headings or the signature block.
            if _filled(row, indexes) or (
                formulas and any((r, c) in formulas for c in indexes)
            ):
                yield r + 1, row
            continue
        values = [row[c] for c in indexes if c < len(row) and row[c] not in ("", None)]
        if not values:
            if formulas and any((r, c) in formulas for c in indexes):
                yield r + 1, row
            continue
        texts = [as_text(value)[0] for value in values]
        if number in ("", None) and _is_signature(texts):
            return
        if _is_total([as_text(number)[0], *texts]):
            continue
        yield r + 1, row


def _filled(row: list[Any], indexes: list[int]) -> bool:
    return any(c < len(row) and row[c] not in ("", None) for c in indexes)
