"""Making a city plan, sending it to teams, and teams answering it."""

import logging
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.access.policy import Action, require, scope_of
from portal.coordination.models import Visit
from portal.coordination.services import ask_visit
from portal.core.errors import AccessDenied, NotFound, PortalError
from portal.notices.services import notify
from portal.planning import planner
from portal.planning.errors import (
    AssignmentAlreadyDecided,
    PlanAlreadySent,
    PlanDatesInvalid,
    PlanInThePast,
    PlanNotSent,
    PlanTooLong,
)
from portal.planning.models import Plan, PlanAssignment
from portal.teams.models import TeamMembership

logger = logging.getLogger(__name__)

MAX_PLAN_DAYS = 62
# When the site has written no visiting slot, the plan proposes a
# Saturday morning, when most sites welcome volunteers.
DEFAULT_WEEKDAY = 5
DEFAULT_START = time(8, 0)
DEFAULT_END = time(11, 0)


def check_dates(starts_on: date, ends_on: date, *, today: date) -> None:
    if ends_on < starts_on:
        raise PlanDatesInvalid()
    if (ends_on - starts_on).days + 1 > MAX_PLAN_DAYS:
        raise PlanTooLong()
    if starts_on < today:
        raise PlanInThePast()


def create_plan(
    *,
    by: Any,
    name: str,
    starts_on: date,
    ends_on: date,
    focus_percent: int = 100,
) -> Plan:
    """Solve the plan and keep it with its pairs, as proposals."""
    if not scope_of(by).is_coordinator:
        raise AccessDenied()
    today = timezone.localdate()
    check_dates(starts_on, ends_on, today=today)

    result = planner.compute(
        starts_on=starts_on, ends_on=ends_on, focus_percent=focus_percent, today=today
    )
    with transaction.atomic():
        plan = Plan.objects.create(
            name=name.strip() or _("Plan %(from)s") % {"from": starts_on},
            starts_on=starts_on,
            ends_on=ends_on,
            focus_percent=focus_percent,
            created_by=by,
            team_count=result.team_count,
            site_count=result.site_count,
            covered_sites=result.covered_sites,
            gini_before=result.gini_before,
            gini_with_plan=result.gini_with_plan,
            solve_ms=round(result.solve_ms),
        )
        PlanAssignment.objects.bulk_create(
            [
                PlanAssignment(
                    plan=plan,
                    team_id=v.team_id,
                    site_id=v.site_id,
                    distance_km=v.distance_km,
                    neglect=v.neglect,
                    fit=v.fit,
                    head_count=v.head_count,
                )
                for v in result.visits
            ],
            batch_size=2000,
        )
    logger.info(
        "plan %s made by user %s: %s visits", plan.pk, by.pk, len(result.visits)
    )
    return plan


@transaction.atomic
def send_plan(*, by: Any, plan: Plan) -> int:
    """Tell the managers of every team in the plan; returns how many."""
    if not scope_of(by).is_coordinator:
        raise AccessDenied()
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.sent_at is not None:
        raise PlanAlreadySent()
    plan.sent_at = timezone.now()
    plan.save(update_fields=["sent_at"])

    team_ids = plan.assignments.values("team_id")
    managers = TeamMembership.objects.filter(
        team_id__in=team_ids, role=TeamMembership.Role.MANAGER
    ).select_related("user", "team")
    url = reverse("planning:my_suggestions")
    told = notify(
        [m.user for m in managers],
        title=_("The city suggests sites for your team to visit"),
        body=_("%(plan)s, %(from)s to %(to)s: accept or decline each site.")
        % {"plan": plan.name, "from": plan.starts_on, "to": plan.ends_on},
        url=url,
        key=f"plan-{plan.pk}",
    )
    logger.info("plan %s sent by user %s to %s managers", plan.pk, by.pk, len(told))
    return len(told)


@transaction.atomic
def decide_assignment(
    *, by: Any, assignment: PlanAssignment, accept: bool
) -> PlanAssignment:
    """The team accepts or declines; accepting asks the site for a visit."""
    require(by, Action.CHANGE, assignment)
    assignment = (
        PlanAssignment.objects.select_for_update()
        .select_related("plan", "site", "team")
        .get(pk=assignment.pk)
    )
    if assignment.plan.sent_at is None:
        raise PlanNotSent()
    if assignment.status != PlanAssignment.Status.PROPOSED:
        raise AssignmentAlreadyDecided()

    assignment.status = (
        PlanAssignment.Status.ACCEPTED if accept else PlanAssignment.Status.DECLINED
    )
    assignment.decided_by = by
    assignment.decided_at = timezone.now()
    if accept:
        assignment.visit = _ask_for_visit(by=by, assignment=assignment)
    assignment.save(update_fields=["status", "decided_by", "decided_at", "visit"])
    logger.info(
        "plan assignment %s %s by user %s",
        assignment.pk,
        assignment.status,
        by.pk,
    )
    return assignment


def proposed_time(
    assignment: PlanAssignment, *, now: datetime | None = None
) -> tuple[datetime, datetime]:
    """The site's first visiting slot still ahead within the plan's days,
    else a Saturday morning (the plan's last day if it has no Saturday)."""
    plan = assignment.plan
    now = now or timezone.now()
    slots = list(assignment.site.slots.all())
    tz = timezone.get_current_timezone()
    first = max(plan.starts_on, timezone.localdate(now))
    day = first
    while day <= plan.ends_on:
        for slot in slots:
            starts = datetime.combine(day, slot.starts_at, tzinfo=tz)
            if slot.weekday == day.weekday() and starts > now:
                return starts, datetime.combine(day, slot.ends_at, tzinfo=tz)
        day += timedelta(days=1)
    day = first
    while day.weekday() != DEFAULT_WEEKDAY and day < plan.ends_on:
        day += timedelta(days=1)
    return (
        datetime.combine(day, DEFAULT_START, tzinfo=tz),
        datetime.combine(day, DEFAULT_END, tzinfo=tz),
    )


def _ask_for_visit(*, by: Any, assignment: PlanAssignment) -> Any:
    """Ask the site for the visit, as the team would ask itself.

    The city suggested the pair, so a soft clash (another team the same
    day) is taken as confirmed; when the site's own limits refuse the time,
    the acceptance still stands and the team picks another time on the
    site's calendar.
    """
    starts_at, ends_at = proposed_time(assignment)
    try:
        with transaction.atomic():
            return ask_visit(
                by=by,
                team=assignment.team,
                site=assignment.site,
                starts_at=starts_at,
                ends_at=ends_at,
                head_count=max(1, assignment.head_count),
                purpose=Visit.Purpose.CARE,
                note=_("Suggested by the city plan: %(plan)s")
                % {"plan": assignment.plan},
                confirm_clash=True,
            )
    except (AccessDenied, NotFound):
        raise
    except PortalError as refused:
        logger.info(
            "plan assignment %s accepted without a visit: %s",
            assignment.pk,
            refused.code,
        )
        return None
