"""Every role against the import pages, inside and outside its scope.

Written out by hand from the rules: officers and coordinators import; an
officer imports only into a unit they manage (their unit or a branch of
it) and sees only the imports of those units; everyone else is refused.
"""

from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from portal.sheets.models import SheetImport
from portal.teams.models import Team
from portal.units.models import Unit

pytestmark = pytest.mark.django_db

MAU1 = (
    Path(__file__).parent.parent
    / "sheets"
    / "files"
    / "mau1-doan-phuong-ben-thanh.xlsx"
)

ROLES = [
    "anonymous", "volunteer", "team_manager", "site_contact",
    "officer", "officer_university", "coordinator",
]  # fmt: skip

# The upload page: who gets it, who is refused, who must sign in first.
UPLOAD_PAGE = {
    "anonymous": 302, "volunteer": 403, "team_manager": 403,
    "site_contact": 403, "officer": 200, "officer_university": 200,
    "coordinator": 200,
}  # fmt: skip

# Who may upload into each unit (the form offers only the managed ones).
MAY_IMPORT_INTO = {
    "anonymous": set(),
    "volunteer": set(),
    "team_manager": set(),
    "site_contact": set(),
    "officer": {"doan-p-ben-thanh", "cd-kp1-ben-thanh"},
    "officer_university": {"cd-khtn-cntt"},
    "coordinator": {"doan-p-ben-thanh", "cd-kp1-ben-thanh", "cd-khtn-cntt"},
}
TRIED_UNITS = ["doan-p-ben-thanh", "cd-kp1-ben-thanh", "cd-khtn-cntt"]

# An import of the Bến Thành ward union: who reads its report and writes it.
SEES_BEN_THANH_IMPORT = {"officer", "coordinator"}


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _client(request: pytest.FixtureRequest, role: str) -> Client:
    client = Client()
    if role == "anonymous":
        request.getfixturevalue("demo")
    else:
        client.force_login(request.getfixturevalue(role))
    return client


def _ben_thanh_import(request: pytest.FixtureRequest) -> SheetImport:
    from portal.sheets.importing.services import analyse_import

    officer = request.getfixturevalue("officer")
    record = SheetImport(
        kind="teams",
        unit=Unit.objects.get(code="doan-p-ben-thanh"),
        created_by=officer,
        original_name="mau1.xlsx",
        size=MAU1.stat().st_size,
    )
    record.file.save("mau1.xlsx", ContentFile(MAU1.read_bytes()), save=False)
    record.save()
    return analyse_import(import_id=record.pk)


@pytest.mark.parametrize("role", ROLES)
def test_the_upload_page_is_for_officers_and_coordinators(
    request: pytest.FixtureRequest, role: str
) -> None:
    response = _client(request, role).get(reverse("sheets:import"))

    assert response.status_code == UPLOAD_PAGE[role]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("unit_code", TRIED_UNITS)
def test_an_upload_is_taken_only_into_a_unit_the_person_manages(
    request: pytest.FixtureRequest, role: str, unit_code: str
) -> None:
    client = _client(request, role)
    unit = Unit.objects.get(code=unit_code)

    response = client.post(
        reverse("sheets:import"),
        {
            "list": "teams",
            "unit": unit.pk,
            "file": SimpleUploadedFile("mau1.xlsx", MAU1.read_bytes()),
        },
    )

    taken = SheetImport.objects.filter(unit=unit).exists()
    assert taken == (unit_code in MAY_IMPORT_INTO[role])
    if taken:
        assert response.status_code == 302
    else:
        assert response.status_code in {200, 302, 403}
        assert not Team.objects.filter(name="Nhóm Cơm Yêu Thương").exists()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "page", ["sheets:import-detail", "sheets:import-progress", "sheets:import-report"]
)
def test_an_import_report_is_shown_only_to_its_units_officers_and_the_city(
    request: pytest.FixtureRequest, role: str, page: str
) -> None:
    record = _ben_thanh_import(request)
    client = _client(request, role)

    response = client.get(reverse(page, args=[record.pk]))

    if role == "anonymous":
        assert response.status_code == 302
        assert "/dang-nhap/" in response["Location"] or "login" in response["Location"]
    elif role in SEES_BEN_THANH_IMPORT:
        assert response.status_code == 200
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_only_its_units_officers_and_the_city_write_an_import(
    request: pytest.FixtureRequest, role: str
) -> None:
    record = _ben_thanh_import(request)
    client = _client(request, role)

    response = client.post(reverse("sheets:import-commit", args=[record.pk]))

    record.refresh_from_db()
    written = record.status == SheetImport.Status.COMMITTED
    assert written == (role in SEES_BEN_THANH_IMPORT)
    assert Team.objects.filter(name="Nhóm Cơm Yêu Thương").exists() == written
    if not written:
        assert response.status_code in {302, 404}
