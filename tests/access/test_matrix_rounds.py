"""Collection rounds: every role against every page and endpoint.

The round here asks the Bến Thành ward union (with its branches below it)
and the Sài Gòn ward union, not the university. Written out by hand from
what people were told: the city runs rounds; an officer sees the rounds
asking their units and only their own units' rows; everyone else sees
nothing of it.
"""

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from portal.rounds import services
from portal.rounds.models import Assignment, Round, Submission
from portal.units.models import Unit

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous", "volunteer", "team_manager", "site_contact",
    "officer", "officer_university", "coordinator",
]  # fmt: skip

OPENS = dt.date(2026, 3, 2)
SEES_THE_ROUND = {"officer", "coordinator"}
# The asked units whose rows each role sees on the board and in the API.
ROWS_SEEN = {
    "anonymous": set(),
    "volunteer": set(),
    "team_manager": set(),
    "site_contact": set(),
    "officer": {"doan-p-ben-thanh"},
    "officer_university": set(),
    "coordinator": {"doan-p-ben-thanh", "doan-p-sai-gon"},
}


@pytest.fixture
def round_with_submission(coordinator: Any, officer: Any) -> dict[str, Any]:
    units = Unit.objects.filter(code__in=["doan-p-ben-thanh", "doan-p-sai-gon"])
    with time_machine.travel(dt.datetime(2026, 3, 3, 9, tzinfo=dt.UTC), tick=False):
        round = services.open_round(
            by=coordinator,
            reference="MATRIX-1",
            title="Đợt kiểm tra quyền",
            lists=Round.Lists.BOTH,
            opens_on=OPENS,
            due_on=dt.date(2026, 3, 20),
            focal_name="A",
            focal_phone="0901000001",
            units=list(units),
            send_reminders=False,
        )
        mine = Assignment.objects.get(round=round, unit__code="doan-p-ben-thanh")
        (submission,) = services.submit(by=officer, assignment=mine)
    other = Assignment.objects.get(round=round, unit__code="doan-p-sai-gon")
    return {"round": round, "mine": mine, "other": other, "submission": submission}


def client_for(request: pytest.FixtureRequest, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    return client


def page_status(role: str, *, visible: bool, managed: bool) -> int:
    if role == "anonymous":
        return 302
    if managed:
        return 200
    return 403 if visible else 404


@pytest.mark.parametrize("role", ROLES)
def test_the_round_pages_open_only_for_those_the_round_concerns(
    request: pytest.FixtureRequest, role: str, round_with_submission: dict
) -> None:
    client = client_for(request, role)
    pk = round_with_submission["round"].pk
    sees = role in SEES_THE_ROUND
    runs = role == "coordinator"

    assert client.get(reverse("rounds:detail", args=[pk])).status_code == (
        page_status(role, visible=sees, managed=sees)
    )
    assert client.get(reverse("rounds:board", args=[pk])).status_code == (
        page_status(role, visible=sees, managed=sees)
    )
    for name in ("rounds:edit", "rounds:add-units", "rounds:history", "rounds:merged"):
        status = client.get(reverse(name, args=[pk])).status_code
        assert status == page_status(role, visible=sees, managed=runs), name
    xlsx = client.get(reverse("rounds:merged-xlsx", args=[pk, "teams"]))
    assert xlsx.status_code == page_status(role, visible=sees, managed=runs)


@pytest.mark.parametrize("role", ROLES)
def test_only_coordinators_open_rounds_and_post_announcements(
    request: pytest.FixtureRequest, role: str
) -> None:
    client = client_for(request, role)
    expected = {"anonymous": 302, "coordinator": 200}.get(role, 403)

    assert client.get(reverse("rounds:create")).status_code == expected
    assert client.get(reverse("rounds:announce")).status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_the_board_lists_only_the_rows_in_scope(
    request: pytest.FixtureRequest, role: str, round_with_submission: dict
) -> None:
    client = client_for(request, role)
    pk = round_with_submission["round"].pk
    response = client.get(reverse("rounds:board", args=[pk]))
    if role not in SEES_THE_ROUND:
        return
    rows = set(re.findall(r'data-row="([^"]+)"', response.content.decode()))
    assert rows == ROWS_SEEN[role]


@pytest.mark.parametrize("role", ROLES)
def test_a_unit_row_and_its_submission_open_only_in_scope(
    request: pytest.FixtureRequest, role: str, round_with_submission: dict
) -> None:
    client = client_for(request, role)
    mine = round_with_submission["mine"]
    other = round_with_submission["other"]
    submission = round_with_submission["submission"]
    in_scope = role in ("officer", "coordinator")

    for url in (
        reverse("rounds:assignment", args=[mine.pk]),
        reverse("rounds:submission", args=[submission.pk]),
    ):
        assert client.get(url).status_code == page_status(
            role, visible=in_scope, managed=in_scope
        ), url
    other_status = client.get(reverse("rounds:assignment", args=[other.pk]))
    assert other_status.status_code == page_status(
        role, visible=role == "coordinator", managed=role == "coordinator"
    )


@pytest.mark.parametrize("role", ROLES)
def test_only_the_unit_submits_and_only_the_city_reviews(
    request: pytest.FixtureRequest, role: str, round_with_submission: dict
) -> None:
    client = client_for(request, role)
    other = round_with_submission["other"]
    submission = round_with_submission["submission"]

    with time_machine.travel(dt.datetime(2026, 3, 4, 9, tzinfo=dt.UTC), tick=False):
        submit = client.post(reverse("rounds:submit", args=[other.pk]))
    approve = client.post(reverse("rounds:approve", args=[submission.pk]))

    submitted = Submission.objects.filter(assignment=other).exists()
    submission.refresh_from_db()
    if role == "anonymous" or role == "coordinator":
        assert (submit.status_code, approve.status_code) == (302, 302)
    elif role == "officer":
        # Sài Gòn is beside Bến Thành: not found; the review is the city's.
        assert (submit.status_code, approve.status_code) == (404, 403)
    else:
        assert (submit.status_code, approve.status_code) == (404, 404)
    assert submitted == (role == "coordinator")
    assert (submission.status == "approved") == (role == "coordinator")


@pytest.mark.parametrize("role", ROLES)
def test_only_the_city_asks_more_units_on_the_page_and_in_the_api(
    request: pytest.FixtureRequest, role: str, round_with_submission: dict
) -> None:
    client = client_for(request, role)
    round = round_with_submission["round"]
    khtn = Unit.objects.get(code="doan-dh-khtn")
    bk = Unit.objects.get(code="doan-dh-bk")

    page = client.post(
        reverse("rounds:add-units", args=[round.pk]), {"units": [khtn.pk]}
    )
    api = client.post(
        f"/api/v1/rounds/{round.pk}/units/",
        {"units": ["doan-dh-bk"]},
        content_type="application/json",
    )

    asked = set(round.assignments.values_list("unit_id", flat=True))
    runs = role == "coordinator"
    # Anonymous people go to sign in; the coordinator back to the round.
    expected = {"anonymous": 302, "coordinator": 302, "officer": 403}.get(role, 404)
    assert page.status_code == expected
    if role == "anonymous":
        assert api.status_code in (401, 403)
    else:
        assert api.status_code == {"coordinator": 201, "officer": 403}.get(role, 404)
    assert (khtn.pk in asked, bk.pk in asked) == (runs, runs)


@pytest.mark.parametrize("role", ROLES)
def test_the_api_shows_rounds_rows_and_progress_in_scope(
    request: pytest.FixtureRequest, role: str, round_with_submission: dict
) -> None:
    client = client_for(request, role)
    round = round_with_submission["round"]
    listing = client.get("/api/v1/rounds/", {"page_size": 100})
    progress = client.get(f"/api/v1/rounds/{round.pk}/progress/")
    units = client.get("/api/v1/rounds/units/", {"page_size": 100})

    if role == "anonymous":
        assert listing.status_code in (401, 403)
        assert progress.status_code in (401, 403)
        assert units.status_code in (401, 403)
        return
    ids = {row["id"] for row in listing.json()["results"]}
    assert (round.pk in ids) == (role in SEES_THE_ROUND)
    if role in SEES_THE_ROUND:
        assert {row["unit"] for row in progress.json()["units"]} == ROWS_SEEN[role]
    else:
        assert progress.status_code == 404
    seen = {row["unit"] for row in units.json()["results"] if row["round"] == round.pk}
    assert seen == ROWS_SEEN[role]


@pytest.mark.parametrize("role", ROLES)
def test_the_api_review_is_the_citys_alone(
    request: pytest.FixtureRequest, role: str, round_with_submission: dict
) -> None:
    client = client_for(request, role)
    submission = round_with_submission["submission"]
    response = client.post(
        f"/api/v1/rounds/submissions/{submission.pk}/approve/",
        {},
        content_type="application/json",
    )
    expected = {"coordinator": 200, "officer": 403}.get(role, 404)
    if role == "anonymous":
        assert response.status_code in (401, 403)
    else:
        assert response.status_code == expected
    submission.refresh_from_db()
    assert (submission.status == "approved") == (role == "coordinator")


@pytest.mark.parametrize("role", ROLES)
def test_the_faq_shows_only_to_those_the_round_concerns(
    request: pytest.FixtureRequest,
    role: str,
    round_with_submission: dict,
    coordinator: Any,
    officer: Any,
) -> None:
    question = services.ask_question(
        by=officer, assignment=round_with_submission["mine"], text="Nộp gộp chi đoàn?"
    )
    services.answer_question(by=coordinator, question=question, answer="Có.")
    client = client_for(request, role)
    response = client.get("/api/v1/rounds/questions/", {"page_size": 100})

    if role == "anonymous":
        assert response.status_code in (401, 403)
        return
    texts = {row["text"] for row in response.json()["results"]}
    assert ("Nộp gộp chi đoàn?" in texts) == (role in SEES_THE_ROUND)
