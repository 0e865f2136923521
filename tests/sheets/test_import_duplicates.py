"""A row like another unit's record is reported as a possible duplicate."""

import pytest

from portal.sheets.importing import plan as plans
from portal.sheets.importing.plan import run
from portal.teams.models import Team
from portal.units.models import Unit

CSV = (
    "Tên CLB/Đội/Nhóm;Loại hình;Người phụ trách;Số điện thoại;Địa bàn hoạt động\n"
    "NHÓM BỮA CƠM YÊU THƯƠNG;Nhóm;Lê Văn A;;Phường Sài Gòn\n"
    "Nhóm Khác Hẳn;Nhóm;Lê Văn B;0387 654 321;\n"
    "Nhóm Mới Tinh;Nhóm;Lê Văn C;0911222333;\n"
)


@pytest.mark.parametrize("few_rows", [2_000, 0], ids=["by-keys", "all-at-once"])
def test_same_name_and_ward_or_same_phone_as_another_units_team_is_flagged(
    demo: dict, monkeypatch: pytest.MonkeyPatch, few_rows: int
) -> None:
    monkeypatch.setattr(plans, "_FEW_ROWS", few_rows)
    unit = Unit.objects.get(code="doan-p-ben-thanh")

    plan = run(CSV.encode(), kind="teams", unit=unit, by=None, commit=True)

    statuses = {row["name"]: row["status"] for row in plan.summary()["rows"]}
    assert statuses == {
        "NHÓM BỮA CƠM YÊU THƯƠNG": "duplicate",
        "Nhóm Khác Hẳn": "duplicate",
        "Nhóm Mới Tinh": "new",
    }
    warnings = plan.summary()["warnings"]
    assert [(w["row"], w["column"]) for w in warnings] == [
        (2, "Tên CLB/Đội/Nhóm"),
        (3, "Tên CLB/Đội/Nhóm"),
    ]
    assert "Nhóm Bữa cơm yêu thương" in warnings[0]["message"]
    assert "Đoàn phường Sài Gòn" in warnings[0]["message"]
    # Possible duplicates are still added, for the city to merge or keep.
    assert Team.objects.filter(unit=unit, name="Nhóm Khác Hẳn").exists()
