"""Exporting a list and importing the file gives back the same records."""

import io
from typing import Any

import pytest
from python_calamine import CalamineWorkbook

from portal.activities.models import Activity
from portal.places.models import Ward
from portal.sheets.columns import COLUMNS, keys
from portal.sheets.downloads import export_list, listed_queryset, records_of
from portal.sheets.export import restore_csv_cell
from portal.sheets.importing.plan import UNCHANGED, analyse, apply
from portal.sites.models import BeneficiaryGroup, Site
from portal.teams.models import Field, Team
from portal.units.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def ben_thanh(demo: Any) -> Unit:
    """The Bến Thành ward union, with values that test the edges."""
    unit = Unit.objects.get(code="doan-p-ben-thanh")
    team = Team.objects.get(name="CLB Tình nguyện Bến Thành")
    team.notes = "Họp thứ 7\n- dòng hai"
    team.links = ["facebook.com/clbbenthanh", "zalo.me/g/benthanh"]
    team.area_text = "Chợ Bến Thành"
    team.email = "benthanh@example.vn"
    team.founded_year = 2015
    team.save()
    team.fields.set(Field.objects.filter(code__in=["health", "education"]))
    team.area_wards.set(Ward.objects.filter(name="Phường Bến Thành"))

    site = Site.objects.get(name="Nhà mở Ánh Dương")
    site.needs_text = "Sữa; tập vở"
    site.old_district = "Quận 1"
    site.managing_body = "Hội Bảo trợ trẻ em"
    site.save()
    site.groups.all().delete()
    BeneficiaryGroup.objects.create(site=site, group="orphaned_children", count=3)
    BeneficiaryGroup.objects.create(site=site, group="elderly_alone", count=2)
    return unit


@pytest.fixture
def risky(ben_thanh: Unit) -> Unit:
    """Values that a spreadsheet program would run as formulas."""
    Team.objects.filter(name="CLB Tình nguyện Bến Thành").update(
        notes="=Không phải công thức", leader_name="@Minh"
    )
    Site.objects.filter(name="Nhà mở Ánh Dương").update(
        needs_text="+ Sữa; tập vở", contact_name="-Lan"
    )
    return ben_thanh


def _export(officer: Any, kind: str, filetype: str) -> bytes:
    out = io.BytesIO()
    export_list(by=officer, kind=kind, filetype=filetype, output=out)  # type: ignore[arg-type]
    return out.getvalue()


@pytest.mark.parametrize("kind", ["teams", "sites"])
@pytest.mark.parametrize("filetype", ["xlsx", "csv"])
def test_importing_an_exported_list_finds_every_row_unchanged(
    kind: str, filetype: str, officer: Any, ben_thanh: Unit
) -> None:
    data = _export(officer, kind, filetype)

    plan = analyse(data, kind=kind, unit=ben_thanh)  # type: ignore[arg-type]

    assert plan.errors == []
    assert len(plan.rows) == 2
    assert [row.status for row in plan.rows] == [UNCHANGED, UNCHANGED]


@pytest.mark.parametrize("kind", ["teams", "sites"])
def test_an_exported_list_imported_afresh_yields_the_same_records(
    kind: str, officer: Any, ben_thanh: Unit
) -> None:
    before = list(records_of(kind, listed_queryset(kind, [ben_thanh.path])))  # type: ignore[arg-type]
    data = _export(officer, kind, "xlsx")
    model = Team if kind == "teams" else Site
    # Gone from the registry, activities and all, so that every row is new.
    gone = model.objects.filter(unit__path__startswith=ben_thanh.path)
    link = "team__in" if kind == "teams" else "site__in"
    Activity.objects.filter(**{link: gone}).delete()
    gone.delete()

    plan = apply(analyse(data, kind=kind, unit=ben_thanh), by=officer)  # type: ignore[arg-type]

    assert plan.errors == []
    after = list(records_of(kind, listed_queryset(kind, [ben_thanh.path])))  # type: ignore[arg-type]
    assert after == before


@pytest.mark.parametrize("kind", ["teams", "sites"])
def test_formula_like_values_come_back_from_the_workbook_as_written(
    kind: str, officer: Any, risky: Unit
) -> None:
    plan = analyse(_export(officer, kind, "xlsx"), kind=kind, unit=risky)  # type: ignore[arg-type]

    assert plan.errors == []
    assert [row.status for row in plan.rows] == [UNCHANGED, UNCHANGED]


def test_the_workbook_reads_back_as_the_records_cell_by_cell(
    officer: Any, risky: Unit
) -> None:
    ben_thanh = risky
    records = list(records_of("sites", listed_queryset("sites", [ben_thanh.path])))
    data = _export(officer, "sites", "xlsx")

    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
    read = rows.to_python()[8 : 8 + len(records)]
    numbers = {"beneficiaries"}
    for record, row in zip(records, read, strict=True):
        for key, cell in zip(keys("sites"), row[1:], strict=False):
            text = str(int(cell)) if key in numbers and cell != "" else cell
            assert text == record[key], key


def test_the_csv_reads_back_as_the_records_once_restored(
    officer: Any, risky: Unit
) -> None:
    ben_thanh = risky
    import csv

    records = list(records_of("teams", listed_queryset("teams", [ben_thanh.path])))
    text = _export(officer, "teams", "csv").decode("utf-8-sig")

    rows = list(csv.reader(io.StringIO(text, newline="")))[1:]
    assert len(rows) == len(records)
    for record, row in zip(records, rows, strict=True):
        assert [restore_csv_cell(cell) for cell in row[1:]] == [
            record[column.key] for column in COLUMNS["teams"]
        ]
