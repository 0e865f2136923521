"""Asking more units once a round is open: the service, the page, the API."""

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from portal.core.errors import AccessDenied
from portal.notices.models import Notice
from portal.rounds import services
from portal.rounds.errors import NoUnitsAsked, UnitOutsideScope, UnitsAlreadyAsked
from portal.rounds.models import Assignment, Round, StateChange
from portal.units.models import Unit
from tests.rounds.conftest import DUE, OPENS

pytestmark = pytest.mark.django_db

KHTN_OFFICER = "bithu.khtn@demo.tinhnguyen.vn"


@pytest.fixture
def ward_round(coordinator: Any, units: dict[str, Unit], on_day: Any) -> Round:
    """A round asking the two ward unions, not the university."""
    with on_day(OPENS - dt.timedelta(days=5)):
        return services.open_round(
            by=coordinator,
            reference="130-CV/TĐTN",
            title="Rà soát địa chỉ tình nguyện các phường",
            opens_on=OPENS,
            due_on=DUE,
            focal_name="Nguyễn Thị Điều Phối",
            focal_phone="0901000001",
            units=[units["doan-p-ben-thanh"], units["doan-p-sai-gon"]],
        )


def asked_codes(round: Round) -> list[str]:
    return sorted(round.assignments.values_list("unit__code", flat=True))


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def notices_to(email: str) -> list[str]:
    return sorted(
        Notice.objects.filter(user__email=email, key__startswith="round-").values_list(
            "key", flat=True
        )
    )


# The service ---------------------------------------------------------


def test_a_unit_asked_after_opening_is_told_once_as_those_asked_at_opening(
    ward_round: Round,
    coordinator: Any,
    units: dict[str, Unit],
    officer_university: Any,
    on_day: Any,
    mailoutbox: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    day = OPENS + dt.timedelta(days=1)
    with on_day(day), django_capture_on_commit_callbacks(execute=True):
        added = services.ask_more_units(
            by=coordinator, round=ward_round, units=[units["doan-dh-khtn"]]
        )
    with on_day(day, hour=10), django_capture_on_commit_callbacks(execute=True):
        call_command("send_round_reminders")

    assert [a.unit.code for a in added] == ["doan-dh-khtn"]
    assert "doan-dh-khtn" in asked_codes(ward_round)
    key = f"round-{ward_round.pk}-unit-{units['doan-dh-khtn'].pk}-opening"
    assert notices_to(KHTN_OFFICER) == [key]
    (mail,) = [m for m in mailoutbox if m.to == [KHTN_OFFICER]]
    assert "130-CV/TĐTN" in mail.subject
    assert "đã mở" in mail.subject


def test_a_unit_added_late_in_the_round_is_not_reminded_again_the_same_day(
    ward_round: Round,
    coordinator: Any,
    units: dict[str, Unit],
    officer_university: Any,
    on_day: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    day = DUE - dt.timedelta(days=3)
    with on_day(day), django_capture_on_commit_callbacks(execute=True):
        services.ask_more_units(
            by=coordinator, round=ward_round, units=[units["doan-dh-khtn"]]
        )
    with on_day(day, hour=10), django_capture_on_commit_callbacks(execute=True):
        call_command("send_round_reminders")
    with (
        on_day(DUE - dt.timedelta(days=1)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("send_round_reminders")

    khtn = units["doan-dh-khtn"].pk
    assert notices_to(KHTN_OFFICER) == [
        f"round-{ward_round.pk}-unit-{khtn}-due-1d",
        f"round-{ward_round.pk}-unit-{khtn}-due-3d",
    ]
    first = Notice.objects.get(key=f"round-{ward_round.pk}-unit-{khtn}-due-3d")
    assert "đã mở" in first.title


def test_units_added_before_the_opening_day_hear_on_that_day_with_the_rest(
    ward_round: Round,
    coordinator: Any,
    units: dict[str, Unit],
    officer_university: Any,
    on_day: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with (
        on_day(OPENS - dt.timedelta(days=2)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.ask_more_units(
            by=coordinator, round=ward_round, units=[units["doan-dh-khtn"]]
        )
    assert notices_to(KHTN_OFFICER) == []

    with on_day(OPENS), django_capture_on_commit_callbacks(execute=True):
        call_command("send_round_reminders")
    khtn = units["doan-dh-khtn"].pk
    assert notices_to(KHTN_OFFICER) == [f"round-{ward_round.pk}-unit-{khtn}-opening"]


def test_asking_more_units_is_kept_in_the_round_history_and_the_units_log(
    ward_round: Round, coordinator: Any, units: dict[str, Unit], on_day: Any
) -> None:
    with on_day(OPENS):
        services.ask_more_units(
            by=coordinator,
            round=ward_round,
            units=[units["doan-dh-khtn"], units["doan-x-binh-chanh"]],
        )

    version = ward_round.history.order_by("-history_date", "-history_id").first()
    assert version.history_user == coordinator
    assert version.history_change_reason == "units-added:2"
    logged = StateChange.objects.filter(assignment__round=ward_round).order_by(
        "assignment__unit__code"
    )
    assert [(c.assignment.unit.code, c.by) for c in logged] == [
        ("doan-dh-khtn", coordinator),
        ("doan-x-binh-chanh", coordinator),
    ]
    assert {c.reason for c in logged} == {"Được yêu cầu thêm sau khi mở đợt"}


def test_all_direct_units_adds_only_those_not_asked_yet(
    ward_round: Round, coordinator: Any, on_day: Any
) -> None:
    direct = set(
        Unit.objects.filter(depth=1, is_active=True).values_list("code", flat=True)
    )
    with on_day(OPENS):
        added = services.ask_more_units(
            by=coordinator, round=ward_round, all_direct_units=True
        )

    assert {a.unit.code for a in added} == direct - {
        "doan-p-ben-thanh",
        "doan-p-sai-gon",
    }
    assert set(asked_codes(ward_round)) == direct


def test_units_the_round_already_asks_are_refused_by_name_of_the_field(
    ward_round: Round, coordinator: Any, units: dict[str, Unit]
) -> None:
    with pytest.raises(UnitsAlreadyAsked) as refused:
        services.ask_more_units(
            by=coordinator, round=ward_round, units=[units["doan-p-sai-gon"]]
        )
    assert refused.value.field == "units"
    assert asked_codes(ward_round) == ["doan-p-ben-thanh", "doan-p-sai-gon"]


def test_no_unit_chosen_is_refused(ward_round: Round, coordinator: Any) -> None:
    with pytest.raises(NoUnitsAsked):
        services.ask_more_units(by=coordinator, round=ward_round, units=[])


def test_a_closed_unit_or_the_city_union_itself_cannot_be_asked(
    ward_round: Round, coordinator: Any, units: dict[str, Unit]
) -> None:
    closed = units["doan-dh-bk"]
    Unit.objects.filter(pk=closed.pk).update(is_active=False)

    for unit in (closed, units["thanh-doan"]):
        with pytest.raises(UnitOutsideScope):
            services.ask_more_units(
                by=coordinator,
                round=ward_round,
                units=[unit, units["doan-dh-khtn"]],
            )
    assert asked_codes(ward_round) == ["doan-p-ben-thanh", "doan-p-sai-gon"]


def test_an_officer_of_an_asked_unit_may_not_ask_more_units(
    ward_round: Round, officer: Any, units: dict[str, Unit]
) -> None:
    with pytest.raises(AccessDenied):
        services.ask_more_units(
            by=officer, round=ward_round, units=[units["cd-kp1-ben-thanh"]]
        )
    assert not Assignment.objects.filter(
        round=ward_round, unit__code="cd-kp1-ben-thanh"
    ).exists()


# The page ------------------------------------------------------------


def test_the_round_page_leads_the_coordinator_to_ask_more_units(
    ward_round: Round, coordinator: Any, officer: Any
) -> None:
    url = reverse("rounds:add-units", args=[ward_round.pk])
    detail = reverse("rounds:detail", args=[ward_round.pk])

    assert url in signed_in(coordinator).get(detail).content.decode()
    assert url not in signed_in(officer).get(detail).content.decode()


def test_the_page_offers_the_units_not_asked_yet_from_the_tree(
    ward_round: Round, coordinator: Any, units: dict[str, Unit]
) -> None:
    page = signed_in(coordinator).get(reverse("rounds:add-units", args=[ward_round.pk]))

    offered = {
        int(pk)
        for pk in page.context["form"]["units"].field.queryset.values_list(
            "pk", flat=True
        )
    }
    assert units["doan-dh-khtn"].pk in offered
    assert units["cd-kp1-ben-thanh"].pk in offered
    assert units["doan-p-ben-thanh"].pk not in offered
    assert units["thanh-doan"].pk not in offered
    # Its parent is asked already, so the branch names it.
    assert "— Chi đoàn khu phố 1 (Đoàn phường Bến Thành)" in page.content.decode()
    assert "— Liên chi đoàn khoa Công nghệ thông tin</label>" in page.content.decode()


def test_asking_from_the_page_says_how_many_units_were_added(
    ward_round: Round, coordinator: Any, units: dict[str, Unit], on_day: Any
) -> None:
    chosen = [units["doan-dh-khtn"].pk, units["doan-x-binh-chanh"].pk]
    with on_day(OPENS):
        response = signed_in(coordinator).post(
            reverse("rounds:add-units", args=[ward_round.pk]),
            {"units": chosen},
            follow=True,
        )

    assert response.redirect_chain[-1][0] == reverse(
        "rounds:detail", args=[ward_round.pk]
    )
    assert "Đã yêu cầu thêm 2 đơn vị cho đợt này." in response.content.decode()
    assert asked_codes(ward_round) == [
        "doan-dh-khtn",
        "doan-p-ben-thanh",
        "doan-p-sai-gon",
        "doan-x-binh-chanh",
    ]
    history = signed_in(coordinator).get(
        reverse("rounds:history", args=[ward_round.pk])
    )
    assert "yêu cầu thêm 2 đơn vị" in history.content.decode()


def test_sending_the_page_with_no_unit_says_so_under_the_field(
    ward_round: Round, coordinator: Any
) -> None:
    response = signed_in(coordinator).post(
        reverse("rounds:add-units", args=[ward_round.pk]), {}
    )

    assert response.status_code == 200
    assert (
        '<div class="invalid-feedback d-block" data-field="units">'
        "Đơn vị được yêu cầu: chọn ít nhất một đơn vị, hoặc tất cả đơn vị "
        "trực thuộc.</div>"
    ) in response.content.decode()
    assert asked_codes(ward_round) == ["doan-p-ben-thanh", "doan-p-sai-gon"]


def test_a_unit_already_asked_or_closed_is_refused_under_the_field(
    ward_round: Round, coordinator: Any, units: dict[str, Unit]
) -> None:
    closed = units["doan-dh-bk"]
    Unit.objects.filter(pk=closed.pk).update(is_active=False)
    client = signed_in(coordinator)

    for unit in (units["doan-p-sai-gon"], closed):
        response = client.post(
            reverse("rounds:add-units", args=[ward_round.pk]),
            {"units": [unit.pk, units["doan-dh-khtn"].pk]},
        )
        text = response.content.decode()
        assert response.status_code == 200
        assert 'data-field="units">Đơn vị được yêu cầu: ' in text
        assert "đã được yêu cầu, đã ngừng hoạt động hoặc ngoài phạm vi" in text
    assert asked_codes(ward_round) == ["doan-p-ben-thanh", "doan-p-sai-gon"]


def test_all_direct_units_when_every_one_is_asked_already_says_so(
    ward_round: Round, coordinator: Any, on_day: Any
) -> None:
    client = signed_in(coordinator)
    url = reverse("rounds:add-units", args=[ward_round.pk])
    with on_day(OPENS):
        client.post(url, {"all_direct_units": "on"})
        again = client.post(url, {"all_direct_units": "on"})

    assert again.status_code == 200
    assert (
        'data-field="units">Đơn vị được yêu cầu: mọi đơn vị bạn chọn đều đã '
        "được yêu cầu trong đợt này."
    ) in again.content.decode()


# The API -------------------------------------------------------------


def test_the_api_asks_more_units_by_code(
    ward_round: Round, coordinator: Any, on_day: Any
) -> None:
    with on_day(OPENS):
        response = signed_in(coordinator).post(
            f"/api/v1/rounds/{ward_round.pk}/units/",
            {"units": ["doan-dh-khtn"]},
            content_type="application/json",
        )

    assert response.status_code == 201
    assert [(row["unit"], row["state"]) for row in response.json()] == [
        ("doan-dh-khtn", "not_started")
    ]
    assert "doan-dh-khtn" in asked_codes(ward_round)


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({}, "invalid"),
        ({"units": []}, "invalid"),
        ({"units": ["khong-co-don-vi-nay"]}, "invalid"),
        ({"units": ["doan-p-sai-gon"]}, "units_already_asked"),
        ({"units": ["thanh-doan"]}, "unit_outside_scope"),
    ],
)
def test_the_api_names_the_field_when_the_units_are_wrong(
    ward_round: Round, coordinator: Any, body: dict, code: str
) -> None:
    response = signed_in(coordinator).post(
        f"/api/v1/rounds/{ward_round.pk}/units/",
        body,
        content_type="application/json",
        headers={"accept-language": "vi"},
    )

    answer = response.json()
    assert response.status_code == 400
    assert answer["code"] == code
    if code == "invalid":
        assert list(answer["fields"]) == ["units"]
        assert answer["fields"]["units"][0].startswith("Đơn vị được yêu cầu: ")
    else:
        assert answer["field"] == "units"
        assert answer["message"].startswith("Đơn vị được yêu cầu: ")
    assert asked_codes(ward_round) == ["doan-p-ben-thanh", "doan-p-sai-gon"]
