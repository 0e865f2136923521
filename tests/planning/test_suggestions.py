"""Sites suggested to a team: the neglected first, fitting and near."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from portal.planning.suggestions import suggestions_for
from portal.sites.models import Site
from portal.teams.models import Team
from tests.planning.factories import place, visit

pytestmark = pytest.mark.django_db

BT_CLUB = "CLB Tình nguyện Bến Thành"
ROSES = "Mái ấm Hoa Hồng"  # Bến Thành, orphaned children
SUNRISE = "Nhà mở Ánh Dương"  # Bến Thành, children in hardship
ELDERLY = "Cơ sở nuôi dưỡng người cao tuổi Bình Chánh"


def _names(found: list) -> list[str]:
    return [s.site.name for s in found]


def test_a_site_visited_often_lately_ranks_below_one_nobody_visited(
    demo: dict,
) -> None:
    team = Team.objects.get(name=BT_CLUB)
    sunrise = Site.objects.get(name=SUNRISE)
    for days in (2, 9, 16):
        visit(sunrise, days_ago=days)

    names = _names(suggestions_for(team))

    assert names.index(ROSES) < names.index(SUNRISE)


def test_each_suggestion_says_why_in_words(demo: dict) -> None:
    team = Team.objects.get(name=BT_CLUB)
    visit(Site.objects.get(name=SUNRISE), days_ago=3)

    with translation.override("en"):
        found = {s.site.name: s for s in suggestions_for(team)}

    roses = found[ROSES].reasons
    assert "No team has visited yet." in roses
    assert any("Orphaned or abandoned children" in r for r in roses)
    assert any("Food" in r and "your team can help" in r for r in roses)
    assert "In Phường Bến Thành, one of your team's wards." in roses
    sunrise = found[SUNRISE].reasons
    assert "Only 1 visit in the last 30 days for 20 people." in sunrise


def test_the_reasons_are_in_vietnamese_by_default(demo: dict) -> None:
    team = Team.objects.get(name=BT_CLUB)

    with translation.override("vi"):
        found = {s.site.name: s for s in suggestions_for(team)}

    assert "Chưa có đội nào đến thăm." in found[ROSES].reasons


def test_a_nearby_site_ranks_above_a_far_one_when_otherwise_alike(
    demo: dict,
) -> None:
    team = Team.objects.get(name=BT_CLUB)
    # Bến Thành's centre comes from its sites' positions.
    place(Site.objects.get(name=ROSES), 10.7725, 106.6980)
    place(Site.objects.get(name=SUNRISE), 10.7730, 106.6990)
    near = place(
        Site.objects.get(name="Trung tâm Bảo trợ trẻ em Sài Gòn"), 10.78, 106.70
    )
    far = place(Site.objects.get(name=ELDERLY), 10.69, 106.57)

    found = {s.site.name: s for s in suggestions_for(team, limit=10)}

    assert found[near.name].distance_km < 2
    assert found[far.name].distance_km > 15
    assert found[near.name].near > found[far.name].near


def test_a_fitting_site_scores_higher_fit_than_one_outside_the_team_fields(
    demo: dict,
) -> None:
    # The blood donors (health) fit the elderly home, not the orphans.
    team = Team.objects.get(name="CLB Hiến máu tình nguyện Bình Chánh")

    found = {s.site.name: s for s in suggestions_for(team, limit=10)}

    assert found[ELDERLY].fit > found[ROSES].fit


def test_a_new_visit_changes_the_suggestions_at_once(demo: dict) -> None:
    team = Team.objects.get(name=BT_CLUB)
    before = {s.site.name: s for s in suggestions_for(team)}[ROSES]

    visit(Site.objects.get(name=ROSES), days_ago=1)
    after = {s.site.name: s for s in suggestions_for(team)}[ROSES]

    assert after.site.visits_30 == 1
    assert after.site.neglect_raw < before.site.neglect_raw


def test_the_team_manager_sees_the_page_with_reasons(
    team_manager: Any, client: Client
) -> None:
    team = Team.objects.get(name=BT_CLUB)
    client.force_login(team_manager)

    page = client.get(reverse("planning:team_suggestions", args=[team.pk]))

    assert page.status_code == 200
    assert ROSES in page.content.decode()
    assert "Chưa có đội nào đến thăm." in page.content.decode()


def test_the_api_gives_the_suggestions_with_reasons(
    team_manager: Any, client: Client
) -> None:
    team = Team.objects.get(name=BT_CLUB)
    client.force_login(team_manager)

    answer = client.get(f"/api/v1/teams/{team.pk}/suggestions/?limit=3")

    assert answer.status_code == 200
    rows = answer.json()
    assert len(rows) == 3
    assert rows[0]["score"] >= rows[1]["score"] >= rows[2]["score"]
    assert all(row["reasons"] for row in rows)


def test_another_team_manager_is_refused(volunteer: Any, client: Client) -> None:
    team = Team.objects.get(name=BT_CLUB)
    client.force_login(volunteer)

    assert client.get(f"/api/v1/teams/{team.pk}/suggestions/").status_code == 403
