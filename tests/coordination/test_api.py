"""The coordination API: asking, answering, claiming, coverage."""

from typing import Any

import pytest
import time_machine
from rest_framework.test import APIClient

from portal.coordination.models import NeedClaim, Visit
from portal.sites.models import Need, Site
from portal.teams.models import Team

from .helpers import (
    BEN_THANH_CLUB,
    EXAM_TEAM,
    NOW,
    ROSES,
    SATURDAY,
    SUNRISE,
    at,
    fresh,
    second_manager,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _monday() -> Any:
    with time_machine.travel(at(NOW.date(), 9), tick=False):
        yield


def _api(user: Any = None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _ask_body(team: str = BEN_THANH_CLUB, **extra: Any) -> dict[str, Any]:
    body = {
        "site": Site.objects.get(name=ROSES).pk,
        "team": Team.objects.get(name=team).pk,
        "starts_at": at(SATURDAY, 8).isoformat(),
        "ends_at": at(SATURDAY, 10).isoformat(),
        "head_count": 6,
        "purpose": "meals",
    }
    body.update(extra)
    return body


def test_a_team_asks_and_the_site_accepts_through_the_api(
    team_manager: Any, site_contact: Any
) -> None:
    asked = _api(team_manager).post("/api/v1/visits/", _ask_body(), format="json")
    assert asked.status_code == 201, asked.json()
    visit_id = asked.json()["id"]
    assert asked.json()["status"] == "pending"

    accepted = _api(site_contact).post(
        f"/api/v1/visits/{visit_id}/accept/", {"note": "Hẹn gặp"}, format="json"
    )

    assert accepted.status_code == 200
    assert accepted.json()["status"] == "accepted"


def test_a_clash_answers_409_with_the_warnings_until_confirmed(
    team_manager: Any,
) -> None:
    _api(team_manager).post("/api/v1/visits/", _ask_body(), format="json")
    other = _api(fresh(second_manager()))

    clash = other.post("/api/v1/visits/", _ask_body(team=EXAM_TEAM), format="json")
    assert clash.status_code == 409
    assert clash.json()["code"] == "visit_clash"
    assert BEN_THANH_CLUB in clash.json()["warnings"][0]

    sent = other.post(
        "/api/v1/visits/",
        _ask_body(team=EXAM_TEAM, confirm_clash=True),
        format="json",
    )
    assert sent.status_code == 201


def test_the_sites_limits_answer_409_naming_the_field(team_manager: Any) -> None:
    response = _api(team_manager).post(
        "/api/v1/visits/", _ask_body(head_count=40), format="json"
    )
    assert response.status_code == 409
    assert response.json()["code"] == "over_visitor_limit"
    assert response.json()["field"] == "head_count"


def test_asking_for_a_team_one_does_not_manage_is_forbidden(
    team_manager: Any,
) -> None:
    response = _api(team_manager).post(
        "/api/v1/visits/", _ask_body(team=EXAM_TEAM), format="json"
    )
    assert response.status_code == 403
    assert not Visit.objects.filter(site__name=ROSES).exists()


def test_bad_input_names_the_fields(team_manager: Any) -> None:
    response = _api(team_manager).post(
        "/api/v1/visits/",
        _ask_body(head_count=0, purpose="party", site=999999),
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"head_count", "purpose", "site"}


def test_the_site_proposes_and_the_team_takes_the_time(
    team_manager: Any, site_contact: Any
) -> None:
    visit_id = (
        _api(team_manager)
        .post("/api/v1/visits/", _ask_body(), format="json")
        .json()["id"]
    )
    sunday = SATURDAY.replace(day=8)
    proposed = _api(site_contact).post(
        f"/api/v1/visits/{visit_id}/propose/",
        {
            "starts_at": at(sunday, 9).isoformat(),
            "ends_at": at(sunday, 10).isoformat(),
        },
        format="json",
    )
    assert proposed.json()["status"] == "proposed"

    taken = _api(team_manager).post(f"/api/v1/visits/{visit_id}/take-proposed-time/")
    assert taken.json()["status"] == "accepted"


def test_the_calendar_of_an_open_site_is_public_but_not_a_protected_one(
    demo: Any,
) -> None:
    team = Team.objects.get(name=EXAM_TEAM)
    for name in (ROSES, SUNRISE):
        Visit.objects.create(
            site=Site.objects.get(name=name),
            team=team,
            starts_at=at(SATURDAY, 8),
            ends_at=at(SATURDAY, 9),
            head_count=3,
            status="accepted",
        )

    listed = _api().get("/api/v1/visits/", {"team": team.pk}).json()["results"]

    assert [v["site_name"] for v in listed] == [SUNRISE]


def test_claims_through_the_api_refuse_past_the_quantity(team_manager: Any) -> None:
    need = Need.objects.get(description="Gạo cho tháng tới")
    first = _api(team_manager).post(
        "/api/v1/claims/",
        {
            "need": need.pk,
            "team": Team.objects.get(name=BEN_THANH_CLUB).pk,
            "quantity": 150,
            "deliver_by": "2026-03-09",
        },
        format="json",
    )
    assert first.status_code == 201

    second = _api(fresh(second_manager())).post(
        "/api/v1/claims/",
        {
            "need": need.pk,
            "team": Team.objects.get(name=EXAM_TEAM).pk,
            "quantity": 60,
            "deliver_by": "2026-03-09",
        },
        format="json",
    )
    assert second.status_code == 409
    assert second.json()["code"] == "over_quantity"
    assert second.json()["field"] == "quantity"
    assert NeedClaim.objects.filter(need=need).count() == 1


def test_the_site_confirms_a_delivery_through_the_api(
    team_manager: Any, site_contact: Any
) -> None:
    need = Need.objects.get(description="Gạo cho tháng tới")
    claim_id = (
        _api(team_manager)
        .post(
            "/api/v1/claims/",
            {
                "need": need.pk,
                "team": Team.objects.get(name=BEN_THANH_CLUB).pk,
                "deliver_by": "2026-03-09",
            },
            format="json",
        )
        .json()["id"]
    )

    refused = _api(team_manager).post(f"/api/v1/claims/{claim_id}/confirm-delivery/")
    done = _api(site_contact).post(f"/api/v1/claims/{claim_id}/confirm-delivery/")

    assert refused.status_code == 403
    assert done.json()["status"] == "delivered"
    need.refresh_from_db()
    assert need.status == Need.Status.FULFILLED


def test_coverage_lists_the_officers_sites_most_neglected_first(
    officer: Any,
) -> None:
    Visit.objects.create(
        site=Site.objects.get(name=SUNRISE),
        team=Team.objects.get(name=EXAM_TEAM),
        starts_at=at(NOW.date().replace(day=1), 14),
        ends_at=at(NOW.date().replace(day=1), 16),
        head_count=10,
        status="done",
    )

    rows = _api(officer).get("/api/v1/coverage/").json()["results"]

    scores = [row["neglect"] for row in rows]
    assert scores == sorted(scores, reverse=True)
    sunrise = next(row for row in rows if row["name"] == SUNRISE)
    assert sunrise["visits_30"] == 1
    assert sunrise["days_since_last_visit"] == 1
    assert {row["name"] for row in rows} <= set(
        Site.objects.filter(
            unit__path__startswith=officer.memberships.get().unit.path
        ).values_list("name", flat=True)
    )


def test_coverage_is_refused_to_team_managers(team_manager: Any) -> None:
    assert _api(team_manager).get("/api/v1/coverage/").status_code == 403
    assert _api().get("/api/v1/coverage/").status_code in (401, 403)


def test_the_gini_series_through_the_api(coordinator: Any) -> None:
    data = _api(coordinator).get("/api/v1/coverage/gini/").json()
    assert len(data["months"]) == 12
    assert data["tet"][0]["start"] == "2026-01-20"
