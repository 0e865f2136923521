"""The export page, its download and the API answer as people expect."""

import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from python_calamine import CalamineWorkbook

pytestmark = pytest.mark.django_db


def _signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_team_list_links_to_the_export_page(officer: Any) -> None:
    page = _signed_in(officer).get(reverse("teams:list")).content.decode()

    assert f'href="{reverse("sheets:export")}?list=teams"' in page


def test_the_export_page_offers_the_officers_unit_and_its_branches(
    officer: Any,
) -> None:
    page = _signed_in(officer).get(reverse("sheets:export")).content.decode()

    assert 'value="doan-p-ben-thanh"' in page
    assert 'value="cd-kp1-ben-thanh"' in page
    assert 'value="doan-p-sai-gon"' not in page


def test_the_download_is_a_named_workbook_of_the_officers_list(
    officer: Any,
) -> None:
    response = _signed_in(officer).get(
        reverse("sheets:export-download"), {"list": "sites", "filetype": "xlsx"}
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    assert 'filename="mau2-doan-p-ben-thanh-' in response["Content-Disposition"]
    data = b"".join(response.streaming_content)
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
    assert rows.to_python()[1][0] == "ĐOÀN PHƯỜNG BẾN THÀNH"


def test_an_unknown_list_is_refused_naming_the_field(officer: Any) -> None:
    response = _signed_in(officer).get(
        reverse("sheets:export-download"), {"list": "people", "filetype": "xlsx"}
    )

    assert response.status_code == 400
    assert 'data-field="list"' in response.content.decode()


def test_the_api_refuses_an_unknown_file_type_naming_the_field(
    officer: Any,
) -> None:
    response = _signed_in(officer).get(
        reverse("sheets-api:export"), {"list": "teams", "filetype": "pdf"}
    )

    assert response.status_code == 400
    assert "filetype" in response.json()["fields"]


def test_the_api_gives_the_csv_of_one_branch(officer: Any) -> None:
    response = _signed_in(officer).get(
        reverse("sheets-api:export"),
        {"list": "teams", "filetype": "csv", "unit": "cd-kp1-ben-thanh"},
    )

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert response.status_code == 200
    assert text.splitlines()[1].startswith("1,Đội hình Tiếp sức mùa thi,")
    assert len(text.splitlines()) == 2
