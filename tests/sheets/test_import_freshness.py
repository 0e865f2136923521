"""What is built from the sites follows an import, which saves no row alone."""

import io
from typing import Any

import openpyxl
import pytest
from django.utils import timezone

from portal.coordination import snapshot
from portal.planning import profiles
from portal.sheets.columns import SITE_COLUMNS
from portal.sheets.importing.plan import run
from portal.sites import geojson
from portal.sites.models import Site
from portal.units.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_snapshots() -> Any:
    snapshot.forget()
    profiles.forget()
    yield
    snapshot.forget()
    profiles.forget()


def _import_two_sites(unit: Unit) -> list[int]:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["STT", *(column.header for column in SITE_COLUMNS)])
    sheet.append([1, "Mái ấm Bình Minh", "Mái ấm", "4 Lê Lợi", "Phường Bến Thành"])
    sheet.append([2, "Nhà mở Hoa Sen", "Nhà mở", "9 Pasteur", "Phường Bến Thành"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    plan = run(buffer.getvalue(), kind="sites", unit=unit, by=None, commit=True)

    assert plan.summary()["created"] == 2
    names = ["Mái ấm Bình Minh", "Nhà mở Hoa Sen"]
    return list(Site.objects.filter(name__in=names).values_list("pk", flat=True))


def test_imported_sites_show_on_the_coverage_board_and_in_the_city_plan_at_once(
    demo: dict, django_capture_on_commit_callbacks: Any
):
    today = timezone.localdate()
    board_before = snapshot.city_snapshot(today)
    plan_before = profiles.snapshot(today)

    with django_capture_on_commit_callbacks(execute=True):
        new = _import_two_sites(Unit.objects.get(code="doan-p-ben-thanh"))

    board_after = snapshot.city_snapshot(today)
    plan_after = profiles.snapshot(today)
    assert not set(new) & board_before.coverage.keys()
    assert set(new) <= board_after.coverage.keys()
    assert not set(new) & plan_before.by_id.keys()
    assert set(new) <= plan_after.by_id.keys()


def test_an_import_of_sites_makes_the_cached_map_data_stale(
    demo: dict, django_capture_on_commit_callbacks: Any
):
    before = geojson.VERSION.current()

    with django_capture_on_commit_callbacks(execute=True):
        _import_two_sites(Unit.objects.get(code="doan-p-ben-thanh"))

    assert geojson.VERSION.current() > before
