"""The activity pages: list, detail, sign-up, organisers' roster and files."""

import datetime as dt
from typing import Any

import icalendar
import pytest
from django.test import Client

from portal.activities import errors, services
from portal.activities.models import Activity, RosterExport, Shift, SignUp
from tests.activities.conftest import make_activity, make_volunteer

pytestmark = pytest.mark.django_db


def _client(user: Any = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_the_public_list_shows_published_activities(activity: Activity):
    page = _client().get("/hoat-dong/", {"q": "don rac kenh"})

    assert page.status_code == 200
    assert activity.title in page.content.decode()


def test_the_list_filters_by_campaign(team: Any):
    make_activity(team, title="Hiến máu tình nguyện mùa xuân")
    make_activity(team, title="Khác hẳn")
    Activity.objects.filter(title__startswith="Hiến máu").update(tag_id=4)

    page = _client().get("/hoat-dong/", {"tag": "hien-mau"}).content.decode()

    assert "Hiến máu tình nguyện mùa xuân" in page
    assert "Khác hẳn" not in page


def test_a_draft_activity_page_is_not_found_for_the_public(team: Any):
    draft = make_activity(team, publish=False)

    assert _client().get(f"/hoat-dong/{draft.pk}/").status_code == 404


def test_one_tap_signs_the_volunteer_up(shift: Shift, volunteer: Any):
    client = _client(volunteer)

    answer = client.post(f"/hoat-dong/ca/{shift.pk}/dang-ky/", follow=True)

    assert SignUp.objects.get(volunteer=volunteer).status == "confirmed"
    assert [m.level_tag for m in answer.context["messages"]] == ["success"]


def test_a_refused_sign_up_shows_its_reason(shift: Shift, volunteer: Any):
    client = _client(volunteer)
    client.post(f"/hoat-dong/ca/{shift.pk}/dang-ky/")

    answer = client.post(f"/hoat-dong/ca/{shift.pk}/dang-ky/", follow=True)

    assert answer.status_code == 200
    assert SignUp.objects.filter(volunteer=volunteer).count() == 1
    messages = list(answer.context["messages"])
    assert [m.level_tag for m in messages] == ["success", "error"]
    assert str(messages[-1]) == str(errors.AlreadySignedUp.default_message)


def test_the_confirmation_ics_holds_the_shift(shift: Shift, volunteer: Any):
    signup = services.sign_up(volunteer=volunteer, shift=shift)

    answer = _client(volunteer).get(f"/hoat-dong/dang-ky/{signup.pk}/lich.ics")

    event = icalendar.Calendar.from_ical(answer.content).walk("VEVENT")[0]
    assert answer["Content-Type"].startswith("text/calendar")
    assert event.decoded("dtstart") == shift.starts_at
    assert str(event["summary"]) == shift.activity.title


def test_nobody_else_downloads_my_ics(shift: Shift, volunteer: Any):
    signup = services.sign_up(volunteer=volunteer, shift=shift)

    answer = _client(make_volunteer()).get(f"/hoat-dong/dang-ky/{signup.pk}/lich.ics")

    assert answer.status_code == 404


def test_the_private_feed_lists_my_shifts_by_its_secret_address(
    shift: Shift, volunteer: Any
):
    services.sign_up(volunteer=volunteer, shift=shift)
    mine = _client(volunteer).get("/hoat-dong/cua-toi/")
    feed_url = mine.context["feed_url"]

    feed = _client().get(feed_url.replace("http://testserver", ""))
    wrong = _client().get("/hoat-dong/lich/not-the-secret.ics")

    events = icalendar.Calendar.from_ical(feed.content).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == [shift.activity.title]
    assert wrong.status_code == 404


def test_the_roster_shows_phones_to_the_organiser(
    shift: Shift, volunteer: Any, team_manager: Any
):
    services.sign_up(volunteer=volunteer, shift=shift)

    page = _client(team_manager).get(f"/hoat-dong/ca/{shift.pk}/danh-sach/")

    assert volunteer.phone in page.content.decode()


def test_the_roster_is_refused_to_others(shift: Shift, volunteer: Any):
    services.sign_up(volunteer=volunteer, shift=shift)

    answer = _client(volunteer).get(f"/hoat-dong/ca/{shift.pk}/danh-sach/")

    assert answer.status_code in (403, 404)
    assert volunteer.phone not in answer.content.decode()


def test_every_roster_export_is_logged(shift: Shift, volunteer: Any, team_manager: Any):
    services.sign_up(volunteer=volunteer, shift=shift)

    answer = _client(team_manager).get(f"/hoat-dong/ca/{shift.pk}/danh-sach.csv")

    assert volunteer.phone in answer.content.decode("utf-8-sig")
    log = RosterExport.objects.get()
    assert (log.exported_by, log.shift, log.row_count) == (team_manager, shift, 1)


def test_an_organiser_adds_a_volunteer_by_phone(
    shift: Shift, volunteer: Any, team_manager: Any
):
    _client(team_manager).post(
        f"/hoat-dong/ca/{shift.pk}/danh-sach/",
        {"do": "add", "contact": volunteer.phone},
    )

    assert SignUp.objects.get(volunteer=volunteer).added_by == team_manager


def test_capacity_below_the_confirmed_is_shown_under_the_field(
    shift: Shift, team_manager: Any
):
    for _ in range(2):
        services.sign_up(volunteer=make_volunteer(), shift=shift)

    page = _client(team_manager).post(
        f"/hoat-dong/ca/{shift.pk}/danh-sach/", {"do": "capacity", "capacity": 1}
    )

    assert page.status_code == 200
    assert page.context["capacity_form"].errors["capacity"]
    shift.refresh_from_db()
    assert shift.capacity == 2


def test_an_organiser_creates_an_activity_with_weekly_shifts(
    team: Any, team_manager: Any
):
    client = _client(team_manager)
    created = client.post(
        "/hoat-dong/tao/",
        {"title": "Dạy học thứ bảy", "team": team.pk, "cancellation_cutoff_hours": 12},
    )
    activity = Activity.objects.get(title="Dạy học thứ bảy")

    client.post(
        f"/hoat-dong/{activity.pk}/ca/",
        {
            "kind": "weekly",
            "weekly-weekdays": ["5", "6"],
            "weekly-start_time": "08:00",
            "weekly-end_time": "11:00",
            "weekly-first_day": "2031-06-02",
            "weekly-last_day": "2031-06-15",
            "weekly-capacity": "10",
        },
    )

    assert created.status_code == 302
    days = [s.starts_at.astimezone().date() for s in activity.shifts.all()]
    assert [d.isoformat() for d in days] == [
        "2031-06-07", "2031-06-08", "2031-06-14", "2031-06-15",
    ]  # fmt: skip


def test_weekly_times_are_vietnam_time():
    times = services.weekly_times(
        weekdays=[0],
        start_time=dt.time(18, 0),
        end_time=dt.time(21, 0),
        first_day=dt.date(2031, 6, 2),
        last_day=dt.date(2031, 6, 2),
    )

    start, end = times[0]
    assert start.isoformat() == "2031-06-02T18:00:00+07:00"
    assert (end - start) == dt.timedelta(hours=3)


def test_a_unit_that_reviews_activities_holds_them_for_approval(
    team: Any, team_manager: Any, officer: Any
):
    services.set_requires_approval(by=None, unit=team.unit, required=True)
    activity = make_activity(team, publish=False)
    services.add_shift(
        by=None,
        activity=activity,
        starts_at=dt.datetime(2031, 1, 5, 8, tzinfo=dt.UTC),
        ends_at=dt.datetime(2031, 1, 5, 11, tzinfo=dt.UTC),
        capacity=5,
    )

    services.publish(by=team_manager, activity=activity)
    held = activity.state
    _client(officer).post(f"/hoat-dong/{activity.pk}/approve/")
    activity.refresh_from_db()

    assert held == "awaiting_approval"
    assert activity.state == "published"
    assert activity.approved_by == officer


def test_a_team_manager_cannot_approve_their_own_activity(team: Any, team_manager: Any):
    services.set_requires_approval(by=None, unit=team.unit, required=True)
    activity = make_activity(team, publish=False)
    services.add_shift(
        by=None,
        activity=activity,
        starts_at=dt.datetime(2031, 1, 5, 8, tzinfo=dt.UTC),
        ends_at=dt.datetime(2031, 1, 5, 11, tzinfo=dt.UTC),
        capacity=5,
    )
    services.publish(by=team_manager, activity=activity)

    answer = _client(team_manager).post(f"/hoat-dong/{activity.pk}/approve/")

    activity.refresh_from_db()
    assert answer.status_code == 403
    assert activity.state == "awaiting_approval"


def test_publishing_without_shifts_is_refused(team: Any, team_manager: Any):
    activity = make_activity(team, publish=False)

    answer = _client(team_manager).post(
        f"/hoat-dong/{activity.pk}/publish/", follow=True
    )

    activity.refresh_from_db()
    assert activity.state == "draft"
    assert answer.status_code == 200


def test_the_list_pages_through_twenty_at_a_time(team: Any):
    for n in range(21):
        make_activity(team, title=f"Hoạt động số {n:02d}")

    first = _client().get("/hoat-dong/", {"q": "hoat dong so"})
    second = _client().get("/hoat-dong/", {"q": "hoat dong so", "page": 2})

    assert len(first.context["rows"]) == 20
    assert first.context["has_next"] is True
    assert [a.title for a in second.context["rows"]] == ["Hoạt động số 20"]
    assert second.context["has_next"] is False
