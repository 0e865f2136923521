"""Reads for rounds: a unit's rounds, the follow-up board, progress, history."""

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Exists, F, Min, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from portal.access.policy import managed, scope_of, visible
from portal.lib.text import fold
from portal.rounds import snapshots
from portal.rounds.models import (
    Announcement,
    AnnouncementRead,
    Assignment,
    Question,
    Round,
    StateChange,
    Submission,
)

State = Assignment.State

SORTS = {
    "unit": ("unit__name", "pk"),
    "-unit": ("-unit__name", "-pk"),
    "state": ("state", "unit__name"),
    "-state": ("-state", "unit__name"),
    "submitted": (F("submitted_at").asc(nulls_last=True), "unit__name"),
    "-submitted": (F("submitted_at").desc(nulls_last=True), "unit__name"),
    "teams": ("team_count", "unit__name"),
    "-teams": ("-team_count", "unit__name"),
    "sites": ("site_count", "unit__name"),
    "-sites": ("-site_count", "unit__name"),
}


def rounds_for(user: Any) -> QuerySet[Round]:
    # Distinct: an officer over several asked units matches a round once
    # per unit through the join.
    return visible(user, Round).distinct().order_by("-opens_on", "-pk")


def assignments_for(user: Any) -> QuerySet[Assignment]:
    """The asked units in the user's own scope, newest rounds first."""
    return (
        managed(user, Assignment)
        .select_related("round", "unit")
        .order_by("-round__opens_on", "-round_id", "unit__path")
    )


@dataclass(frozen=True)
class BoardFilters:
    state: str = ""
    timing: str = ""  # "on_time", "late" or ""
    query: str = ""
    sort: str = "unit"

    @classmethod
    def from_params(cls, params: Any) -> "BoardFilters":
        state = params.get("state", "")
        timing = params.get("timing", "")
        sort = params.get("sort", "unit")
        return cls(
            state=state if state in State.values else "",
            timing=timing if timing in ("on_time", "late") else "",
            query=params.get("q", "").strip()[:100],
            sort=sort if sort in SORTS else "unit",
        )


def board_rows(user: Any, round: Round, filters: BoardFilters) -> QuerySet[Assignment]:
    qs = managed(user, Assignment).filter(round=round).select_related("unit")
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.timing == "late":
        qs = qs.filter(is_late=True, submitted_at__isnull=False)
    elif filters.timing == "on_time":
        qs = qs.filter(is_late=False, submitted_at__isnull=False)
    if filters.query:
        qs = qs.filter(unit__name_folded__contains=fold(filters.query))
    return qs.order_by(*SORTS[filters.sort])


# Bootstrap colours of the state badges, as in the "_state.html" include.
BADGES = {
    State.NOT_STARTED: "text-bg-secondary",
    State.IN_PROGRESS: "text-bg-info",
    State.SUBMITTED: "text-bg-primary",
    State.RETURNED: "text-bg-warning",
    State.APPROVED: "text-bg-success",
}


@dataclass(frozen=True)
class BoardRow:
    """One line of the board, its texts ready: 200 of them render quickly."""

    url: str
    code: str
    name: str
    state: str
    state_label: str
    badge: str
    submitted: str
    late: bool
    teams: int
    sites: int


def board_table(user: Any, round: Round, filters: BoardFilters) -> list[BoardRow]:
    rows = board_rows(user, round, filters).values_list(
        "pk",
        "unit__code",
        "unit__name",
        "state",
        "submitted_at",
        "is_late",
        "team_count",
        "site_count",
    )
    labels = {value: str(label) for value, label in State.choices}
    # One reverse for the whole table; the id goes where the marker is.
    url = reverse("rounds:assignment", args=[999999999]).replace("999999999", "{}")
    table = []
    for pk, code, name, state, submitted_at, late, teams, sites in rows:
        submitted = ""
        if submitted_at is not None:
            submitted = timezone.localtime(submitted_at).strftime("%d/%m/%Y %H:%M")
        table.append(
            BoardRow(
                url=url.format(pk),
                code=code,
                name=name,
                state=state,
                state_label=labels[state],
                badge=BADGES[state],
                submitted=submitted,
                late=late and submitted_at is not None,
                teams=teams,
                sites=sites,
            )
        )
    return table


def progress(user: Any, round: Round) -> dict[str, Any]:
    """Counts by state and the share done, over the rows the user may see."""
    rows = managed(user, Assignment).filter(round=round)
    by_state = dict.fromkeys(State.values, 0)
    late = 0
    # One query: the late ones counted alongside, state by state.
    counts = (
        rows.order_by()
        .values_list("state")
        .annotate(
            n=Count("pk"),
            late=Count("pk", filter=Q(is_late=True, submitted_at__isnull=False)),
        )
    )
    for state, n, late_in_state in counts:
        by_state[state] = n
        late += late_in_state
    total = sum(by_state.values())
    done = by_state[State.SUBMITTED] + by_state[State.APPROVED]
    return {
        "total": total,
        "done": done,
        "late": late,
        "percent": round_percent(done, total),
        "by_state": by_state,
    }


def round_percent(part: int, total: int) -> int:
    return round(100 * part / total) if total else 0


def done_over_time(user: Any, round: Round) -> list[dict[str, Any]]:
    """Units that had sent something, day by day (first submission counts)."""
    # The state log, not the submissions: its rows are small, while a
    # submission row carries its whole snapshot.
    firsts = (
        StateChange.objects.filter(
            assignment__in=managed(user, Assignment).filter(round=round),
            to_state=State.SUBMITTED,
        )
        .values("assignment_id")
        .annotate(first=Min("at"))
        .values_list("first", flat=True)
    )
    days = Counter(timezone.localtime(moment).date() for moment in firsts)
    points, running = [], 0
    for day in sorted(days):
        running += days[day]
        points.append({"day": day.isoformat(), "done": running})
    return points


@dataclass(frozen=True)
class Missing:
    kinds: list[str]
    refusals: list[snapshots.Refusal]


def missing_for(assignment: Assignment) -> Missing:
    """What the unit still has to do: lists not sent, records it must fix."""
    if assignment.is_done:
        return Missing(kinds=[], refusals=[])
    asked = list(assignment.round.assignments.values_list("unit__path", flat=True))
    skip = snapshots.asked_below(assignment.unit, asked)
    refusals: list[snapshots.Refusal] = []
    for kind in assignment.round.kinds:
        entries = snapshots.collect(kind, assignment.unit, skip)
        refusals += snapshots.refusals(kind, entries)
    return Missing(kinds=assignment.round.kinds, refusals=refusals)


def branches_of(assignment: Assignment) -> QuerySet[Assignment]:
    """Asked units below this one in the same round, with their states."""
    return (
        Assignment.objects.filter(
            round=assignment.round, unit__path__startswith=assignment.unit.path
        )
        .exclude(pk=assignment.pk)
        .select_related("unit")
        .order_by("unit__path")
    )


def previous_submission(submission: Submission) -> Submission | None:
    return (
        Submission.objects.filter(
            assignment=submission.assignment, number__lt=submission.number
        )
        .exclude(status=Submission.Status.WITHDRAWN)
        .order_by("-number")
        .first()
    )


def questions_for(user: Any, round: Round) -> QuerySet[Question]:
    return (
        visible(user, Question)
        .filter(round=round)
        .select_related("unit", "asked_by")
        .order_by("answered_at", "-asked_at")
    )


def announcements_for(user: Any) -> QuerySet[Announcement]:
    """Announcements for the user's units, unread first, newest first."""
    read = AnnouncementRead.objects.filter(
        announcement=OuterRef("pk"), user_id=getattr(user, "pk", None)
    )
    qs = visible(user, Announcement)
    if not scope_of(user).is_coordinator:
        qs = qs.distinct()
    return qs.annotate(is_read=Exists(read)).order_by("is_read", "-created_at", "-pk")


def unread_announcements(user: Any) -> int:
    return announcements_for(user).filter(is_read=False).count()


def deadline_days_left(round: Round, today: date | None = None) -> int:
    today = today or timezone.localdate()
    return (round.due_on - today).days
