"""Changes to rounds, submissions and reviews. Every write goes through here."""

import logging
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.access.policy import Action, managed, require
from portal.accounts.models import User
from portal.notices.services import notify
from portal.rounds import snapshots
from portal.rounds.errors import (
    AlreadyApproved,
    AlreadySubmitted,
    CommentRequired,
    InvalidDates,
    InvalidLetter,
    NotAwaitingReview,
    NoUnitsAsked,
    RefusedRecords,
    RoundNotOpen,
    UnitOutsideScope,
    UnitsAlreadyAsked,
)
from portal.rounds.models import (
    Announcement,
    AnnouncementRead,
    Assignment,
    DuplicateDecision,
    Question,
    RecordComment,
    Round,
    StateChange,
    Submission,
)
from portal.units.models import Membership, Unit

logger = logging.getLogger(__name__)

LETTER_MAX_BYTES = 10 * 1024 * 1024
State = Assignment.State


def check_letter(letter: UploadedFile | None) -> None:
    """A PDF by its first bytes, not by the name it was given."""
    if letter is None:
        return
    if letter.size is not None and letter.size > LETTER_MAX_BYTES:
        raise InvalidLetter()
    letter.seek(0)
    head = letter.read(5)
    letter.seek(0)
    if head != b"%PDF-":
        raise InvalidLetter()


def officers_of(unit: Unit) -> Any:
    return User.objects.filter(
        is_active=True,
        memberships__unit=unit,
        memberships__role=Membership.Role.OFFICER,
    ).distinct()


def _log(
    assignment: Assignment,
    to_state: str,
    *,
    by: User | None,
    reason: str = "",
    submission: Submission | None = None,
) -> None:
    StateChange.objects.create(
        assignment=assignment,
        submission=submission,
        from_state=assignment.state,
        to_state=to_state,
        by=by,
        reason=reason,
    )
    assignment.state = to_state


# Rounds --------------------------------------------------------------


@transaction.atomic
def open_round(
    *,
    by: User,
    reference: str,
    title: str,
    lists: str = Round.Lists.BOTH,
    opens_on: date,
    due_on: date,
    focal_name: str,
    focal_phone: str,
    focal_email: str = "",
    letter: UploadedFile | None = None,
    reminder_days: str = "7,3,1",
    units: Iterable[Unit] = (),
    all_direct_units: bool = False,
    send_reminders: bool = True,
) -> Round:
    round = Round(
        reference=reference,
        title=title,
        lists=lists,
        opens_on=opens_on,
        due_on=due_on,
        focal_name=focal_name,
        focal_phone=focal_phone,
        focal_email=focal_email,
        reminder_days=reminder_days,
        created_by=by,
    )
    require(by, Action.CHANGE, round)
    if due_on < opens_on:
        raise InvalidDates()
    check_letter(letter)

    asked = {u.pk: u for u in units}
    if all_direct_units:
        for unit in Unit.objects.filter(depth=1, is_active=True):
            asked[unit.pk] = unit
    if not asked:
        raise NoUnitsAsked()

    if letter is not None:
        round.letter = letter
    round.save()
    Assignment.objects.bulk_create(
        [Assignment(round=round, unit_id=pk) for pk in asked]
    )
    logger.info("round %s opened by %s asking %s units", round.pk, by.pk, len(asked))
    if send_reminders and opens_on <= timezone.localdate():
        from portal.rounds.tasks import send_round_reminders

        transaction.on_commit(lambda: send_round_reminders.enqueue())
    return round


# What a version of the round records as its change, beside field names;
# the history page turns these into words.
LETTER_REPLACED = "letter-replaced"
LETTER_REMOVED = "letter-removed"
UNITS_ADDED = "units-added"


def _record(round: Round, *, by: User, changes: list[str]) -> None:
    """Say who changed the round and what, for the version saved next."""
    round._history_user = by
    # The history table keeps at most 100 characters of the reason.
    round._change_reason = ", ".join(changes)[:100]


@transaction.atomic
def update_round(*, by: User, round: Round, **changes: Any) -> Round:
    """Change a round's details; moving the deadline is extending it.

    ``letter`` is a PDF that takes the place of any earlier one, or
    ``False`` to remove the letter.
    """
    stored = Round.objects.select_for_update().get(pk=round.pk)
    require(by, Action.CHANGE, stored)
    letter = changes.pop("letter", None)
    check_letter(letter if isinstance(letter, UploadedFile) else None)
    for name, value in changes.items():
        setattr(stored, name, value)
    if stored.due_on < stored.opens_on:
        raise InvalidDates()

    what = sorted(changes)
    old_letter = stored.letter.name
    if isinstance(letter, UploadedFile):
        stored.letter = letter
        what.append(LETTER_REPLACED if old_letter else "letter")
    elif letter is False and old_letter:
        stored.letter = ""
        what.append(LETTER_REMOVED)
    _record(stored, by=by, changes=what)
    stored.save()

    if old_letter and stored.letter.name != old_letter:
        _delete_after_commit(stored.letter.storage, old_letter)
    logger.info("round %s changed by %s: %s", stored.pk, by.pk, what)
    return stored


def _delete_after_commit(storage: Any, name: str) -> None:
    # Only once the new state is committed: a rolled-back change must still
    # find its letter, and a failed delete leaves a stray file, not a hole.
    def delete() -> None:
        try:
            storage.delete(name)
        except OSError:
            logger.exception("could not delete the old letter %s", name)

    transaction.on_commit(delete)


def extend_round(*, by: User, round: Round, due_on: date) -> Round:
    return update_round(by=by, round=round, due_on=due_on)


def askable_units(by: User) -> Any:
    """Units a round may ask: open ones below the City Union, in scope."""
    return managed(by, Unit).filter(is_active=True, depth__gte=1)


@transaction.atomic
def ask_more_units(
    *,
    by: User,
    round: Round,
    units: Iterable[Unit] = (),
    all_direct_units: bool = False,
    send_notices: bool = True,
) -> list[Assignment]:
    """Ask more units once the round is open; returns the units newly asked.

    Units already asked are left as they are. The new ones are told as
    the units asked at opening were, once the round has opened.
    """
    # The lock makes two coordinators adding units at once take turns, so
    # each sees what the other added and the counts they are shown add up.
    stored = Round.objects.select_for_update().get(pk=round.pk)
    require(by, Action.CHANGE, stored)
    chosen = {u.pk for u in units}
    if all_direct_units:
        chosen |= set(
            Unit.objects.filter(depth=1, is_active=True).values_list("pk", flat=True)
        )
    if not chosen:
        raise NoUnitsAsked()
    allowed = set(askable_units(by).filter(pk__in=chosen).values_list("pk", flat=True))
    if chosen - allowed:
        raise UnitOutsideScope()
    asked = set(stored.assignments.values_list("unit_id", flat=True))
    new = sorted(chosen - asked)
    if not new:
        raise UnitsAlreadyAsked()

    Assignment.objects.bulk_create(
        [Assignment(round=stored, unit_id=pk) for pk in new], ignore_conflicts=True
    )
    added = list(
        stored.assignments.filter(unit_id__in=new)
        .select_related("unit")
        .order_by("unit__path")
    )
    reason = _("Asked after the round was opened")
    StateChange.objects.bulk_create(
        [
            StateChange(
                assignment=a,
                from_state=a.state,
                to_state=a.state,
                by=by,
                reason=reason,
            )
            for a in added
        ]
    )
    _record(stored, by=by, changes=[f"{UNITS_ADDED}:{len(added)}"])
    stored.save()
    logger.info("round %s: %s more units asked by %s", stored.pk, len(added), by.pk)

    if send_notices and stored.is_open_on(timezone.localdate()):
        from portal.rounds.tasks import send_welcome_notices

        unit_ids = [a.unit_id for a in added]
        transaction.on_commit(lambda: send_welcome_notices.enqueue(stored.pk, unit_ids))
    return added


# A unit's side -------------------------------------------------------


@transaction.atomic
def start(*, by: User, assignment: Assignment) -> Assignment:
    """The unit has begun updating its lists for this round."""
    locked = Assignment.objects.select_for_update().get(pk=assignment.pk)
    require(by, Action.CHANGE, locked)
    if locked.state == State.NOT_STARTED:
        _log(locked, State.IN_PROGRESS, by=by)
        locked.save(update_fields=["state", "updated_at"])
    return locked


def _lock_assignments(pks: list[int]) -> dict[int, Assignment]:
    # Locking the assignment rows serialises two officers of one unit who
    # press "submit" at the same moment: the second waits, then sees the
    # first one's submission and is refused. The partial unique index on
    # submissions is the backstop should a lock ever be skipped.
    rows = (
        Assignment.objects.select_for_update()
        .filter(pk__in=pks)
        .select_related("unit", "round")
        .order_by("pk")
    )
    return {a.pk: a for a in rows}


def _check_can_submit(assignment: Assignment) -> None:
    if assignment.state == State.SUBMITTED:
        raise AlreadySubmitted()
    if assignment.state == State.APPROVED:
        raise AlreadyApproved()


@transaction.atomic
def submit(
    *, by: User, assignment: Assignment, include_branches: bool = False
) -> list[Submission]:
    """Freeze the unit's lists (and, if asked, its branches') as sent now.

    Returns the submissions made, the unit's own first. Nothing is saved
    when any record is refused or any unit cannot submit.
    """
    require(by, Action.CHANGE, assignment)
    round = assignment.round
    now = timezone.now()
    if not round.is_open_on(timezone.localdate(now)):
        raise RoundNotOpen()

    siblings = Assignment.objects.filter(round=round).select_related("unit")
    asked_paths = [a.unit.path for a in siblings]
    targets = [assignment.pk]
    if include_branches:
        targets += [
            a.pk
            for a in siblings
            if a.pk != assignment.pk
            and a.unit.path.startswith(assignment.unit.path)
            and a.state not in (State.SUBMITTED, State.APPROVED)
        ]
    locked = _lock_assignments(targets)
    _check_can_submit(locked[assignment.pk])

    plans = []
    refused = []
    for pk in targets:
        target = locked[pk]
        if pk != assignment.pk and target.state in (State.SUBMITTED, State.APPROVED):
            continue
        skip = snapshots.asked_below(target.unit, asked_paths)
        lists = {
            kind: snapshots.collect(kind, target.unit, skip) for kind in round.kinds
        }
        for kind, entries in lists.items():
            refused += snapshots.refusals(kind, entries)
        plans.append((target, lists))
    if refused:
        raise RefusedRecords(refused)

    made: list[Submission] = []
    for target, lists in plans:
        made.append(
            _freeze(
                by=by,
                assignment=target,
                lists=lists,
                now=now,
                sent_with=made[0] if made else None,
            )
        )
    logger.info(
        "assignment %s submitted by %s (%s submissions)",
        assignment.pk,
        by.pk,
        len(made),
    )
    return made


def _freeze(
    *,
    by: User,
    assignment: Assignment,
    lists: dict[str, list[dict]],
    now: Any,
    sent_with: Submission | None,
) -> Submission:
    last = assignment.submissions.aggregate(n=Max("number"))["n"] or 0
    late = assignment.round.is_late_at(now)
    teams, sites = lists.get("teams", []), lists.get("sites", [])
    try:
        with transaction.atomic():
            submission = Submission.objects.create(
                assignment=assignment,
                number=last + 1,
                submitted_by=by,
                submitted_at=now,
                is_late=late,
                teams=teams,
                sites=sites,
                team_count=len(teams),
                site_count=len(sites),
                sent_with=sent_with,
            )
    except IntegrityError:
        raise AlreadySubmitted() from None

    reason = _("Sent for the parent unit") if sent_with else ""
    _log(assignment, State.SUBMITTED, by=by, submission=submission, reason=reason)
    assignment.submitted_at = now
    assignment.is_late = late
    assignment.team_count = len(teams)
    assignment.site_count = len(sites)
    assignment.save()
    return submission


@transaction.atomic
def withdraw(*, by: User, submission: Submission, reason: str = "") -> Submission:
    """Take back a submission that has not been reviewed yet."""
    assignment = _lock_assignments([submission.assignment_id])[submission.assignment_id]
    require(by, Action.CHANGE, assignment)
    stored = Submission.objects.select_for_update().get(pk=submission.pk)
    if stored.status != Submission.Status.SUBMITTED:
        raise NotAwaitingReview()
    stored.status = Submission.Status.WITHDRAWN
    stored.save(update_fields=["status"])
    _log(assignment, State.IN_PROGRESS, by=by, submission=stored, reason=reason)
    assignment.save(update_fields=["state", "updated_at"])
    logger.info("submission %s withdrawn by %s", stored.pk, by.pk)
    return stored


# Review --------------------------------------------------------------


def _lock_for_review(by: User, submission: Submission) -> tuple[Assignment, Submission]:
    assignment = _lock_assignments([submission.assignment_id])[submission.assignment_id]
    require(by, Action.CHANGE, assignment.round)
    stored = Submission.objects.select_for_update().get(pk=submission.pk)
    # The unit may have withdrawn it while the reviewer was reading.
    if stored.status != Submission.Status.SUBMITTED:
        raise NotAwaitingReview()
    return assignment, stored


@transaction.atomic
def approve(*, by: User, submission: Submission, note: str = "") -> Submission:
    assignment, stored = _lock_for_review(by, submission)
    stored.status = Submission.Status.APPROVED
    stored.reviewed_by = by
    stored.reviewed_at = timezone.now()
    stored.review_note = note
    stored.save()
    _log(assignment, State.APPROVED, by=by, submission=stored, reason=note)
    assignment.save(update_fields=["state", "updated_at"])
    logger.info("submission %s approved by %s", stored.pk, by.pk)
    return stored


@transaction.atomic
def return_submission(
    *,
    by: User,
    submission: Submission,
    note: str = "",
    comments: Iterable[tuple[str, int, str]] = (),
) -> Submission:
    """Send a submission back with an overall note and comments per record."""
    assignment, stored = _lock_for_review(by, submission)
    names = {
        (kind, e["id"]): e["record"].get("name", "")
        for kind in ("teams", "sites")
        for e in stored.records(kind)
    }
    rows = [
        RecordComment(
            submission=stored,
            kind=kind,
            record_id=record_id,
            record_name=names.get((kind, record_id), "")[:200],
            text=text.strip(),
        )
        for kind, record_id, text in comments
        if text.strip() and (kind, record_id) in names
    ]
    if not note.strip() and not rows:
        raise CommentRequired()
    RecordComment.objects.bulk_create(rows)
    stored.status = Submission.Status.RETURNED
    stored.reviewed_by = by
    stored.reviewed_at = timezone.now()
    stored.review_note = note
    stored.save()
    _log(assignment, State.RETURNED, by=by, submission=stored, reason=note)
    assignment.save(update_fields=["state", "updated_at"])

    round = assignment.round
    notify(
        officers_of(assignment.unit),
        title=_("Round %(ref)s: your submission was returned")
        % {"ref": round.reference},
        body=_("%(unit)s: fix what the reviewer noted, then submit again. %(note)s")
        % {"unit": assignment.unit.name, "note": note},
        url=reverse("rounds:assignment", args=[assignment.pk]),
        key=f"round-{round.pk}-submission-{stored.pk}-returned",
    )
    logger.info("submission %s returned by %s", stored.pk, by.pk)
    return stored


# Questions, announcements, duplicates --------------------------------


@transaction.atomic
def ask_question(*, by: User, assignment: Assignment, text: str) -> Question:
    require(by, Action.CHANGE, assignment)
    question = Question.objects.create(
        round=assignment.round, unit=assignment.unit, asked_by=by, text=text.strip()
    )
    round = assignment.round
    focal = User.objects.filter(email__iexact=round.focal_email).first()
    if focal is not None:
        notify(
            [focal],
            title=_("Round %(ref)s: a new question") % {"ref": round.reference},
            body=text[:500],
            url=reverse("rounds:detail", args=[round.pk]),
            key=f"round-{round.pk}-question-{question.pk}",
        )
    return question


@transaction.atomic
def answer_question(*, by: User, question: Question, answer: str) -> Question:
    require(by, Action.CHANGE, question.round)
    question.answer = answer.strip()
    question.answered_by = by
    question.answered_at = timezone.now()
    question.save()
    notify(
        [question.asked_by] if question.asked_by else [],
        title=_("Round %(ref)s: your question was answered")
        % {"ref": question.round.reference},
        body=question.answer[:500],
        url=reverse("rounds:detail", args=[question.round_id]),
        key=f"round-question-{question.pk}-answered",
    )
    return question


@transaction.atomic
def post_announcement(
    *,
    by: User,
    title: str,
    body: str,
    units: Iterable[Unit],
    round: Round | None = None,
) -> Announcement:
    chosen = list(units)
    if not chosen:
        raise NoUnitsAsked()
    announcement = Announcement(round=round, title=title, body=body, created_by=by)
    require(by, Action.CHANGE, announcement)
    announcement.save()
    announcement.units.set(chosen)
    readers = User.objects.filter(
        is_active=True,
        memberships__unit__in=chosen,
        memberships__role=Membership.Role.OFFICER,
    ).distinct()
    notify(
        readers,
        title=title,
        body=body[:1000],
        url=reverse("rounds:announcements"),
        key=f"announcement-{announcement.pk}",
    )
    return announcement


def mark_announcement_read(*, by: User, announcement: Announcement) -> None:
    AnnouncementRead.objects.get_or_create(announcement=announcement, user=by)


@transaction.atomic
def decide_duplicate(
    *, by: User, round: Round, kind: str, first: str, second: str, decision: str
) -> DuplicateDecision:
    require(by, Action.CHANGE, round)
    row, _created = DuplicateDecision.objects.update_or_create(
        round=round,
        kind=kind,
        first=first,
        second=second,
        defaults={"decision": decision, "by": by, "at": timezone.now()},
    )
    return row
