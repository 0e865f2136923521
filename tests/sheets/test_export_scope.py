"""An export holds exactly the exporter's scope, and is logged."""

import io
import logging
from typing import Any

import pytest
from python_calamine import CalamineWorkbook

from portal.core.errors import AccessDenied, NotFound
from portal.sheets.downloads import (
    ExportNotAllowed,
    RoundExportNotAllowed,
    UnitAndRoundTogether,
    export_list,
)
from portal.sites.models import Site
from portal.teams.models import Team

pytestmark = pytest.mark.django_db

BT_CLUB = "CLB Tình nguyện Bến Thành"  # the Bến Thành ward union
EXAM_TEAM = "Đội hình Tiếp sức mùa thi"  # its branch, khu phố 1
ROSES = "Mái ấm Hoa Hồng"  # protected, Bến Thành
SUNRISE = "Nhà mở Ánh Dương"  # Bến Thành


def _names(user: Any, kind: str, **choices: Any) -> list[str]:
    out = io.BytesIO()
    export_list(by=user, kind=kind, filetype="xlsx", output=out, **choices)
    out.seek(0)
    rows = CalamineWorkbook.from_filelike(out).get_sheet_by_index(0).to_python()
    header = 8 if kind == "sites" else 7
    return [row[1] for row in rows[header:] if isinstance(row[0], (int, float))]


def test_an_officer_exports_their_unit_and_its_branches_and_nothing_beside(
    officer: Any,
) -> None:
    assert sorted(_names(officer, "teams")) == sorted([BT_CLUB, EXAM_TEAM])
    assert sorted(_names(officer, "sites")) == sorted([ROSES, SUNRISE])


def test_an_officer_may_narrow_the_export_to_one_branch(officer: Any) -> None:
    assert _names(officer, "teams", unit_code="cd-kp1-ben-thanh") == [EXAM_TEAM]


def test_an_officer_cannot_export_a_unit_beside_their_own(officer: Any) -> None:
    with pytest.raises(NotFound):
        _names(officer, "teams", unit_code="doan-p-sai-gon")


def test_a_coordinator_exports_the_whole_city(coordinator: Any) -> None:
    assert len(_names(coordinator, "teams")) == Team.objects.count()
    assert len(_names(coordinator, "sites")) == Site.objects.count()


@pytest.mark.parametrize("role", ["team_manager", "site_contact", "volunteer"])
def test_people_who_are_not_officers_may_not_export(
    role: str, demo: dict[str, Any]
) -> None:
    with pytest.raises(ExportNotAllowed):
        _names(demo[role], "teams")


def test_only_a_coordinator_exports_a_round(officer: Any) -> None:
    with pytest.raises(RoundExportNotAllowed):
        _names(officer, "teams", round_id=1)
    assert issubclass(RoundExportNotAllowed, AccessDenied)


def test_a_unit_and_a_round_together_are_refused(coordinator: Any) -> None:
    with pytest.raises(UnitAndRoundTogether):
        _names(coordinator, "teams", unit_code="thanh-doan", round_id=1)


def test_every_export_is_logged_with_who_what_and_how_many(
    officer: Any, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="portal.sheets.downloads"):
        _names(officer, "sites")

    [line] = [r.getMessage() for r in caplog.records if "sheet export" in r.message]
    assert f"user={officer.pk}" in line
    assert "list=sites" in line
    assert "scope=doan-p-ben-thanh" in line
    assert "rows=2" in line
