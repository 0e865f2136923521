"""A messy Mẫu 1 file: the report names every problem by row and column."""

import io
import unicodedata
from datetime import date

import openpyxl
import pytest

from portal.sheets.importing.plan import run
from portal.teams.models import Team
from portal.units.models import Unit


def _messy_workbook() -> bytes:
    workbook = openpyxl.Workbook()
    notes = workbook.active
    notes.title = "Hướng dẫn"
    notes["A1"] = "Điền danh sách ở trang bên"
    sheet = workbook.create_sheet("Danh sách")
    sheet["A1"] = "ĐOÀN PHƯỜNG BẾN THÀNH"
    sheet["A3"] = "DANH SÁCH CLB, ĐỘI, NHÓM"
    # Headers in another order, under their variants, one with a note.
    sheet.append([])
    sheet.append(
        [
            "TT",
            "SĐT",
            "Tên câu lạc bộ, đội, nhóm (*)",
            "Người phụ trách",
            "Hình thức",
            "Ngày thành lập",
            "SL TNV",
            "Lĩnh vực",
            "Địa bàn",
            "Thư điện tử",
        ]
    )
    decomposed = unicodedata.normalize("NFD", "Nhóm Hoa Phượng Đỏ")
    rows = [
        # 6: old eleven-digit mobile, decomposed text, "25 người", serial date
        [1, "0168 123 4567", decomposed, "Lê Văn Tám", "Nhóm", 44197,
         "25 người", "Môi trường", "Phường Bến Thành", ""],
        # 7: phone with dots, dd/mm/yyyy, legacy TCVN3 name
        [2, "0908.123.456", "CLB Thµnh §oµn trÎ", "Trần Thị Hoa", "CLB",
         "15/03/2012", 40, "An sinh xã hội", "Phường 5, Quận 3", "a@b.vn"],
        [],  # 8: blank
        # 9: bad phone, no leader
        [3, "12345", "Đội Xanh", "", "Đội", 2015, 10, "", "", ""],
        # 10: no name
        [4, "0912345678", "", "Phạm Văn Bình", "Đội", 2016, 5, "", "", ""],
        # 11: unknown kind, bad email, negative count
        [5, "", "Hội Bạn Trẻ", "Ngô Văn Cường", "Liên minh", 2010, -3, "", "",
         "khong-phai-email"],
        # 12: impossible date
        [6, "+84 933 456 789", "Nhóm Sẻ Chia", "Võ Thị Dung", "Nhóm",
         "31/02/2019", 12, "", "", ""],
        # 13: formula without a saved value in the count column
        [7, "", "CLB Cờ Vua", "Đặng Văn Em", "CLB", 2018, "=5*4", "", "", ""],
        ["", "", "Tổng cộng", "", "", "", 92, "", "", ""],  # 14: total row
        ["", "", "NGƯỜI LẬP DANH SÁCH", "", "", "", "", "", "", ""],  # 15
        [8, "0909999999", "Nhóm sau chữ ký", "Ai Đó", "Nhóm", 2020, 1],  # 16
    ]  # fmt: skip
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def plan(demo: dict):  # type: ignore[no-untyped-def]
    unit = Unit.objects.get(code="doan-p-ben-thanh")
    return run(_messy_workbook(), kind="teams", unit=unit, by=None, commit=True)


def test_the_report_names_each_refused_cell_by_row_and_header(plan) -> None:  # type: ignore[no-untyped-def]
    problems = {(e["row"], e["column"]) for e in plan.summary()["errors"]}

    assert problems == {
        (9, "SĐT"),
        (9, "Người phụ trách"),
        (10, "Tên câu lạc bộ, đội, nhóm (*)"),
        (11, "Hình thức"),
        (11, "Thư điện tử"),
        (11, "SL TNV"),
        (12, "Ngày thành lập"),
        (13, "SL TNV"),
    }
    assert all(e["message"] for e in plan.summary()["errors"])


def test_refused_rows_are_left_out_and_the_good_ones_written(plan) -> None:  # type: ignore[no-untyped-def]
    summary = plan.summary()

    assert summary["rows_total"] == 7
    assert summary["rows_invalid"] == 5
    assert summary["created"] == 2
    assert not Team.objects.filter(name="Nhóm sau chữ ký").exists()
    assert not Team.objects.filter(name__in=["Tổng cộng", "Đội Xanh"]).exists()


def test_messy_values_are_cleaned(plan) -> None:  # type: ignore[no-untyped-def]
    hoa_phuong = Team.objects.get(name="Nhóm Hoa Phượng Đỏ")
    assert hoa_phuong.phone == "0381234567"
    assert hoa_phuong.member_count == 25
    assert hoa_phuong.founded_on == date(2021, 1, 1)
    assert hoa_phuong.kind == "group"

    legacy = Team.objects.get(name="CLB Thành Đoàn trẻ")
    assert legacy.phone == "0908123456"
    assert legacy.founded_on == date(2012, 3, 15)
    assert legacy.area_text == "Phường 5, Quận 3"
    assert legacy.ward is None


def test_old_wards_and_converted_text_are_warnings(plan) -> None:  # type: ignore[no-untyped-def]
    warnings = {(w["row"], w["column"]) for w in plan.summary()["warnings"]}

    assert (7, "Địa bàn") in warnings
    assert (7, "Tên câu lạc bộ, đội, nhóm (*)") in warnings


def test_a_count_too_large_for_the_database_is_refused_not_a_crash(demo: dict) -> None:
    unit = Unit.objects.get(code="doan-p-ben-thanh")
    workbook = openpyxl.Workbook()
    workbook.active.append(["Tên CLB/Đội/Nhóm", "Người phụ trách", "SL TNV"])
    workbook.active.append(["CLB Rất Đông", "Lê Văn A", 10**12])
    buffer = io.BytesIO()
    workbook.save(buffer)

    plan = run(buffer.getvalue(), kind="teams", unit=unit, by=None, commit=True)

    assert [(e["row"], e["column"]) for e in plan.summary()["errors"]] == [
        (2, "SL TNV")
    ]
    assert not Team.objects.filter(name="CLB Rất Đông").exists()


def test_control_characters_deep_in_a_csv_are_dropped(demo: dict) -> None:
    unit = Unit.objects.get(code="doan-p-ben-thanh")
    header = "Tên CLB/Đội/Nhóm;Loại hình;Người phụ trách\n"
    filler = "".join(f"CLB Số {n};CLB;Người {n}\n" for n in range(300))
    data = (header + filler + "CLB Cu\x00ối;CLB;Lê\x07 Văn B\n").encode()

    plan = run(data, kind="teams", unit=unit, by=None, commit=True)

    assert plan.summary()["rows_invalid"] == 0
    assert Team.objects.get(name="CLB Cuối").leader_name == "Lê Văn B"
