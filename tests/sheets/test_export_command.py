"""manage.py export_sheet, for scripts and the city's own staff."""

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import time_machine
from django.core.management import CommandError, call_command

from portal.rounds import services
from portal.rounds.models import Assignment, Round
from portal.teams.models import Team
from portal.units.models import Unit

pytestmark = pytest.mark.django_db

VN = dt.timezone(dt.timedelta(hours=7))


def _names(path: Path, header_rows: int) -> list[str]:
    sheet = openpyxl.load_workbook(path).active
    rows = list(sheet.iter_rows(min_row=7 + header_rows, values_only=True))
    return [row[1] for row in rows if isinstance(row[0], int)]


def test_the_command_writes_one_unit_and_its_branches(
    demo: Any, tmp_path: Path
) -> None:
    output = tmp_path / "ben-thanh.xlsx"

    call_command(
        "export_sheet", "--list", "teams", "--unit", "doan-p-ben-thanh",
        "--output", str(output),
    )  # fmt: skip

    assert sorted(_names(output, 1)) == sorted(
        ["CLB Tình nguyện Bến Thành", "Đội hình Tiếp sức mùa thi"]
    )


def test_the_command_writes_the_whole_city_as_csv(demo: Any, tmp_path: Path) -> None:
    output = tmp_path / "city.csv"

    call_command("export_sheet", "--list", "teams", "--output", str(output))

    lines = output.read_bytes().decode("utf-8-sig").splitlines()
    assert lines[0].startswith("STT,Tên CLB/Đội/Nhóm")
    assert len(lines) == 1 + Team.objects.count()


def test_an_unknown_unit_is_refused_and_no_file_is_left(
    demo: Any, tmp_path: Path
) -> None:
    output = tmp_path / "nowhere.xlsx"

    with pytest.raises(CommandError, match="--unit"):
        call_command(
            "export_sheet", "--list", "sites", "--unit", "khong-co",
            "--output", str(output),
        )  # fmt: skip

    assert list(tmp_path.iterdir()) == []


def test_an_output_that_is_not_xlsx_or_csv_is_refused(
    demo: Any, tmp_path: Path
) -> None:
    with pytest.raises(CommandError, match="--output"):
        call_command(
            "export_sheet", "--list", "sites", "--output", str(tmp_path / "a.pdf")
        )


def test_a_round_exports_the_approved_merged_list_with_its_letter(
    demo: Any, coordinator: Any, officer: Any, tmp_path: Path
) -> None:
    units = {unit.code: unit for unit in Unit.objects.all()}
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=VN), tick=False):
        round = services.open_round(
            by=coordinator,
            reference="125-CV/TĐTN-BMT",
            title="Rà soát 2026",
            lists=Round.Lists.BOTH,
            opens_on=dt.date(2026, 3, 2),
            due_on=dt.date(2026, 3, 20),
            focal_name="Nguyễn Thị Điều Phối",
            focal_phone="0901000001",
            focal_email="dieuphoi@demo.tinhnguyen.vn",
            units=[units["doan-p-ben-thanh"], units["doan-p-sai-gon"]],
        )
        (submission,) = services.submit(
            by=officer,
            assignment=Assignment.objects.get(
                round=round, unit__code="doan-p-ben-thanh"
            ),
        )
    services.approve(by=coordinator, submission=submission)
    output = tmp_path / "round.xlsx"

    call_command(
        "export_sheet", "--list", "sites", "--round", str(round.pk),
        "--output", str(output),
    )  # fmt: skip

    assert sorted(_names(output, 2)) == sorted(["Mái ấm Hoa Hồng", "Nhà mở Ánh Dương"])
    sheet = openpyxl.load_workbook(output).active
    assert sheet["A5"].value == "(Kèm theo Công văn số 125-CV/TĐTN-BMT ngày 02/03/2026)"


def test_a_round_that_does_not_exist_is_refused(demo: Any, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="--round"):
        call_command(
            "export_sheet", "--list", "sites", "--round", "999999",
            "--output", str(tmp_path / "a.xlsx"),
        )  # fmt: skip
