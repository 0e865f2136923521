"""Making a city plan, sending it, and teams answering it."""

from collections import Counter
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from portal.coordination.models import Visit
from portal.core.errors import AccessDenied
from portal.notices.models import Notice
from portal.planning import planner, services
from portal.planning.errors import (
    AssignmentAlreadyDecided,
    PlanDatesInvalid,
    PlanInThePast,
    PlanNotSent,
    PlanTooLong,
)
from portal.planning.models import Plan, PlanAssignment
from portal.planning.profiles import snapshot
from portal.sites.models import Site
from portal.teams.models import Team
from tests.planning.factories import next_monday, visit

pytestmark = pytest.mark.django_db

BT_CLUB = "CLB Tình nguyện Bến Thành"
ROSES = "Mái ấm Hoa Hồng"
CHILDREN = "Trung tâm Bảo trợ trẻ em Sài Gòn"


def _plan(coordinator: Any, **extra: Any) -> Any:
    monday = next_monday()
    return services.create_plan(
        by=coordinator,
        name="Tuần thử",
        starts_on=extra.pop("starts_on", monday),
        ends_on=extra.pop("ends_on", monday + timedelta(days=6)),
        **extra,
    )


def test_the_plan_visits_every_site_it_can_within_every_limit(
    coordinator: Any,
) -> None:
    plan = _plan(coordinator)

    rows = list(plan.assignments.select_related("team", "site"))
    per_team = Counter(r.team_id for r in rows)
    per_site = Counter(r.site_id for r in rows)
    sites = snapshot().by_id
    for team in Team.objects.filter(pk__in=per_team):
        assert team.verification == Team.Verification.VERIFIED
        assert per_team[team.pk] <= planner.team_weekly_capacity(team.member_count)
    for site_id, count in per_site.items():
        assert count <= sites[site_id].weekly_capacity
    # Five verified teams can make at least one visit each, and every
    # demo site lies in a team's ward or may be reached by a team that
    # named none: all six get a visit.
    assert plan.covered_sites == len(per_site) == 6
    assert plan.site_count == 6


def test_the_most_neglected_quarter_leaves_well_helped_sites_out(
    coordinator: Any,
) -> None:
    left_alone = {ROSES, CHILDREN}
    # Every other site had a visit a week for two months: well helped.
    for site in Site.objects.exclude(name__in=left_alone):
        for week in range(8):
            visit(site, days_ago=5 + 7 * week)

    plan = _plan(coordinator, focus_percent=25)

    # A quarter of six sites, rounded up: the two nobody visited.
    assert set(plan.assignments.values_list("site__name", flat=True)) == left_alone
    assert plan.site_count == 2


def test_a_visit_already_booked_in_the_week_uses_the_site_up(
    coordinator: Any,
) -> None:
    school = Site.objects.get(name="Trường chuyên biệt Ánh Sáng")
    capacity = snapshot().by_id[school.pk].weekly_capacity
    until_monday = (next_monday() - timezone.localdate()).days
    for n in range(capacity):
        visit(school, days_ago=-(until_monday + n % 7), status="pending")

    plan = _plan(coordinator)

    assert not plan.assignments.filter(site=school).exists()


def test_the_plan_spreads_help_more_evenly_than_before(coordinator: Any) -> None:
    roses = Site.objects.get(name=ROSES)
    for days in (1, 5, 9, 13):
        visit(roses, days_ago=days)

    plan = _plan(coordinator)

    assert plan.gini_before is not None and plan.gini_with_plan is not None
    assert plan.gini_with_plan < plan.gini_before


def test_only_a_coordinator_makes_a_plan(officer: Any) -> None:
    with pytest.raises(AccessDenied):
        _plan(officer)


def test_a_plan_that_ends_before_it_starts_names_the_field(
    coordinator: Any,
) -> None:
    monday = next_monday()

    with pytest.raises(PlanDatesInvalid) as error:
        _plan(coordinator, starts_on=monday, ends_on=monday - timedelta(days=1))

    assert error.value.field == "ends_on"


def test_a_plan_longer_than_two_months_is_refused(coordinator: Any) -> None:
    monday = next_monday()

    with pytest.raises(PlanTooLong):
        _plan(coordinator, starts_on=monday, ends_on=monday + timedelta(days=70))


def test_a_plan_for_days_gone_is_refused(coordinator: Any) -> None:
    monday = next_monday() - timedelta(days=14)

    with pytest.raises(PlanInThePast):
        _plan(coordinator, starts_on=monday, ends_on=monday + timedelta(days=6))


def test_sending_tells_the_managers_once(coordinator: Any, team_manager: Any) -> None:
    plan = _plan(coordinator)

    told = services.send_plan(by=coordinator, plan=plan)

    assert told >= 1
    assert Notice.objects.filter(user=team_manager, key=f"plan-{plan.pk}").count() == 1


def test_accepting_asks_the_site_for_a_visit_in_its_slot(
    coordinator: Any, team_manager: Any
) -> None:
    plan = _plan(coordinator)
    services.send_plan(by=coordinator, plan=plan)
    mine = plan.assignments.filter(team__name=BT_CLUB).first()

    done = services.decide_assignment(by=team_manager, assignment=mine, accept=True)

    assert done.status == PlanAssignment.Status.ACCEPTED
    request = Visit.objects.get(pk=done.visit_id)
    assert request.status == Visit.Status.PENDING
    assert request.team.name == BT_CLUB
    assert request.site_id == mine.site_id
    local = request.starts_at.astimezone(timezone.get_current_timezone())
    slots = {(s.weekday, s.starts_at) for s in mine.site.slots.all()}
    assert (local.weekday(), local.time()) in slots
    assert plan.starts_on <= local.date() <= plan.ends_on


def test_declining_asks_for_nothing_and_cannot_be_answered_twice(
    coordinator: Any, team_manager: Any
) -> None:
    plan = _plan(coordinator)
    services.send_plan(by=coordinator, plan=plan)
    mine = plan.assignments.filter(team__name=BT_CLUB).first()

    services.decide_assignment(by=team_manager, assignment=mine, accept=False)

    mine.refresh_from_db()
    assert mine.status == PlanAssignment.Status.DECLINED
    assert mine.visit_id is None
    with pytest.raises(AssignmentAlreadyDecided):
        services.decide_assignment(by=team_manager, assignment=mine, accept=True)


def test_a_draft_plan_cannot_be_answered(coordinator: Any, team_manager: Any) -> None:
    plan = _plan(coordinator)
    mine = plan.assignments.filter(team__name=BT_CLUB).first()

    with pytest.raises(PlanNotSent):
        services.decide_assignment(by=team_manager, assignment=mine, accept=True)


def test_a_manager_of_another_team_cannot_answer(
    coordinator: Any, officer_university: Any
) -> None:
    plan = _plan(coordinator)
    services.send_plan(by=coordinator, plan=plan)
    mine = plan.assignments.filter(team__name=BT_CLUB).first()

    with pytest.raises(AccessDenied):
        services.decide_assignment(by=officer_university, assignment=mine, accept=True)


def test_accepting_outside_the_site_visiting_times_keeps_the_answer_without_a_visit(
    coordinator: Any, team_manager: Any
) -> None:
    # Ánh Dương welcomes visitors on Wednesday afternoons only; a weekend
    # plan can only propose a Saturday morning, which the site refuses.
    saturday = next_monday() + timedelta(days=5)
    plan = Plan.objects.create(
        name="Cuối tuần",
        starts_on=saturday,
        ends_on=saturday + timedelta(days=1),
        sent_at=timezone.now(),
    )
    suggestion = PlanAssignment.objects.create(
        plan=plan,
        team=Team.objects.get(name=BT_CLUB),
        site=Site.objects.get(name="Nhà mở Ánh Dương"),
        head_count=5,
    )

    done = services.decide_assignment(
        by=team_manager, assignment=suggestion, accept=True
    )

    assert done.status == PlanAssignment.Status.ACCEPTED
    assert done.visit_id is None
    assert not Visit.objects.filter(site=suggestion.site).exists()
