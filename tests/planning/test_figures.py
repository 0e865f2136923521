"""City figures: what each person counts, the download and the public page."""

from io import BytesIO
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from portal.activities.models import Activity
from portal.hours.models import HourRecord
from portal.planning import figures
from portal.teams.models import Team
from portal.units.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_cached_headline() -> None:
    cache.delete(figures.HEADLINE_KEY)


def _activity_with_hours(volunteer: Any, unit_code: str, minutes: int) -> Activity:
    unit = Unit.objects.get(code=unit_code)
    activity = Activity.objects.create(
        title="Dọn vệ sinh mái ấm",
        unit=unit,
        state=Activity.State.PUBLISHED,
        starts_at=timezone.now(),
        ends_at=timezone.now(),
    )
    HourRecord.objects.create(
        volunteer=volunteer,
        kind=HourRecord.Kind.EXTERNAL,
        status=HourRecord.Status.VERIFIED,
        unit=unit,
        activity=activity,
        work_date=timezone.localdate(),
        minutes=minutes,
    )
    return activity


def test_the_coordinator_counts_the_whole_city(coordinator: Any) -> None:
    data = figures.city_figures(coordinator)

    # Eight demo teams of 45+30+18+60+120+25+80+12 members, six sites
    # caring for 35+20+120+60+40+150 people.
    assert (data.total.teams, data.total.members) == (8, 390)
    assert (data.total.sites, data.total.beneficiaries) == (6, 425)
    wards = {row.label: row for row in data.by_ward}
    assert (wards["Phường Bến Thành"].teams, wards["Phường Bến Thành"].sites) == (
        2,
        2,
    )


def test_an_officer_counts_only_their_unit_and_below(officer: Any) -> None:
    data = figures.city_figures(officer)

    assert (data.total.teams, data.total.members) == (2, 75)
    assert (data.total.sites, data.total.beneficiaries) == (2, 55)
    assert {row.label for row in data.by_unit} <= set(
        Unit.objects.filter(code__contains="ben-thanh").values_list("name", flat=True)
    )


def test_activities_and_verified_hours_are_counted_by_unit_and_month(
    coordinator: Any, volunteer: Any
) -> None:
    before = figures.city_figures(coordinator)
    _activity_with_hours(volunteer, "doan-p-ben-thanh", minutes=150)

    after = figures.city_figures(coordinator)

    assert after.total.activities == before.total.activities + 1
    assert after.total.hours == before.total.hours + 2.5
    assert after.by_month[-1].hours == before.by_month[-1].hours + 2.5
    assert after.by_month[-1].label == timezone.localdate().strftime("%m/%Y")


def test_teams_are_counted_under_each_of_their_fields(coordinator: Any) -> None:
    data = figures.city_figures(coordinator)

    fields = {row.label: row.teams for row in data.by_field}
    # Tiếp sức mùa thi, Mùa hè xanh KHTN, Gia sư CNTT and Sách cho em.
    assert fields["Giáo dục, dạy học"] == 4
    assert fields["Y tế, hiến máu"] == 1


def test_the_download_is_a_workbook_with_a_sheet_per_view(
    coordinator: Any, client: Client
) -> None:
    client.force_login(coordinator)

    answer = client.get(reverse("planning:figures_xlsx"))

    assert answer.status_code == 200
    book = load_workbook(BytesIO(answer.content))
    assert book.sheetnames == [
        "Tổng cộng",
        "Theo phường, xã",
        "Theo đơn vị",
        "Theo lĩnh vực",
        "Theo tháng",
    ]
    total = book["Tổng cộng"]
    assert [c.value for c in total[1]][:4] == [
        "Địa bàn",
        "CLB, đội, nhóm",
        "Số thành viên",
        "Địa chỉ tình nguyện",
    ]
    assert [c.value for c in total[2]][1:4] == [8, 390, 6]


def test_the_figures_page_shows_totals_and_charts(officer: Any, client: Client) -> None:
    client.force_login(officer)

    page = client.get(reverse("planning:figures")).content.decode()

    assert 'data-figure="teams">2<' in page
    assert "vendor/chartjs/chart.umd.min.js" in page
    assert 'id="chart-data"' in page


def test_a_volunteer_gets_no_city_figures(volunteer: Any, client: Client) -> None:
    client.force_login(volunteer)

    assert client.get(reverse("planning:figures")).status_code == 403
    assert client.get("/api/v1/figures/").status_code == 403


def test_the_public_page_shows_registered_teams_only(demo: Any, client: Client) -> None:
    verified = Team.objects.filter(
        verification=Team.Verification.VERIFIED, status=Team.Status.ACTIVE
    )

    page = client.get(reverse("planning:public_figures")).content.decode()
    api = client.get("/api/v1/figures/public/").json()

    assert verified.count() == 5
    assert 'data-figure="teams">5<' in page
    assert api["teams"] == 5
    assert api["members"] == 45 + 30 + 60 + 120 + 80
    assert api["beneficiaries"] == 425
