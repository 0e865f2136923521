"""The exported workbook is laid out like the Mẫu 1 and Mẫu 2 templates."""

import datetime as dt
from datetime import date
from pathlib import Path

import openpyxl
import time_machine
from python_calamine import CalamineWorkbook

from portal.sheets.columns import SITE_COLUMNS, TEAM_COLUMNS, TITLES, empty_record
from portal.sheets.export import write_xlsx


def _team(name: str, members: str = "") -> dict[str, str]:
    record = empty_record("teams")
    record.update(name=name, leader="Nguyễn Minh Anh", members=members)
    return record


def _write(tmp_path: Path, kind: str, records: list[dict[str, str]]) -> Path:
    path = tmp_path / f"{kind}.xlsx"
    write_xlsx(
        kind,  # type: ignore[arg-type]
        records,
        issuer="Đoàn phường Bến Thành",
        parent="Thành Đoàn TP. Hồ Chí Minh",
        output=path,
        when=date(2026, 12, 4),
    )
    return path


def test_the_title_block_names_the_issuer_the_union_the_place_and_the_date(
    tmp_path: Path,
) -> None:
    sheet = openpyxl.load_workbook(_write(tmp_path, "teams", [_team("A")])).active

    assert sheet["A1"].value == "THÀNH ĐOÀN TP. HỒ CHÍ MINH"
    assert sheet["A2"].value == "ĐOÀN PHƯỜNG BẾN THÀNH"
    assert sheet["K1"].value == "ĐOÀN TNCS HỒ CHÍ MINH"
    assert sheet["K2"].value == "TP. Hồ Chí Minh, ngày 04 tháng 12 năm 2026"
    assert sheet["A4"].value == TITLES["teams"]
    assert sheet["A4"].font.b
    merged = {str(cell_range) for cell_range in sheet.merged_cells.ranges}
    assert {"A1:D1", "A2:D2", "K1:O1", "K2:O2", "A4:O4"} <= merged


def test_team_headers_are_bold_on_one_row_with_widths_and_a_frozen_pane(
    tmp_path: Path,
) -> None:
    sheet = openpyxl.load_workbook(_write(tmp_path, "teams", [_team("A")])).active

    headers = [cell.value for cell in sheet[7]]
    assert headers == ["STT", *(column.header for column in TEAM_COLUMNS)]
    assert all(cell.font.b for cell in sheet[7])
    assert sheet.freeze_panes == "C8"
    assert sheet.column_dimensions["B"].width == TEAM_COLUMNS[0].width
    assert sheet.column_dimensions["A"].width == 6


def test_site_headers_put_the_address_group_over_its_three_sub_columns(
    tmp_path: Path,
) -> None:
    record = empty_record("sites")
    record.update(name="Mái ấm Hoa Sen", street="12 Lê Thánh Tôn")
    sheet = openpyxl.load_workbook(_write(tmp_path, "sites", [record])).active

    merged = {str(cell_range) for cell_range in sheet.merged_cells.ranges}
    assert "D7:F7" in merged
    assert {"A7:A8", "B7:B8", "N7:N8"} <= merged
    assert sheet["D7"].value == "Địa chỉ"
    assert [sheet["D8"].value, sheet["E8"].value, sheet["F8"].value] == [
        column.header for column in SITE_COLUMNS if column.group == "Địa chỉ"
    ]
    assert sheet.freeze_panes == "C9"
    assert sheet["B9"].value == "Mái ấm Hoa Sen"
    assert sheet["D9"].value == "12 Lê Thánh Tôn"


def test_rows_are_numbered_and_counts_are_numbers(tmp_path: Path) -> None:
    records = [_team("A", "45"), _team("B"), _team("C", "7")]
    rows = (
        CalamineWorkbook.from_path(str(_write(tmp_path, "teams", records)))
        .get_sheet_by_index(0)
        .to_python()
    )

    data = rows[7:10]
    assert [row[0] for row in data] == [1, 2, 3]
    assert [row[1] for row in data] == ["A", "B", "C"]
    members = [column.key for column in TEAM_COLUMNS].index("members") + 1
    assert [row[members] for row in data] == [45, "", 7]


def test_a_signature_block_follows_the_last_row(tmp_path: Path) -> None:
    records = [_team(f"Đội {n}") for n in range(5)]
    sheet = openpyxl.load_workbook(_write(tmp_path, "teams", records)).active

    last_data_row = 7 + len(records)
    assert sheet.cell(last_data_row, 2).value == "Đội 4"
    assert sheet.cell(last_data_row + 1, 2).value is None
    assert sheet.cell(last_data_row + 2, 1).value is None
    assert sheet.cell(last_data_row + 2, 2).value == "NGƯỜI LẬP DANH SÁCH"
    assert sheet.cell(last_data_row + 2, 11).value == "TM. BAN THƯỜNG VỤ"
    assert sheet.cell(last_data_row + 2, 2).font.b


def test_an_empty_list_still_has_its_header_and_signature_block(
    tmp_path: Path,
) -> None:
    sheet = openpyxl.load_workbook(_write(tmp_path, "teams", [])).active

    assert sheet["A7"].value == "STT"
    assert sheet["B9"].value == "NGƯỜI LẬP DANH SÁCH"


def test_the_date_is_vietnams_date_when_none_is_given(tmp_path: Path) -> None:
    path = tmp_path / "list.xlsx"
    late_evening_utc = dt.datetime(2026, 12, 4, 18, 30, tzinfo=dt.UTC)

    with time_machine.travel(late_evening_utc, tick=False):
        write_xlsx("teams", [], issuer="Đoàn phường Bến Thành", output=path)

    sheet = openpyxl.load_workbook(path).active
    assert sheet["K2"].value == "TP. Hồ Chí Minh, ngày 05 tháng 12 năm 2026"
