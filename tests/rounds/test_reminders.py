import datetime as dt
from typing import Any
from unittest import mock

import pytest
from django.core.management import call_command

from portal.notices.models import Notice
from portal.rounds import reminders, services
from portal.rounds.models import Assignment, Round
from tests.rounds.conftest import DUE, OPENS

pytestmark = pytest.mark.django_db

BT_OFFICER = "canbo.benthanh@demo.tinhnguyen.vn"
KHTN_OFFICER = "bithu.khtn@demo.tinhnguyen.vn"


def reminder_keys() -> list[tuple[str, str]]:
    return sorted(
        Notice.objects.filter(key__startswith="round-").values_list(
            "user__email", "key"
        )
    )


def test_the_occasions_are_opening_the_set_days_before_and_the_day_after(
    a_round: Round,
) -> None:
    assert reminders.occasions(a_round) == [
        (OPENS, "opening"),
        (DUE - dt.timedelta(days=7), "due-7d"),
        (DUE - dt.timedelta(days=3), "due-3d"),
        (DUE - dt.timedelta(days=1), "due-1d"),
        (DUE + dt.timedelta(days=1), "overdue"),
    ]
    assert reminders.current_occasion(a_round, OPENS - dt.timedelta(days=1)) is None
    assert reminders.current_occasion(a_round, DUE) == "due-1d"


def test_each_reminder_goes_once_to_the_officers_of_units_that_have_not_submitted(
    a_round: Round,
    officer: Any,
    officer_university: Any,
    on_day: Any,
    mailoutbox: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with on_day(OPENS), django_capture_on_commit_callbacks(execute=True):
        call_command("send_round_reminders")
        call_command("send_round_reminders")
    assert len(mailoutbox) == 2

    with on_day(OPENS + dt.timedelta(days=1)):
        services.submit(
            by=officer,
            assignment=Assignment.objects.get(
                round=a_round, unit__code="doan-p-ben-thanh"
            ),
        )
    with (
        on_day(DUE - dt.timedelta(days=3)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("send_round_reminders", "--now")
        call_command("send_round_reminders")

    round_id = a_round.pk
    bt = officer.memberships.get().unit_id
    khtn = officer_university.memberships.get().unit_id
    assert reminder_keys() == [
        (KHTN_OFFICER, f"round-{round_id}-unit-{khtn}-due-3d"),
        (KHTN_OFFICER, f"round-{round_id}-unit-{khtn}-opening"),
        (BT_OFFICER, f"round-{round_id}-unit-{bt}-opening"),
    ]
    assert sorted(m.to[0] for m in mailoutbox) == [
        KHTN_OFFICER,
        KHTN_OFFICER,
        BT_OFFICER,
    ]


def test_a_worker_dying_mid_way_sends_each_reminder_once_after_restart(
    a_round: Round,
    officer: Any,
    officer_university: Any,
    on_day: Any,
    mailoutbox: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    real_notify = reminders.notify
    calls = {"n": 0}

    def dies_on_the_second_unit(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 2:
            raise SystemExit("worker killed")
        return real_notify(*args, **kwargs)

    killed = mock.patch.object(reminders, "notify", dies_on_the_second_unit)
    with on_day(DUE + dt.timedelta(days=1)):
        capture = django_capture_on_commit_callbacks(execute=True)
        with capture, killed, pytest.raises(SystemExit):
            reminders.send_due_reminders()
        sent_before_the_crash = len(mailoutbox)
        with django_capture_on_commit_callbacks(execute=True):
            reminders.send_due_reminders()
            reminders.send_due_reminders()

    assert sent_before_the_crash == 1
    overdue = [key for _, key in reminder_keys() if key.endswith("overdue")]
    assert len(overdue) == 2  # one officer each for Bến Thành and KHTN
    assert sorted(m.to[0] for m in mailoutbox) == [KHTN_OFFICER, BT_OFFICER]
