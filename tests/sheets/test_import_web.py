"""Uploading a list on the web, reviewing the report and writing it."""

import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from portal.sheets.columns import ERROR_HEADER
from portal.sheets.models import SheetImport
from portal.teams.models import Team
from portal.units.models import Unit

FILES = Path(__file__).parent / "files"
MAU1 = FILES / "mau1-doan-phuong-ben-thanh.xlsx"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _upload(client: Client, content: bytes, unit: Unit, name: str = "list.xlsx") -> Any:
    return client.post(
        reverse("sheets:import"),
        {
            "list": "teams",
            "unit": unit.pk,
            "file": SimpleUploadedFile(name, content),
        },
    )


def _broken_copy() -> bytes:
    workbook = openpyxl.load_workbook(MAU1)
    sheet = workbook.active
    sheet["K9"] = "12345"  # Trần Quốc Bảo's phone
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_an_officer_uploads_reviews_and_writes_a_list(
    client: Client, officer: Any
) -> None:
    client.force_login(officer)
    unit = Unit.objects.get(code="doan-p-ben-thanh")

    response = _upload(client, MAU1.read_bytes(), unit)

    record = SheetImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("sheets:import-detail", args=[record.pk])
    assert record.status == "ready"
    assert record.created_by == officer
    assert record.file.read() == MAU1.read_bytes()
    assert not Team.objects.filter(name="Nhóm Cơm Yêu Thương").exists()
    page = client.get(response["Location"]).content.decode()
    assert "Nhóm Cơm Yêu Thương" in page
    assert 'data-count="new">12<' in page

    client.post(reverse("sheets:import-commit", args=[record.pk]))

    record.refresh_from_db()
    assert record.status == "committed"
    assert record.committed_by == officer
    assert record.result["created"] == 12
    assert Team.objects.get(name="Nhóm Cơm Yêu Thương").unit == unit


def test_the_report_workbook_adds_an_error_column_beside_the_list(
    client: Client, officer: Any
) -> None:
    client.force_login(officer)
    _upload(client, _broken_copy(), Unit.objects.get(code="doan-p-ben-thanh"))
    record = SheetImport.objects.get()

    response = client.get(reverse("sheets:import-report", args=[record.pk]))

    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    assert sheet["A4"].value == "DANH SÁCH CÂU LẠC BỘ, ĐỘI, NHÓM TÌNH NGUYỆN"
    assert sheet["P7"].value == ERROR_HEADER
    assert sheet["P9"].value.startswith("[Số điện thoại]")
    assert sheet["P8"].value is None
    assert record.result["rows_invalid"] == 1


def test_writing_twice_is_refused(client: Client, officer: Any) -> None:
    client.force_login(officer)
    _upload(client, MAU1.read_bytes(), Unit.objects.get(code="doan-p-ben-thanh"))
    record = SheetImport.objects.get()
    client.post(reverse("sheets:import-commit", args=[record.pk]))

    again = client.post(reverse("sheets:import-commit", args=[record.pk]))

    assert again.status_code == 409
    assert Team.objects.filter(name="Nhóm Cơm Yêu Thương").count() == 1


def test_an_officer_cannot_import_into_a_unit_beside_theirs(
    client: Client, officer: Any
) -> None:
    client.force_login(officer)

    response = _upload(
        client, MAU1.read_bytes(), Unit.objects.get(code="doan-p-sai-gon")
    )

    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert not SheetImport.objects.exists()


def test_a_file_that_is_not_a_list_shows_why_and_writes_nothing(
    client: Client, officer: Any
) -> None:
    client.force_login(officer)
    count = Team.objects.count()

    response = _upload(
        client, b"just some words", Unit.objects.get(code="doan-p-ben-thanh"), "a.csv"
    )

    record = SheetImport.objects.get()
    assert record.status == "unusable"
    page = client.get(response["Location"]).content.decode()
    assert record.message in page
    assert Team.objects.count() == count


def test_a_large_file_is_read_in_the_background_with_its_progress_shown(
    client: Client, officer: Any, settings: Any
) -> None:
    settings.SHEET_BACKGROUND_BYTES = 100
    client.force_login(officer)

    _upload(client, MAU1.read_bytes(), Unit.objects.get(code="doan-p-ben-thanh"))

    # The test's immediate task backend has already read it; a real worker
    # would leave the page polling this partial until it is done.
    record = SheetImport.objects.get()
    assert record.status == "ready"
    SheetImport.objects.filter(pk=record.pk).update(status="analysing", progress=40)
    partial = client.get(reverse("sheets:import-progress", args=[record.pk]))
    assert 'aria-valuenow="40"' in partial.content.decode()
    SheetImport.objects.filter(pk=record.pk).update(status="ready", progress=100)
    done = client.get(
        reverse("sheets:import-progress", args=[record.pk]), HTTP_HX_REQUEST="true"
    )
    assert done["HX-Refresh"] == "true"
