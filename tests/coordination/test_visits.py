"""Asking to visit a site, the clash checks, and the site's answers."""

from datetime import timedelta
from typing import Any

import pytest
import time_machine

from portal.activities.models import Activity
from portal.coordination import services
from portal.coordination.errors import (
    ActivityElsewhere,
    OutsideVisitingHours,
    OverVisitorLimit,
    TeamCannotAct,
    VisitClash,
    VisitInPast,
    VisitNotAnswerable,
)
from portal.coordination.models import Visit
from portal.core.errors import AccessDenied
from portal.notices.models import Notice
from portal.sites.models import Site
from portal.teams.models import Team

from .helpers import (
    BEN_THANH_CLUB,
    EXAM_TEAM,
    NOW,
    ROSES,
    SATURDAY,
    at,
    fresh,
    second_manager,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _monday() -> Any:
    with time_machine.travel(at(NOW.date(), NOW.hour), tick=False):
        yield


def _ask(user: Any, team: str = BEN_THANH_CLUB, **extra: Any) -> Visit:
    fields = {
        "starts_at": at(SATURDAY, 8, 30),
        "ends_at": at(SATURDAY, 10, 30),
        "head_count": 10,
        "purpose": Visit.Purpose.MEALS,
    }
    fields.update(extra)
    return services.ask_visit(
        by=user,
        team=Team.objects.get(name=team),
        site=Site.objects.get(name=ROSES),
        **fields,
    )


def test_a_team_asks_and_the_site_contact_is_told(
    team_manager: Any, site_contact: Any
) -> None:
    visit = _ask(team_manager)

    assert visit.status == Visit.Status.PENDING
    assert visit.requested_by == team_manager
    notice = Notice.objects.get(user=site_contact)
    assert BEN_THANH_CLUB in notice.title


def test_a_visit_outside_the_sites_slots_is_refused_naming_the_slots(
    team_manager: Any,
) -> None:
    with pytest.raises(OutsideVisitingHours) as refused:
        _ask(team_manager, starts_at=at(SATURDAY, 14), ends_at=at(SATURDAY, 16))

    assert "08:00-11:00" in str(refused.value.message)
    assert not Visit.objects.filter(site__name=ROSES).exists()


def test_a_visit_running_past_the_end_of_the_slot_is_refused(
    team_manager: Any,
) -> None:
    with pytest.raises(OutsideVisitingHours):
        _ask(team_manager, starts_at=at(SATURDAY, 10), ends_at=at(SATURDAY, 12))


def test_more_visitors_than_the_site_takes_at_once_is_refused(
    team_manager: Any,
) -> None:
    with pytest.raises(OverVisitorLimit) as refused:
        _ask(team_manager, head_count=25)
    assert refused.value.field == "head_count"


def test_accepted_visits_in_the_same_slot_count_towards_the_limit(
    team_manager: Any, site_contact: Any
) -> None:
    first = _ask(team_manager, head_count=15)
    services.accept_visit(by=site_contact, visit=first)

    with pytest.raises(OverVisitorLimit) as refused:
        _ask(
            fresh(second_manager()),
            team=EXAM_TEAM,
            head_count=8,
            purpose=Visit.Purpose.TUTORING,
            starts_at=at(SATURDAY, 10),
            ends_at=at(SATURDAY, 11),
        )

    message = str(refused.value.message)
    assert BEN_THANH_CLUB in message and "15" in message and "23" in message


def test_pending_visits_do_not_count_towards_the_limit(team_manager: Any) -> None:
    _ask(team_manager, head_count=15)

    visit = _ask(
        fresh(second_manager()),
        team=EXAM_TEAM,
        head_count=8,
        purpose=Visit.Purpose.TUTORING,
    )

    assert visit.status == Visit.Status.PENDING


def test_another_team_coming_the_same_day_for_the_same_purpose_is_a_warning(
    team_manager: Any,
) -> None:
    _ask(team_manager, head_count=5)
    other = fresh(second_manager())

    with pytest.raises(VisitClash) as clash:
        _ask(other, team=EXAM_TEAM, head_count=5)

    assert len(clash.value.warnings) == 1
    assert BEN_THANH_CLUB in clash.value.warnings[0]
    assert "07/03/2026 08:30" in clash.value.warnings[0]

    visit = _ask(other, team=EXAM_TEAM, head_count=5, confirm_clash=True)
    assert visit.status == Visit.Status.PENDING


def test_the_same_team_twice_is_not_a_clash_with_itself(team_manager: Any) -> None:
    _ask(team_manager, head_count=5)
    second = _ask(team_manager, head_count=5, starts_at=at(SATURDAY, 9))
    assert second.pk


def test_the_limit_is_checked_again_when_the_site_accepts(
    team_manager: Any, site_contact: Any
) -> None:
    first = _ask(team_manager, head_count=12)
    second = _ask(
        fresh(second_manager()),
        team=EXAM_TEAM,
        head_count=12,
        purpose=Visit.Purpose.PLAY,
    )
    services.accept_visit(by=site_contact, visit=first)

    with pytest.raises(OverVisitorLimit):
        services.accept_visit(by=site_contact, visit=second)

    second.refresh_from_db()
    assert second.status == Visit.Status.PENDING


def test_a_visit_in_the_past_is_refused(team_manager: Any) -> None:
    yesterday = NOW.date() - timedelta(days=2)
    with pytest.raises(VisitInPast):
        _ask(team_manager, starts_at=at(yesterday, 8), ends_at=at(yesterday, 9))


def test_a_suspended_team_cannot_ask(team_manager: Any) -> None:
    Team.objects.filter(name=BEN_THANH_CLUB).update(
        verification=Team.Verification.SUSPENDED
    )
    with pytest.raises(TeamCannotAct):
        _ask(team_manager)


def test_a_volunteer_cannot_ask_for_a_team(volunteer: Any) -> None:
    with pytest.raises(AccessDenied):
        _ask(volunteer)


def test_the_team_cannot_accept_its_own_visit(team_manager: Any) -> None:
    visit = _ask(team_manager)
    with pytest.raises(AccessDenied):
        services.accept_visit(by=team_manager, visit=visit)


def test_the_sites_unit_officer_may_accept(team_manager: Any, officer: Any) -> None:
    visit = _ask(team_manager)
    services.accept_visit(by=officer, visit=visit)
    visit.refresh_from_db()
    assert visit.status == Visit.Status.ACCEPTED
    assert Notice.objects.filter(user=team_manager).exists()


def test_an_officer_of_another_unit_may_not_answer(
    team_manager: Any, officer_university: Any
) -> None:
    visit = _ask(team_manager)
    with pytest.raises(AccessDenied):
        services.decline_visit(by=officer_university, visit=visit)


def test_a_declined_visit_cannot_then_be_accepted(
    team_manager: Any, site_contact: Any
) -> None:
    visit = _ask(team_manager)
    services.decline_visit(by=site_contact, visit=visit, note="Bận sửa nhà")
    with pytest.raises(VisitNotAnswerable):
        services.accept_visit(by=site_contact, visit=visit)


def test_the_site_proposes_another_time_and_the_team_takes_it(
    team_manager: Any, site_contact: Any
) -> None:
    visit = _ask(team_manager)
    sunday = SATURDAY + timedelta(days=1)

    services.propose_visit_time(
        by=site_contact,
        visit=visit,
        starts_at=at(sunday, 8),
        ends_at=at(sunday, 10),
        note="Chủ nhật tiện hơn",
    )
    visit.refresh_from_db()
    assert visit.status == Visit.Status.PROPOSED

    services.take_proposed_time(by=team_manager, visit=visit)
    visit.refresh_from_db()
    assert visit.status == Visit.Status.ACCEPTED
    assert visit.starts_at == at(sunday, 8)
    assert visit.proposed_starts_at is None


def test_a_proposed_time_must_fit_the_sites_slots(
    team_manager: Any, site_contact: Any
) -> None:
    visit = _ask(team_manager)
    with pytest.raises(OutsideVisitingHours):
        services.propose_visit_time(
            by=site_contact,
            visit=visit,
            starts_at=at(SATURDAY, 18),
            ends_at=at(SATURDAY, 19),
        )


def test_the_team_cancels_an_accepted_visit_and_the_site_is_told(
    team_manager: Any, site_contact: Any
) -> None:
    visit = _ask(team_manager)
    services.accept_visit(by=site_contact, visit=visit)

    services.cancel_visit(by=team_manager, visit=visit)

    visit.refresh_from_db()
    assert visit.status == Visit.Status.CANCELLED
    assert Notice.objects.filter(user=site_contact, key__contains="cancelled").exists()


def _activity_at(site_name: str) -> Activity:
    team = Team.objects.get(name=BEN_THANH_CLUB)
    return Activity.objects.create(
        title="Nấu cơm trưa",
        team=team,
        unit=team.unit,
        site=Site.objects.get(name=site_name),
    )


def test_an_activity_at_the_site_asks_for_its_visit(team_manager: Any) -> None:
    activity = _activity_at(ROSES)
    visit = _ask(team_manager, activity=activity)
    assert visit.activity == activity


def test_an_activity_elsewhere_cannot_ask_for_this_site(team_manager: Any) -> None:
    with pytest.raises(ActivityElsewhere):
        _ask(team_manager, activity=_activity_at("Nhà mở Ánh Dương"))
