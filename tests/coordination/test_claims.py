"""Claiming a site's needs: never past the quantity, delivered, lapsed."""

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.management import call_command

from portal.coordination import services
from portal.coordination.errors import (
    ClaimNotActive,
    ClaimOverQuantity,
    DeliveryDateInvalid,
    NeedNotOpen,
)
from portal.coordination.models import NeedClaim
from portal.coordination.selectors import needs_left
from portal.core.errors import AccessDenied
from portal.notices.models import Notice
from portal.sites.models import Need
from portal.teams.models import Team

from .helpers import BEN_THANH_CLUB, EXAM_TEAM, NOW, ROSES, at, fresh, second_manager

pytestmark = pytest.mark.django_db

TODAY = NOW.date()


@pytest.fixture(autouse=True)
def _monday() -> Any:
    with time_machine.travel(at(TODAY, 9), tick=False):
        yield


def _rice() -> Need:
    return Need.objects.get(site__name=ROSES, description="Gạo cho tháng tới")


def _roof() -> Need:
    return Need.objects.get(description="Sửa mái tôn phòng ăn")


def _claim(user: Any, need: Need, quantity: int | None, team: str = BEN_THANH_CLUB):
    return services.claim_need(
        by=user,
        team=Team.objects.get(name=team),
        need=need,
        quantity=quantity,
        deliver_by=TODAY + timedelta(days=5),
    )


def test_a_team_claims_part_of_a_need_and_the_rest_stays_open(
    team_manager: Any, site_contact: Any
) -> None:
    claim = _claim(team_manager, _rice(), 150)

    assert claim.status == NeedClaim.Status.ACTIVE
    need = _rice()
    assert need.status == Need.Status.OPEN
    assert needs_left(site_contact, [need])[0].left == 50
    assert Notice.objects.filter(user=site_contact, key=f"claim-made-{claim.pk}")


def test_claiming_the_rest_marks_the_need_claimed(team_manager: Any) -> None:
    _claim(team_manager, _rice(), 150)
    _claim(fresh(second_manager()), _rice(), 50, team=EXAM_TEAM)

    assert _rice().status == Need.Status.CLAIMED


def test_a_claim_past_what_is_left_is_refused_saying_how_much_is_left(
    team_manager: Any,
) -> None:
    _claim(team_manager, _rice(), 150)

    with pytest.raises(ClaimOverQuantity) as refused:
        _claim(fresh(second_manager()), _rice(), 80, team=EXAM_TEAM)

    assert "50" in str(refused.value.message)
    assert refused.value.field == "quantity"
    assert NeedClaim.objects.filter(need=_rice()).count() == 1


def test_without_a_quantity_the_claim_takes_all_that_is_left(
    team_manager: Any,
) -> None:
    _claim(team_manager, _rice(), 120)
    claim = _claim(fresh(second_manager()), _rice(), None, team=EXAM_TEAM)
    assert claim.quantity == 80


def test_a_need_without_a_quantity_is_claimed_whole_by_one_team(
    coordinator: Any,
) -> None:
    Team.objects.filter(name=BEN_THANH_CLUB).update(status=Team.Status.ACTIVE)
    first = _claim(coordinator, _roof(), None)
    assert first.quantity is None
    assert _roof().status == Need.Status.CLAIMED

    with pytest.raises(ClaimOverQuantity):
        _claim(coordinator, _roof(), None, team=EXAM_TEAM)


def test_a_delivery_date_in_the_past_is_refused(team_manager: Any) -> None:
    with pytest.raises(DeliveryDateInvalid):
        services.claim_need(
            by=team_manager,
            team=Team.objects.get(name=BEN_THANH_CLUB),
            need=_rice(),
            quantity=10,
            deliver_by=TODAY - timedelta(days=1),
        )


def test_a_fulfilled_need_cannot_be_claimed(coordinator: Any) -> None:
    need = Need.objects.get(description="Khám sức khỏe định kỳ")
    with pytest.raises(NeedNotOpen):
        _claim(coordinator, need, 10)


def test_a_volunteer_cannot_claim_for_a_team(volunteer: Any) -> None:
    with pytest.raises(AccessDenied):
        _claim(volunteer, _rice(), 10)


def test_the_site_confirms_delivery_and_the_need_is_met_when_all_arrived(
    team_manager: Any, site_contact: Any
) -> None:
    first = _claim(team_manager, _rice(), 150)
    second = _claim(fresh(second_manager()), _rice(), 50, team=EXAM_TEAM)

    services.confirm_delivery(by=site_contact, claim=first)
    assert _rice().status == Need.Status.CLAIMED
    services.confirm_delivery(by=site_contact, claim=second)

    assert _rice().status == Need.Status.FULFILLED
    assert Notice.objects.filter(user=team_manager, key=f"claim-delivered-{first.pk}")


def test_the_team_cannot_confirm_its_own_delivery(team_manager: Any) -> None:
    claim = _claim(team_manager, _rice(), 20)
    with pytest.raises(AccessDenied):
        services.confirm_delivery(by=team_manager, claim=claim)


def test_withdrawing_a_claim_reopens_its_quantity(
    team_manager: Any, site_contact: Any
) -> None:
    claim = _claim(team_manager, _rice(), 200)
    assert _rice().status == Need.Status.CLAIMED

    services.withdraw_claim(by=team_manager, claim=claim)

    assert _rice().status == Need.Status.OPEN
    assert needs_left(site_contact, [_rice()])[0].left == 200
    with pytest.raises(ClaimNotActive):
        services.withdraw_claim(by=team_manager, claim=claim)


def test_a_claim_past_its_date_lapses_the_need_reopens_and_the_site_is_told(
    team_manager: Any, site_contact: Any
) -> None:
    claim = _claim(team_manager, _rice(), 200)
    assert _rice().status == Need.Status.CLAIMED

    with time_machine.travel(at(TODAY + timedelta(days=5), 23, 59), tick=False):
        assert services.lapse_claims() == 0
    with time_machine.travel(at(TODAY + timedelta(days=6), 0, 5), tick=False):
        out = StringIO()
        call_command("lapse_claims", "--now", stdout=out)

    assert "1 claim(s) lapsed" in out.getvalue()
    claim.refresh_from_db()
    assert claim.status == NeedClaim.Status.LAPSED
    assert _rice().status == Need.Status.OPEN
    notice = Notice.objects.get(user=site_contact, key=f"claim-lapsed-{claim.pk}")
    assert BEN_THANH_CLUB in notice.title
    assert Notice.objects.filter(user=team_manager, key=f"claim-lapsed-{claim.pk}")


def test_the_lapse_task_queued_by_the_command_lapses_overdue_claims(
    team_manager: Any,
) -> None:
    claim = _claim(team_manager, _rice(), 30)
    with time_machine.travel(at(TODAY + timedelta(days=9), 1), tick=False):
        out = StringIO()
        call_command("lapse_claims", stdout=out)

    assert "queued lapse task" in out.getvalue()
    claim.refresh_from_db()
    assert claim.status == NeedClaim.Status.LAPSED


def test_a_delivered_claim_never_lapses(team_manager: Any, site_contact: Any) -> None:
    claim = _claim(team_manager, _rice(), 30)
    services.confirm_delivery(by=site_contact, claim=claim)
    with time_machine.travel(at(TODAY + timedelta(days=30), 1), tick=False):
        assert services.lapse_claims() == 0
    claim.refresh_from_db()
    assert claim.status == NeedClaim.Status.DELIVERED
