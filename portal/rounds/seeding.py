"""Collection rounds for the demo set and for the city-sized benchmark set.

The demo round goes through the services, as people would run it. The
city round asks 200 direct units and gives them varied states with bulk
inserts, each submission holding the unit's real records. The merged
round asks for Mẫu 1 only and every snapshot in it is approved, together
holding 10,000 teams: the city's merged list at its target size.
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
# A new marker whenever the stage grows, so that an older benchmark
# database catches up (each round below is seeded only if missing).
CITY_ROUND_MARKER = "city-scale-rounds-merged-done"
CITY_UNITS_ASKED = 200
MERGED_REFERENCE = "CITY-10K/TĐTN-BMT"
MERGED_TEAMS = 10_000
MERGED_DUPLICATES = 100

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


def seed_merged_round(
    total: int = MERGED_TEAMS, duplicates: int = MERGED_DUPLICATES
) -> Round:
    """A Mẫu 1 round every direct unit answered, approved: ``total`` teams.

    Each unit's snapshot holds its real records. The city holds about
    10,000 teams; the total is made exactly ``total`` by leaving out the
    last records, or by sending records again under new source ids when
    short. ``duplicates`` of them are a team another unit also sent, as
    when a ward and a school both list the same club.
    """
    root = Unit.objects.get(depth=0, parent__isnull=True, code="thanh-doan")
    units = list(Unit.objects.filter(parent=root, is_active=True).order_by("path"))
    coordinator = User.objects.filter(memberships__role="coordinator").first()
    today = timezone.localdate()
    round = Round.objects.create(
        reference=MERGED_REFERENCE,
        title="Tổng hợp Mẫu 1 toàn thành phố (dữ liệu đo hiệu năng)",
        lists=Round.Lists.TEAMS,
        opens_on=today - dt.timedelta(days=40),
        due_on=today - dt.timedelta(days=10),
        focal_name="Nguyễn Thị Điều Phối",
        focal_phone="0901000001",
        created_by=coordinator,
    )
    assignments = Assignment.objects.bulk_create(
        [Assignment(round=round, unit=unit) for unit in units]
    )
    asked_paths = [unit.path for unit in units]
    snapshots_by_unit = [
        snapshots.collect("teams", unit, snapshots.asked_below(unit, asked_paths))
        for unit in units
    ]
    _fit_to(snapshots_by_unit, total, duplicates)

    moment = round.deadline - dt.timedelta(days=12)
    submissions = []
    for assignment, teams in zip(assignments, snapshots_by_unit, strict=True):
        submissions.append(
            Submission(
                assignment=assignment,
                number=1,
                status=Submission.Status.APPROVED,
                submitted_by=coordinator,
                submitted_at=moment,
                reviewed_by=coordinator,
                reviewed_at=moment,
                teams=teams,
                team_count=len(teams),
            )
        )
        assignment.state = State.APPROVED
        assignment.submitted_at = moment
        assignment.team_count = len(teams)
    Assignment.objects.bulk_update(
        assignments, ["state", "submitted_at", "team_count"], batch_size=500
    )
    Submission.objects.bulk_create(submissions, batch_size=20)
    logger.info(
        "merged round %s: %s units, %s teams",
        round.pk,
        len(assignments),
        sum(len(teams) for teams in snapshots_by_unit),
    )
    return round


def _fit_to(lists: list[list[snapshots.Entry]], total: int, duplicates: int) -> None:
    """Trim or repeat the records so that the lists hold ``total`` in all,
    ``duplicates`` of them copies of another list's records."""
    duplicates = min(duplicates, total // 2)
    if sum(1 for entries in lists if entries) < 2:
        duplicates = 0
    originals = [list(entries) for entries in lists]
    own = total - duplicates
    have = sum(len(entries) for entries in lists)
    extra_id = -1
    while have < own and any(originals):
        for entries, source in zip(lists, originals, strict=True):
            for entry in source[: own - have]:
                entries.append({**entry, "id": extra_id})
                extra_id -= 1
                have += 1
    for entries in reversed(lists):
        if have <= own:
            break
        cut = min(have - own, len(entries))
        del entries[len(entries) - cut :]
        have -= cut

    # Copies of records still sent, so that each one makes a pair.
    kept = [list(entries) for entries in lists]
    givers = [index for index, entries in enumerate(kept) if entries]
    for n in range(duplicates if givers else 0):
        giver = givers[n % len(givers)]
        entry = kept[giver][n // len(givers) % len(kept[giver])]
        lists[(giver + 1) % len(lists)].append({**entry, "id": extra_id})
        extra_id -= 1


def seed_city_rounds(rng: random.Random) -> None:
    """The city stage: the rounds, then the marker saying it is done."""
    from portal.units.services import create_unit

    if not Round.objects.filter(reference=CITY_REFERENCE).exists():
        seed_city_round(rng)
    if not Round.objects.filter(reference=MERGED_REFERENCE).exists():
        seed_merged_round()
    create_unit(
        by=None,
        code=CITY_ROUND_MARKER,
        name="·",
        kind="other",
        parent=Unit.objects.get(code="thanh-doan"),
        is_active=False,
    )
