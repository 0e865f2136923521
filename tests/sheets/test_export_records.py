"""Teams and sites as the records the sheets hold."""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.places.models import Ward
from portal.sheets.columns import keys
from portal.sheets.records import site_record, site_records, team_record, team_records
from portal.sites.models import Site
from portal.teams.models import Field, Team

pytestmark = pytest.mark.django_db


def test_a_team_record_holds_every_column_as_a_person_reads_it(demo: Any) -> None:
    team = Team.objects.filter(fields__isnull=False).distinct().first()
    team.kind = Team.Kind.CLUB
    team.inside_union = False
    team.founded_year = 2015
    team.member_count = 45
    team.links = ["facebook.com/a", "zalo.me/g/b"]
    team.status = Team.Status.PAUSED
    team.area_text = "Chợ Bến Thành"
    team.save()
    team.fields.set(Field.objects.filter(code__in=["health", "environment"]))
    team.area_wards.set(Ward.objects.filter(name__in=["Phường Bến Thành"]))

    record = team_record(team)

    assert tuple(record) == keys("teams")
    assert record["kind"] == "CLB"
    assert record["inside_union"] == "Ngoài tổ chức"
    assert record["managing_unit"] == team.unit.name
    assert record["founded"] == "2015"
    assert record["members"] == "45"
    assert record["fields"] == "Y tế, hiến máu; Môi trường"
    assert record["area"] == "Phường Bến Thành; Chợ Bến Thành"
    assert record["links"] == "facebook.com/a; zalo.me/g/b"
    assert record["status"] == "Tạm ngưng"
    assert record["phone"] == team.phone


def test_a_founding_date_is_written_day_first(demo: Any) -> None:
    team = Team.objects.first()
    team.founded_on = "2015-05-09"
    team.save()

    assert team_record(team)["founded"] == "09/05/2015"


def test_a_site_record_names_its_ward_category_and_groups(demo: Any) -> None:
    site = Site.objects.filter(groups__isnull=False, ward__isnull=False).first()

    record = site_record(site)

    assert tuple(record) == keys("sites")
    assert record["ward"] == site.ward.name
    assert record["category"]
    assert record["groups"]
    assert record["beneficiaries"] == str(site.beneficiary_count or "")


def test_a_site_without_a_current_ward_shows_the_old_one(demo: Any) -> None:
    site = Site.objects.first()
    site.ward = None
    site.old_ward = "Phường 7"
    site.save()

    assert site_record(site)["ward"] == "Phường 7"


def test_a_long_list_costs_a_fixed_number_of_queries(demo: Any) -> None:
    with CaptureQueriesContext(connection) as teams_queries:
        team_rows = list(team_records(Team.objects.order_by("name")))
    with CaptureQueriesContext(connection) as sites_queries:
        site_rows = list(site_records(Site.objects.order_by("name")))

    assert len(team_rows) == Team.objects.count()
    assert len(site_rows) == Site.objects.count()
    assert len(teams_queries) <= 3
    assert len(sites_queries) <= 2
