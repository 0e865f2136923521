"""Who may see suggestions, city plans and figures, role by role.

Expectations are written by hand from the rules people were told: plans
are the city coordinators'; a team's suggestions are for its managers and
the officers of its unit and above; figures are for coordinators and
officers (each their own scope); the headline figures are public.
"""

from datetime import timedelta
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal.planning import figures, profiles
from portal.planning.models import Plan, PlanAssignment
from portal.sites.models import Site
from portal.teams.models import Team

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous", "volunteer", "team_manager", "site_contact",
    "officer", "officer_university", "coordinator",
]  # fmt: skip
STAFF = {"officer", "officer_university", "coordinator"}

BT_CLUB = "CLB Tình nguyện Bến Thành"  # verified, Bến Thành
MEALS = "Nhóm Bữa cơm yêu thương"  # awaiting, Sài Gòn
SUMMER = "Đội Mùa hè xanh KHTN"  # verified, the university
PUBLIC_TEAMS = {BT_CLUB, SUMMER}

# Whose suggestions each role may read (and so answer).
ANSWERS_FOR = {
    "anonymous": set(),
    "volunteer": set(),
    "team_manager": {BT_CLUB},
    "site_contact": set(),
    "officer": {BT_CLUB},
    "officer_university": {SUMMER},
    "coordinator": {BT_CLUB, MEALS, SUMMER},
}


@pytest.fixture(autouse=True)
def _fresh() -> None:
    profiles.forget()
    cache.delete(figures.HEADLINE_KEY)


def client_for(request: pytest.FixtureRequest, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    else:
        request.getfixturevalue("demo")
    return client


@pytest.fixture
def plan(demo: Any) -> Plan:
    """A plan already sent: one suggestion for each of three teams."""
    start = timezone.localdate() + timedelta(days=7)
    plan = Plan.objects.create(
        name="Tuần sau",
        starts_on=start,
        ends_on=start + timedelta(days=6),
        sent_at=timezone.now(),
    )
    site = Site.objects.get(name="Trung tâm Bảo trợ trẻ em Sài Gòn")
    for name in (BT_CLUB, MEALS, SUMMER):
        PlanAssignment.objects.create(
            plan=plan, team=Team.objects.get(name=name), site=site, head_count=5
        )
    return plan


def _assignment(plan: Plan, team: str) -> PlanAssignment:
    return plan.assignments.get(team__name=team)


# Suggestions for a team ----------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("team", [BT_CLUB, MEALS, SUMMER])
def test_a_team_suggestions_open_only_for_its_managers_and_officers(
    request: pytest.FixtureRequest, role: str, team: str
) -> None:
    client = client_for(request, role)
    pk = Team.objects.get(name=team).pk

    page = client.get(reverse("planning:team_suggestions", args=[pk]))
    api = client.get(f"/api/v1/teams/{pk}/suggestions/")

    if role == "anonymous":
        assert (page.status_code, api.status_code) == (302, 403)
        return
    if team in ANSWERS_FOR[role]:
        expected = 200
    else:
        expected = 403 if team in PUBLIC_TEAMS else 404
    assert (page.status_code, api.status_code) == (expected, expected)


# City plans ----------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_only_coordinators_open_city_plans(
    request: pytest.FixtureRequest, role: str, plan: Plan
) -> None:
    client = client_for(request, role)

    pages = [
        client.get(reverse("planning:plans")),
        client.get(reverse("planning:plan_detail", args=[plan.pk])),
        client.get(reverse("planning:plan_geojson", args=[plan.pk])),
    ]
    api = [client.get("/api/v1/plans/"), client.get(f"/api/v1/plans/{plan.pk}/")]

    if role == "anonymous":
        assert [p.status_code for p in pages] == [302, 302, 302]
        assert [a.status_code for a in api] == [403, 403]
    elif role == "coordinator":
        assert [p.status_code for p in pages] == [200, 200, 200]
        assert [a.status_code for a in api] == [200, 200]
    else:
        assert [p.status_code for p in pages] == [403, 403, 403]
        assert [a.status_code for a in api] == [403, 403]


@pytest.mark.parametrize("role", ROLES)
def test_only_coordinators_make_and_send_plans(
    request: pytest.FixtureRequest, role: str, demo: Any
) -> None:
    client = client_for(request, role)
    start = timezone.localdate() + timedelta(days=7)
    draft = Plan.objects.create(
        name="Nháp", starts_on=start, ends_on=start + timedelta(days=6)
    )

    made = client.post(
        "/api/v1/plans/",
        {"starts_on": start.isoformat(), "ends_on": str(start + timedelta(days=6))},
        content_type="application/json",
    )
    sent = client.post(f"/api/v1/plans/{draft.pk}/send/")

    expected = (201, 200) if role == "coordinator" else (403, 403)
    assert (made.status_code, sent.status_code) == expected
    draft.refresh_from_db()
    assert (draft.sent_at is not None) == (role == "coordinator")


# Answering suggestions -----------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_each_role_lists_the_suggestions_of_its_own_teams(
    request: pytest.FixtureRequest, role: str, plan: Plan
) -> None:
    client = client_for(request, role)

    api = client.get("/api/v1/plan-assignments/", {"page_size": 200})
    page = client.get(reverse("planning:my_suggestions"))

    if role == "anonymous":
        assert (api.status_code, page.status_code) == (403, 302)
        return
    teams = {row["team_name"] for row in api.json()["results"]}
    assert teams == ANSWERS_FOR[role]
    shown = {
        a.team.name
        for a in plan.assignments.select_related("team")
        if f'data-assignment="{a.pk}"' in page.content.decode()
    }
    assert shown == ANSWERS_FOR[role]


@pytest.mark.parametrize("role", ROLES)
def test_only_the_team_side_accepts_a_suggestion(
    request: pytest.FixtureRequest, role: str, plan: Plan
) -> None:
    client = client_for(request, role)
    suggestion = _assignment(plan, BT_CLUB)

    answer = client.post(f"/api/v1/plan-assignments/{suggestion.pk}/decline/")

    suggestion.refresh_from_db()
    if role == "anonymous":
        assert answer.status_code == 403
    elif BT_CLUB in ANSWERS_FOR[role]:
        assert answer.status_code == 200
        assert suggestion.status == PlanAssignment.Status.DECLINED
        return
    else:
        assert answer.status_code == 404
    assert suggestion.status == PlanAssignment.Status.PROPOSED


@pytest.mark.parametrize("role", ROLES)
def test_the_answer_form_refuses_whoever_does_not_answer_for_the_team(
    request: pytest.FixtureRequest, role: str, plan: Plan
) -> None:
    client = client_for(request, role)
    suggestion = _assignment(plan, SUMMER)

    answer = client.post(
        reverse("planning:decide", args=[suggestion.pk]), {"answer": "decline"}
    )

    suggestion.refresh_from_db()
    if role == "anonymous":
        assert answer.status_code == 302
        assert "/tai-khoan/" in answer["Location"]
    elif SUMMER in ANSWERS_FOR[role]:
        assert answer.status_code == 302
        assert suggestion.status == PlanAssignment.Status.DECLINED
        return
    else:
        assert answer.status_code == 404
    assert suggestion.status == PlanAssignment.Status.PROPOSED


# Figures -------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_figures_are_for_coordinators_and_officers_and_the_headline_for_all(
    request: pytest.FixtureRequest, role: str
) -> None:
    client = client_for(request, role)

    page = client.get(reverse("planning:figures"))
    download = client.get(reverse("planning:figures_xlsx"))
    api = client.get("/api/v1/figures/")
    public = client.get(reverse("planning:public_figures"))
    public_api = client.get("/api/v1/figures/public/")

    assert (public.status_code, public_api.status_code) == (200, 200)
    if role == "anonymous":
        assert (page.status_code, download.status_code, api.status_code) == (
            302,
            302,
            403,
        )
    elif role in STAFF:
        assert (page.status_code, download.status_code, api.status_code) == (
            200,
            200,
            200,
        )
    else:
        assert (page.status_code, download.status_code, api.status_code) == (
            403,
            403,
            403,
        )
