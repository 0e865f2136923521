"""The coverage board is computed once and kept; what people do shows at once.

The board's figures come from a snapshot of the whole city kept in memory
(``portal.coordination.snapshot``). These tests open the board, change
something the way people do, and open it again.
"""

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from portal.coordination import services
from portal.coordination.models import Visit
from portal.sites import services as site_services
from portal.sites.models import Need, Site
from portal.teams.models import Team

from .helpers import BEN_THANH_CLUB, EXAM_TEAM, ROSES, SATURDAY, SUNRISE, at

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _row(client: Client, name: str, **params: Any) -> Any:
    response = client.get(reverse("coordination:board"), params)
    assert response.status_code == 200
    return next(row for row in response.context["page"] if row.name == name)


def _pending_visit(site: str, hour: int) -> Visit:
    return Visit.objects.create(
        site=Site.objects.get(name=site),
        team=Team.objects.get(name=BEN_THANH_CLUB),
        starts_at=at(SATURDAY, hour),
        ends_at=at(SATURDAY, hour + 1),
        head_count=7,
        status=Visit.Status.PENDING,
    )


def test_a_visit_shows_on_the_board_as_soon_as_the_site_accepts_it(
    coordinator: Any, site_contact: Any
) -> None:
    visit = _pending_visit(ROSES, 9)
    board = _client(coordinator)

    with time_machine.travel(at(SATURDAY, 7), tick=False):
        before = _row(board, ROSES).coverage
        _client(site_contact).post(
            reverse("coordination:visit_action", args=[visit.pk, "accept"])
        )
        after = _row(board, ROSES).coverage

    assert Visit.objects.get(pk=visit.pk).status == Visit.Status.ACCEPTED
    assert after.visits_30 == before.visits_30 + 1
    assert after.volunteers_30 == before.volunteers_30 + 7
    assert after.days_since_last_visit == 0


def test_a_cancelled_visit_leaves_the_board_at_once(
    coordinator: Any, team_manager: Any
) -> None:
    visit = _pending_visit(ROSES, 9)
    Visit.objects.filter(pk=visit.pk).update(status=Visit.Status.ACCEPTED)
    board = _client(coordinator)

    with time_machine.travel(at(SATURDAY, 7), tick=False):
        before = _row(board, ROSES).coverage
        services.cancel_visit(by=team_manager, visit=visit)
        after = _row(board, ROSES).coverage

    assert after.visits_30 == before.visits_30 - 1


def test_a_new_need_shows_on_the_board_at_once(
    coordinator: Any, site_contact: Any
) -> None:
    board = _client(coordinator)

    with time_machine.travel(at(SATURDAY, 7), tick=False):
        before = _row(board, ROSES).coverage
        site_services.create_need(
            by=site_contact,
            site=Site.objects.get(name=ROSES),
            category=Need.Category.values[0],
            description="Sữa cho các bé",
        )
        after = _row(board, ROSES).coverage

    assert after.open_needs == before.open_needs + 1


def test_the_windows_move_with_the_day(coordinator: Any) -> None:
    Visit.objects.create(
        site=Site.objects.get(name=SUNRISE),
        team=Team.objects.get(name=EXAM_TEAM),
        starts_at=at(SATURDAY, 9),
        ends_at=at(SATURDAY, 11),
        head_count=4,
        status=Visit.Status.DONE,
    )
    board = _client(coordinator)

    with time_machine.travel(at(SATURDAY, 12), tick=False):
        that_day = _row(board, SUNRISE).coverage
    with time_machine.travel(at(SATURDAY + timedelta(days=31), 12), tick=False):
        a_month_on = _row(board, SUNRISE).coverage

    assert that_day.days_since_last_visit == 0
    assert a_month_on.days_since_last_visit == 31
    assert a_month_on.visits_30 == that_day.visits_30 - 1
    assert a_month_on.visits_90 == that_day.visits_90


def test_an_officer_and_a_coordinator_share_figures_but_not_scopes(
    coordinator: Any, officer: Any, officer_university: Any
) -> None:
    with time_machine.travel(at(SATURDAY, 7), tick=False):
        city = _client(coordinator).get(reverse("coordination:board"))
        ward = _client(officer).get(reverse("coordination:board"))
        other = _client(officer_university).get(reverse("coordination:board"))

    city_rows = {row.name: row.coverage for row in city.context["page"]}
    ward_rows = {row.name: row.coverage for row in ward.context["page"]}
    assert ROSES in ward_rows
    assert ward_rows[ROSES] == city_rows[ROSES]
    assert set(ward_rows) < set(city_rows)
    assert ROSES not in {row.name for row in other.context["page"]}
    assert ward.context["site_count"] == len(ward_rows)


def test_the_map_follows_an_accepted_visit(coordinator: Any, site_contact: Any) -> None:
    Site.objects.filter(name=ROSES).update(latitude=10.77, longitude=106.7)
    visit = _pending_visit(ROSES, 9)
    board = _client(coordinator)

    def roses_on_map() -> dict[str, Any]:
        features = board.get(reverse("coordination:coverage_geojson")).json()
        return next(
            f["properties"]
            for f in features["features"]
            if f["properties"]["name"] == ROSES
        )

    with time_machine.travel(at(SATURDAY, 7), tick=False):
        before = roses_on_map()
        _client(site_contact).post(
            reverse("coordination:visit_action", args=[visit.pk, "accept"])
        )
        after = roses_on_map()

    assert after["visits_90"] == before["visits_90"] + 1
    assert after["days_since_last_visit"] == 0
