"""The sample Mẫu 1 and Mẫu 2 files import without a refused row."""

from pathlib import Path

import pytest

from portal.sheets.importing.plan import run
from portal.sites.models import Site
from portal.teams.models import Team
from portal.units.models import Unit

FILES = Path(__file__).parent / "files"
MAU1 = FILES / "mau1-doan-phuong-ben-thanh.xlsx"
MAU2 = FILES / "mau2-doan-phuong-ben-thanh.xlsx"


@pytest.fixture
def ben_thanh(demo: dict) -> Unit:
    return Unit.objects.get(code="doan-p-ben-thanh")


def test_the_mau1_sample_imports_every_team(ben_thanh: Unit) -> None:
    plan = run(MAU1.read_bytes(), kind="teams", unit=ben_thanh, by=None, commit=True)

    summary = plan.summary()
    assert summary["rows_total"] == 12
    assert summary["errors"] == []
    assert summary["created"] == 12
    assert summary["header_row"] == 7
    team = Team.objects.get(unit=ben_thanh, name="Đội Sơ cấp cứu Nhanh Bàn Cờ")
    assert team.kind == "team"
    assert team.founded_year == 2020
    assert team.member_count == 25
    assert team.phone == "0988678905"
    assert sorted(team.fields.values_list("code", flat=True)) == [
        "emergency",
        "health",
    ]
    assert team.ward is not None and team.ward.name == "Phường Bàn Cờ"
    assert team.search_text.strip().startswith("doi so cap cuu")


def test_the_mau2_sample_reads_the_header_split_over_two_rows(ben_thanh: Unit) -> None:
    plan = run(MAU2.read_bytes(), kind="sites", unit=ben_thanh, by=None, commit=True)

    summary = plan.summary()
    assert summary["rows_total"] == 10
    assert summary["errors"] == []
    assert summary["header_row"] == 8
    site = Site.objects.get(unit=ben_thanh, name="Mái ấm Hoa Sen")
    assert site.street == "12 Lê Thánh Tôn"
    assert site.ward is not None and site.ward.name == "Phường Bến Thành"
    assert site.old_district == "Quận 1"
    assert site.phone == "02838291010"
    assert site.category == "shelter"
    assert list(site.groups.values_list("group", flat=True)) == ["orphaned_children"]
    assert site.beneficiary_count == 42
    two_groups = Site.objects.get(unit=ben_thanh, name__contains="Chùa Phước Hải")
    assert set(two_groups.groups.values_list("group", flat=True)) == {
        "orphaned_children",
        "elderly_alone",
    }


def test_importing_the_same_file_twice_changes_nothing_the_second_time(
    ben_thanh: Unit,
) -> None:
    run(MAU2.read_bytes(), kind="sites", unit=ben_thanh, by=None, commit=True)
    before = list(Site.objects.filter(unit=ben_thanh).values().order_by("pk"))

    again = run(MAU2.read_bytes(), kind="sites", unit=ben_thanh, by=None, commit=True)

    assert again.summary()["unchanged"] == 10
    assert again.summary()["created"] == again.summary()["updated"] == 0
    assert list(Site.objects.filter(unit=ben_thanh).values().order_by("pk")) == before


def test_a_dry_run_writes_nothing(ben_thanh: Unit) -> None:
    count = Team.objects.count()

    plan = run(MAU1.read_bytes(), kind="teams", unit=ben_thanh, by=None, commit=False)

    assert plan.summary()["new"] == 12
    assert Team.objects.count() == count


def test_a_changed_row_is_an_update_naming_the_changed_column(ben_thanh: Unit) -> None:
    run(MAU1.read_bytes(), kind="teams", unit=ben_thanh, by=None, commit=True)
    team = Team.objects.get(unit=ben_thanh, name="Nhóm Cơm Yêu Thương")
    team.member_count = 3
    team.save()

    plan = run(MAU1.read_bytes(), kind="teams", unit=ben_thanh, by=None, commit=True)

    updated = [row for row in plan.summary()["rows"] if row["status"] == "update"]
    assert updated == [
        {
            "row": 10,
            "status": "update",
            "name": "Nhóm Cơm Yêu Thương",
            "changes": ["Số lượng thành viên"],
        }
    ]
    team.refresh_from_db()
    assert team.member_count == 30
    assert team.history.first().history_change_reason == "import"
