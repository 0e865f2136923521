"""What an import writes: each site as read, its groups and one history row."""

import io
from typing import Any

import openpyxl
import pytest

from portal.sheets.columns import SITE_COLUMNS
from portal.sheets.importing.plan import run
from portal.sites.models import BeneficiaryGroup, Site
from portal.units.models import Unit

NOTES = "Gọi trước 1 ngày\nKho: C:\\gạo\\sữa"
NAMES = ("Mái ấm Tình Thương", "Nhà mở Ánh Sáng", "Trung tâm Hy Vọng")
COMPARED = (
    "unit_id", "name", "category", "street", "ward_id", "old_ward",
    "managing_body", "beneficiary_count", "contact_name", "phone",
    "visiting_times_text", "needs_text", "notes", "name_folded", "search_text",
)  # fmt: skip


def _workbook(rows: list[list[Any]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["DANH SÁCH ĐỊA CHỈ TÌNH NGUYỆN"])
    sheet.append(["STT", *(column.header for column in SITE_COLUMNS)])
    for number, row in enumerate(rows, start=1):
        sheet.append([number, *row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _imported(unit: Unit) -> Any:
    return Site.objects.filter(unit=unit, name__in=NAMES)


@pytest.fixture
def imported(demo: dict) -> Unit:
    unit = Unit.objects.get(code="doan-p-ben-thanh")
    rows = [
        ["Mái ấm Tình Thương", "Mái ấm", "12 Lê Lợi", "Phường Bến Thành",
         "Quận 1", "Hội Bảo trợ", "Trẻ em mồ côi; Người khuyết tật", "25 người",
         "Nguyễn Văn A", "0908 111 222", "Gạo", "Thứ 7", NOTES],
        ["Nhà mở Ánh Sáng", "Nhà mở", "8 Pasteur", "Phường Bến Thành",
         "Quận 1", "Hội Bảo trợ", "Người cao tuổi cô đơn", 12,
         "Trần Thị B", "0908333444", "Sữa", "Thứ 7", ""],
        ["Trung tâm Hy Vọng", "Trung tâm", "3 Hàm Nghi", "Phường Xa Lạ",
         "Quận 1", "Hội Bảo trợ", "", "", "", "", "", "Thứ 7", ""],
    ]  # fmt: skip

    plan = run(
        _workbook(rows), kind="sites", unit=unit, by=None, commit=True,
        reason="import #1 danh-sach.xlsx",
    )  # fmt: skip

    assert plan.summary()["created"] == 3
    return unit


def test_text_with_line_breaks_and_backslashes_is_stored_as_written(
    imported: Unit,
) -> None:
    site = Site.objects.get(unit=imported, name="Mái ấm Tình Thương")

    assert site.notes == NOTES
    assert site.phone == "0908111222"
    assert site.beneficiary_count == 25
    assert site.ward is not None and site.old_ward == ""


def test_a_ward_not_in_the_city_is_kept_as_written(imported: Unit) -> None:
    site = Site.objects.get(unit=imported, name="Trung tâm Hy Vọng")

    assert site.ward_id is None
    assert site.old_ward == "Phường Xa Lạ"
    assert site.phone == "" and site.beneficiary_count is None


def test_each_site_gets_its_groups(imported: Unit) -> None:
    groups = {
        (name, group)
        for name, group in BeneficiaryGroup.objects.filter(
            site__in=_imported(imported)
        ).values_list("site__name", "group")
    }

    assert groups == {
        ("Mái ấm Tình Thương", "orphaned_children"),
        ("Mái ấm Tình Thương", "disabilities"),
        ("Nhà mở Ánh Sáng", "elderly_alone"),
    }


def test_each_new_site_has_one_history_row_holding_its_values(
    imported: Unit,
) -> None:
    for site in _imported(imported):
        versions = list(site.history.all())

        assert len(versions) == 1
        version = versions[0]
        assert version.history_type == "+"
        assert version.history_change_reason == "import #1 danh-sach.xlsx"
        assert version.history_user_id is None
        for name in COMPARED:
            assert getattr(version, name) == getattr(site, name), name
        assert version.created_at == site.created_at


def test_history_rows_follow_the_order_of_the_sites(imported: Unit) -> None:
    sites = list(_imported(imported).order_by("pk"))
    versions = Site.history.filter(id__in=[s.pk for s in sites])

    assert [v.id for v in versions.order_by("history_id")] == [s.pk for s in sites]
