import datetime as dt
from typing import Any

import pytest

from portal.rounds import merging, services
from portal.rounds.errors import (
    AlreadyApproved,
    AlreadySubmitted,
    CommentRequired,
    NotAwaitingReview,
    RefusedRecords,
    RoundNotOpen,
)
from portal.rounds.models import Assignment, Round, StateChange, Submission
from portal.teams.models import Team
from portal.units.models import Unit
from tests.rounds.conftest import DUE, OPENS

pytestmark = pytest.mark.django_db


def asked(round: Round, code: str) -> Assignment:
    return Assignment.objects.select_related("unit", "round").get(
        round=round, unit__code=code
    )


def test_a_submission_freezes_exactly_the_records_sent(
    a_round: Round, officer: Any, on_day: Any
) -> None:
    with on_day(OPENS):
        (submission,) = services.submit(
            by=officer, assignment=asked(a_round, "doan-p-ben-thanh")
        )
    names = [e["record"]["name"] for e in submission.teams]
    assert names == ["CLB Tình nguyện Bến Thành", "Đội hình Tiếp sức mùa thi"]

    Team.objects.filter(name="CLB Tình nguyện Bến Thành").update(name="CLB đã đổi tên")
    submission.refresh_from_db()
    assert submission.teams[0]["record"]["name"] == "CLB Tình nguyện Bến Thành"
    assert submission.team_count == 2
    assert submission.site_count == 2


def test_a_submission_on_the_deadline_day_evening_is_on_time(
    a_round: Round, officer: Any, on_day: Any
) -> None:
    with on_day(DUE, hour=23):
        (on_time,) = services.submit(
            by=officer, assignment=asked(a_round, "doan-p-ben-thanh")
        )
    assert on_time.is_late is False


def test_the_first_minute_after_the_deadline_day_is_late(
    a_round: Round, officer_university: Any, on_day: Any
) -> None:
    with on_day(DUE + dt.timedelta(days=1), hour=0):
        (late,) = services.submit(
            by=officer_university, assignment=asked(a_round, "doan-dh-khtn")
        )
    assignment = asked(a_round, "doan-dh-khtn")
    assert late.is_late is True
    assert assignment.is_late is True
    assert assignment.state == Assignment.State.SUBMITTED


def test_a_round_not_yet_open_refuses_submissions(
    a_round: Round, officer: Any, on_day: Any
) -> None:
    with on_day(OPENS - dt.timedelta(days=1)), pytest.raises(RoundNotOpen):
        services.submit(by=officer, assignment=asked(a_round, "doan-p-ben-thanh"))


def test_records_missing_a_required_column_refuse_the_whole_submission(
    a_round: Round, officer: Any, on_day: Any
) -> None:
    Team.objects.filter(name="Đội hình Tiếp sức mùa thi").update(leader_name="")
    assignment = asked(a_round, "doan-p-ben-thanh")

    with on_day(OPENS), pytest.raises(RefusedRecords) as refused:
        services.submit(by=officer, assignment=assignment)

    (refusal,) = refused.value.refusals
    assert refusal.name == "Đội hình Tiếp sức mùa thi"
    assert refusal.missing == ("Họ tên chủ nhiệm/đội trưởng/trưởng nhóm",)
    assert refused.value.as_dict()["records"][0]["unit"] == "cd-kp1-ben-thanh"
    assert not Submission.objects.filter(assignment__round=a_round).exists()
    assert asked(a_round, "doan-p-ben-thanh").state == Assignment.State.NOT_STARTED


def test_submitting_twice_is_refused_until_the_first_is_withdrawn(
    a_round: Round, officer: Any, on_day: Any
) -> None:
    assignment = asked(a_round, "doan-p-ben-thanh")
    with on_day(OPENS):
        services.submit(by=officer, assignment=assignment)
        with pytest.raises(AlreadySubmitted):
            services.submit(by=officer, assignment=assignment)
        (first,) = Submission.objects.filter(assignment=assignment)
        services.withdraw(by=officer, submission=first)
        (second,) = services.submit(by=officer, assignment=assignment)

    assert second.number == 2
    first.refresh_from_db()
    assert first.status == Submission.Status.WITHDRAWN


def test_approving_a_just_withdrawn_submission_is_refused_and_changes_nothing(
    a_round: Round, officer: Any, coordinator: Any, on_day: Any
) -> None:
    assignment = asked(a_round, "doan-p-ben-thanh")
    with on_day(OPENS):
        (submission,) = services.submit(by=officer, assignment=assignment)
    # The reviewer still holds the page they opened before the withdrawal.
    services.withdraw(by=officer, submission=submission)

    with pytest.raises(NotAwaitingReview):
        services.approve(by=coordinator, submission=submission)

    submission.refresh_from_db()
    assert submission.status == Submission.Status.WITHDRAWN
    assert asked(a_round, "doan-p-ben-thanh").state == Assignment.State.IN_PROGRESS
    assert merging.merged_records(a_round, "teams") == []


def test_an_officer_cannot_review_and_a_coordinator_must_say_what_to_fix(
    a_round: Round, officer: Any, coordinator: Any, on_day: Any
) -> None:
    from portal.core.errors import AccessDenied

    with on_day(OPENS):
        (submission,) = services.submit(
            by=officer, assignment=asked(a_round, "doan-p-ben-thanh")
        )
    with pytest.raises(AccessDenied):
        services.approve(by=officer, submission=submission)
    with pytest.raises(CommentRequired):
        services.return_submission(by=coordinator, submission=submission)


def test_a_returned_submission_notifies_the_officers_at_once_with_the_comments(
    a_round: Round,
    officer: Any,
    coordinator: Any,
    on_day: Any,
    mailoutbox: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    assignment = asked(a_round, "doan-p-ben-thanh")
    with on_day(OPENS):
        (submission,) = services.submit(by=officer, assignment=assignment)
    team_id = submission.teams[0]["id"]
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.return_submission(
            by=coordinator,
            submission=submission,
            note="Bổ sung số điện thoại",
            comments=[("teams", team_id, "Thiếu email"), ("teams", 99999, "không")],
        )

    assert [c.text for c in submission.comments.all()] == ["Thiếu email"]
    assert asked(a_round, "doan-p-ben-thanh").state == Assignment.State.RETURNED
    assert [m.to for m in mailoutbox] == [[officer.email]]
    assert officer.notices.filter(key__endswith="returned").count() == 1


def test_a_resubmission_after_return_can_be_approved_and_the_log_keeps_every_step(
    a_round: Round, officer: Any, coordinator: Any, on_day: Any
) -> None:
    assignment = asked(a_round, "doan-p-ben-thanh")
    with on_day(OPENS):
        (first,) = services.submit(by=officer, assignment=assignment)
        services.return_submission(by=coordinator, submission=first, note="Sửa")
        (second,) = services.submit(by=officer, assignment=assignment)
        services.approve(by=coordinator, submission=second)
        with pytest.raises(AlreadyApproved):
            services.submit(by=officer, assignment=assignment)

    steps = list(
        StateChange.objects.filter(assignment=assignment).values_list(
            "from_state", "to_state", "by__email", "reason"
        )
    )
    assert steps == [
        ("not_started", "submitted", officer.email, ""),
        ("submitted", "returned", coordinator.email, "Sửa"),
        ("returned", "submitted", officer.email, ""),
        ("submitted", "approved", coordinator.email, ""),
    ]


def test_a_parent_submits_for_its_asked_branches_each_with_its_own_snapshot(
    coordinator: Any, officer: Any, units: dict[str, Unit], on_day: Any
) -> None:
    with on_day(OPENS):
        round = services.open_round(
            by=coordinator,
            reference="1/TĐ",
            title="Đợt có chi đoàn",
            lists="teams",
            opens_on=OPENS,
            due_on=DUE,
            focal_name="A",
            focal_phone="0901000001",
            units=[units["doan-p-ben-thanh"], units["cd-kp1-ben-thanh"]],
        )
        made = services.submit(
            by=officer,
            assignment=asked(round, "doan-p-ben-thanh"),
            include_branches=True,
        )

    parent, branch = made
    assert [e["record"]["name"] for e in parent.teams] == ["CLB Tình nguyện Bến Thành"]
    assert [e["record"]["name"] for e in branch.teams] == ["Đội hình Tiếp sức mùa thi"]
    assert branch.sent_with == parent
    assert asked(round, "cd-kp1-ben-thanh").state == Assignment.State.SUBMITTED


def test_an_officer_cannot_submit_for_a_unit_beside_theirs(
    a_round: Round, officer: Any, on_day: Any
) -> None:
    from portal.core.errors import AccessDenied

    with on_day(OPENS), pytest.raises(AccessDenied):
        services.submit(by=officer, assignment=asked(a_round, "doan-dh-khtn"))


def test_the_merged_list_holds_only_approved_snapshots_and_flags_duplicates(
    a_round: Round,
    officer: Any,
    officer_university: Any,
    coordinator: Any,
    on_day: Any,
) -> None:
    # The university reports a team with the Bến Thành club's name.
    khtn = Unit.objects.get(code="doan-dh-khtn")
    Team.objects.filter(name="Đội Mùa hè xanh KHTN").update(
        name="CLB Tình nguyện Bến Thành", unit=khtn
    )
    with on_day(OPENS):
        (bt,) = services.submit(
            by=officer, assignment=asked(a_round, "doan-p-ben-thanh")
        )
        (uni,) = services.submit(
            by=officer_university, assignment=asked(a_round, "doan-dh-khtn")
        )
    services.approve(by=coordinator, submission=bt)

    approved = merging.merged_records(a_round, "teams")
    assert [r["name"] for r in approved] == [
        "CLB Tình nguyện Bến Thành",
        "Đội hình Tiếp sức mùa thi",
    ]
    assert merging.duplicate_pairs(a_round, "teams") == []

    latest = merging.merged_records(
        a_round, "teams", approved_only=False, mark_duplicates=True
    )
    flagged = [r for r in latest if "duplicate_of" in r]
    assert len(flagged) == 2
    (pair,) = merging.duplicate_pairs(a_round, "teams", approved_only=False)
    assert {pair.first.unit_code, pair.second.unit_code} == {
        "doan-p-ben-thanh",
        "doan-dh-khtn",
    }

    services.decide_duplicate(
        by=coordinator,
        round=a_round,
        kind="teams",
        first=pair.first.ref,
        second=pair.second.ref,
        decision="same",
    )
    names = [
        r["name"] for r in merging.merged_records(a_round, "teams", approved_only=False)
    ]
    assert names.count("CLB Tình nguyện Bến Thành") == 1
    assert uni.team_count == 2
