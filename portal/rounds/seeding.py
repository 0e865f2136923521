"""Collection rounds for the demo set and for the city-sized benchmark set.

The demo round goes through the services, as people would run it. The
city round asks 200 direct units and gives them varied states with bulk
inserts, each submission holding the unit's real records.
"""

import datetime as dt
import logging
import random

from django.db import transaction
from django.utils import timezone

from portal.accounts.models import User
from portal.rounds import services, snapshots
from portal.rounds.models import Assignment, Round, StateChange, Submission
from portal.units.models import Unit

logger = logging.getLogger(__name__)

DEMO_REFERENCE = "DEMO-01/TĐTN-BMT"
CITY_REFERENCE = "CITY-200/TĐTN-BMT"
CITY_ROUND_MARKER = "city-scale-rounds-done"
CITY_UNITS_ASKED = 200

State = Assignment.State


@transaction.atomic
def seed_demo_round() -> Round | None:
    """A round open today asking the demo's direct units; one has submitted."""
    if Round.objects.filter(reference=DEMO_REFERENCE).exists():
        return None
    coordinator = User.objects.filter(
        memberships__role="coordinator", is_active=True
    ).first()
    officer = User.objects.filter(
        memberships__unit__code="doan-p-ben-thanh", memberships__role="officer"
    ).first()
    if coordinator is None:
        return None

    today = timezone.localdate()
    round = services.open_round(
        by=coordinator,
        reference=DEMO_REFERENCE,
        title="Rà soát, cập nhật danh sách CLB, đội, nhóm và địa chỉ tình nguyện",
        lists=Round.Lists.BOTH,
        opens_on=today - dt.timedelta(days=5),
        due_on=today + dt.timedelta(days=10),
        focal_name=coordinator.full_name,
        focal_phone=coordinator.phone or "0901000001",
        focal_email=coordinator.email,
        all_direct_units=True,
        # The demo set is loaded for every test: it must not send mail.
        send_reminders=False,
    )
    if officer is not None:
        assignment = round.assignments.get(unit__code="doan-p-ben-thanh")
        services.submit(by=officer, assignment=assignment)
    return round


def seed_city_round(rng: random.Random) -> Round:
    """A round asking 200 direct units, in every state, some late."""
    root = Unit.objects.get(depth=0, parent__isnull=True, code="thanh-doan")
    units = list(
        Unit.objects.filter(parent=root, is_active=True).order_by("path")[
            :CITY_UNITS_ASKED
        ]
    )
    coordinator = User.objects.filter(memberships__role="coordinator").first()
    today = timezone.localdate()
    round = Round.objects.create(
        reference=CITY_REFERENCE,
        title="Rà soát toàn thành phố (dữ liệu đo hiệu năng)",
        lists=Round.Lists.BOTH,
        opens_on=today - dt.timedelta(days=20),
        due_on=today - dt.timedelta(days=2),
        focal_name="Nguyễn Thị Điều Phối",
        focal_phone="0901000001",
        created_by=coordinator,
    )
    assignments = Assignment.objects.bulk_create(
        [Assignment(round=round, unit=unit) for unit in units]
    )
    asked_paths = [unit.path for unit in units]
    states = (
        [State.APPROVED] * 30
        + [State.SUBMITTED] * 25
        + [State.RETURNED] * 10
        + [State.IN_PROGRESS] * 15
        + [State.NOT_STARTED] * 20
    )
    submissions, changes = [], []
    opened = round.deadline - dt.timedelta(days=19)
    for assignment, unit in zip(assignments, units, strict=True):
        state = rng.choice(states)
        assignment.unit = unit
        if state in (State.NOT_STARTED, State.IN_PROGRESS):
            assignment.state = state
            continue
        moment = opened + dt.timedelta(hours=rng.randint(1, 21 * 24))
        skip = snapshots.asked_below(unit, asked_paths)
        teams = snapshots.collect("teams", unit, skip)
        sites = snapshots.collect("sites", unit, skip)
        status = {
            State.APPROVED: Submission.Status.APPROVED,
            State.SUBMITTED: Submission.Status.SUBMITTED,
            State.RETURNED: Submission.Status.RETURNED,
        }[state]
        late = round.is_late_at(moment)
        submissions.append(
            Submission(
                assignment=assignment,
                number=1,
                status=status,
                submitted_by=coordinator,
                submitted_at=moment,
                is_late=late,
                teams=teams,
                sites=sites,
                team_count=len(teams),
                site_count=len(sites),
            )
        )
        changes.append(
            StateChange(
                assignment=assignment,
                from_state=State.NOT_STARTED,
                to_state=State.SUBMITTED,
                at=moment,
            )
        )
        assignment.state = state
        assignment.submitted_at = moment
        assignment.is_late = late
        assignment.team_count = len(teams)
        assignment.site_count = len(sites)
    Assignment.objects.bulk_update(
        assignments,
        ["state", "submitted_at", "is_late", "team_count", "site_count"],
        batch_size=500,
    )
    Submission.objects.bulk_create(submissions, batch_size=50)
    StateChange.objects.bulk_create(changes, batch_size=500)
    logger.info(
        "city round %s: %s units asked, %s submissions",
        round.pk,
        len(assignments),
        len(submissions),
    )
    return round


def seed_city_rounds(rng: random.Random) -> None:
    """The city stage: the round, then the marker saying it is done."""
    from portal.units.services import create_unit

    seed_city_round(rng)
    create_unit(
        by=None,
        code=CITY_ROUND_MARKER,
        name="·",
        kind="other",
        parent=Unit.objects.get(code="thanh-doan"),
        is_active=False,
    )
