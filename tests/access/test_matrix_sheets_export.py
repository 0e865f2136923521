"""Who may export lists, on the page and through the API.

Written out by hand: officers export their own units (and what lies below),
coordinators the whole city and any unit; nobody else exports anything.
"""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous", "volunteer", "team_manager", "site_contact",
    "officer", "officer_university", "coordinator",
]  # fmt: skip

# Status of the export page and of a download of the exporter's own scope.
PAGE = {
    "anonymous": 302,
    "volunteer": 403,
    "team_manager": 403,
    "site_contact": 403,
    "officer": 200,
    "officer_university": 200,
    "coordinator": 200,
}
API = {**PAGE, "anonymous": 403}

# Downloads of the Bến Thành ward union's list, which only its officers
# and the coordinators may have.
BEN_THANH = {
    "anonymous": 302,
    "volunteer": 403,
    "team_manager": 403,
    "site_contact": 403,
    "officer": 200,
    "officer_university": 404,
    "coordinator": 200,
}
BEN_THANH_API = {**BEN_THANH, "anonymous": 403}


def _client(role: str, demo: dict[str, Any]) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(demo[role])
    return client


@pytest.mark.parametrize("role", ROLES)
def test_the_export_page(role: str, demo: dict[str, Any]) -> None:
    response = _client(role, demo).get(reverse("sheets:export"))

    assert response.status_code == PAGE[role]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("filetype", ["xlsx", "csv"])
def test_downloading_ones_own_scope(
    role: str, filetype: str, demo: dict[str, Any]
) -> None:
    response = _client(role, demo).get(
        reverse("sheets:export-download"), {"list": "teams", "filetype": filetype}
    )

    assert response.status_code == PAGE[role]
    if response.status_code == 200:
        assert response["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize("role", ROLES)
def test_downloading_the_ben_thanh_list(role: str, demo: dict[str, Any]) -> None:
    response = _client(role, demo).get(
        reverse("sheets:export-download"),
        {"list": "sites", "filetype": "csv", "unit": "doan-p-ben-thanh"},
    )

    assert response.status_code == BEN_THANH[role]


@pytest.mark.parametrize("role", ROLES)
def test_the_export_api(role: str, demo: dict[str, Any]) -> None:
    response = _client(role, demo).get(
        reverse("sheets-api:export"), {"list": "teams", "filetype": "csv"}
    )

    assert response.status_code == API[role]


@pytest.mark.parametrize("role", ROLES)
def test_the_export_api_for_the_ben_thanh_list(role: str, demo: dict[str, Any]) -> None:
    response = _client(role, demo).get(
        reverse("sheets-api:export"),
        {"list": "teams", "filetype": "xlsx", "unit": "doan-p-ben-thanh"},
    )

    assert response.status_code == BEN_THANH_API[role]


@pytest.mark.parametrize("role", ["officer", "officer_university"])
def test_officers_may_not_download_a_round(role: str, demo: dict[str, Any]) -> None:
    response = _client(role, demo).get(
        reverse("sheets:export-download"),
        {"list": "teams", "filetype": "xlsx", "round": 1},
    )

    assert response.status_code == 403
