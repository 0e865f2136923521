"""No exported cell runs as a formula, and every value comes back as written."""

import csv
import io
from pathlib import Path

import openpyxl
from hypothesis import given
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from portal.sheets.columns import empty_record
from portal.sheets.export import csv_cell, restore_csv_cell, write_csv, write_xlsx

RISKY = [
    "=1+1",
    "+84 908",
    "-2+3",
    "@SUM(A1)",
    "\tcmd",
    "#N/A",
    '=HYPERLINK("x")',
]


def _records(values: list[str]) -> list[dict[str, str]]:
    records = []
    for value in values:
        record = empty_record("teams")
        record.update(name=value, notes=value, leader="An")
        records.append(record)
    return records


def test_risky_cells_are_stored_as_text_in_the_workbook(tmp_path: Path) -> None:
    path = tmp_path / "list.xlsx"
    write_xlsx("teams", _records(RISKY), issuer="Đoàn phường Bến Thành", output=path)

    sheet = openpyxl.load_workbook(path).active
    cells = [sheet.cell(row, 2) for row in range(8, 8 + len(RISKY))]
    assert [cell.data_type for cell in cells] == ["s"] * len(RISKY)
    assert [cell.value for cell in cells] == RISKY


def test_risky_cells_read_back_as_the_same_text(tmp_path: Path) -> None:
    path = tmp_path / "list.xlsx"
    write_xlsx("teams", _records(RISKY), issuer="Đoàn phường Bến Thành", output=path)

    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert [row[1] for row in rows[7 : 7 + len(RISKY)]] == RISKY


def test_risky_csv_cells_start_with_an_apostrophe(tmp_path: Path) -> None:
    out = io.BytesIO()
    write_csv("teams", _records(["=1+1", "-2", "@x", "An"]), out)

    rows = list(csv.reader(io.StringIO(out.getvalue().decode("utf-8-sig"))))
    assert [row[1] for row in rows[1:]] == ["'=1+1", "'-2", "'@x", "An"]


@given(st.text())
def test_restoring_a_csv_cell_gives_back_any_text(text: str) -> None:
    assert restore_csv_cell(csv_cell(text)) == text


@given(st.text())
def test_no_neutralised_csv_cell_starts_a_formula(text: str) -> None:
    assert csv_cell(text)[:1] not in ("=", "+", "-", "@", "\t", "\r")
