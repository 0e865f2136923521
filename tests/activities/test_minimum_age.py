"""An activity's minimum age, checked against the volunteer's date of birth."""

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client
from rest_framework.test import APIClient

from portal.activities import errors, services
from portal.activities.models import Activity, Shift, SignUp
from portal.teams.models import Team
from tests.activities.conftest import make_activity, make_volunteer

pytestmark = pytest.mark.django_db

VIETNAM = dt.timezone(dt.timedelta(hours=7))
# 06:00 in Ho Chi Minh City is still the day before in UTC.
SHIFT_START = dt.datetime(2026, 6, 13, 6, 0, tzinfo=VIETNAM)
TODAY = dt.datetime(2026, 6, 1, 9, 0, tzinfo=VIETNAM)


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(TODAY, tick=False):
        yield


def _age_limited(team: Team, minimum_age: int | None = 16) -> Shift:
    activity = make_activity(team, publish=False, minimum_age=minimum_age)
    shift = services.add_shift(
        by=None,
        activity=activity,
        starts_at=SHIFT_START,
        ends_at=SHIFT_START + dt.timedelta(hours=3),
        capacity=5,
    )
    services.publish(by=None, activity=activity)
    return shift


def _born(year: int, month: int, day: int) -> Any:
    volunteer = make_volunteer()
    volunteer.birth_date = dt.date(year, month, day)
    volunteer.save()
    return volunteer


def test_a_volunteer_younger_than_the_minimum_age_is_refused(team: Team):
    shift = _age_limited(team)
    young = _born(2010, 6, 14)

    with pytest.raises(errors.TooYoung) as refusal:
        services.sign_up(volunteer=young, shift=shift)

    assert "16" in str(refusal.value.message)
    assert not SignUp.objects.filter(volunteer=young).exists()
    shift.refresh_from_db()
    assert shift.confirmed_count == 0


def test_a_volunteer_without_a_date_of_birth_is_told_to_enter_it(team: Team):
    shift = _age_limited(team)

    with pytest.raises(errors.BirthDateMissing):
        services.sign_up(volunteer=make_volunteer(), shift=shift)

    assert not SignUp.objects.filter(shift=shift).exists()


def test_a_volunteer_of_exactly_the_minimum_age_on_the_shifts_day_is_accepted(
    team: Team,
):
    shift = _age_limited(team)
    # Turns 16 on 13 June: the shift's day in Vietnam, though in UTC the
    # shift starts on 12 June.
    assert shift.starts_at.astimezone(dt.UTC).date() == dt.date(2026, 6, 12)

    signup = services.sign_up(volunteer=_born(2010, 6, 13), shift=shift)

    assert signup.status == SignUp.Status.CONFIRMED


def test_an_activity_without_a_minimum_age_takes_anyone(team: Team):
    shift = _age_limited(team, minimum_age=None)

    no_date = services.sign_up(volunteer=make_volunteer(), shift=shift)
    child = services.sign_up(volunteer=_born(2019, 1, 1), shift=shift)

    assert {no_date.status, child.status} == {SignUp.Status.CONFIRMED}


def test_an_organiser_adding_by_hand_gets_the_same_refusal(
    team: Team, team_manager: Any
):
    shift = _age_limited(team)
    young = _born(2012, 1, 1)
    client = Client()
    client.force_login(team_manager)

    page = client.post(
        f"/hoat-dong/ca/{shift.pk}/danh-sach/",
        {"do": "add", "contact": young.phone},
    )

    assert page.status_code == 200
    assert "16" in " ".join(page.context["add_form"].errors["__all__"])
    assert not SignUp.objects.filter(volunteer=young).exists()


def test_the_api_answers_409_with_the_too_young_code(team: Team):
    shift = _age_limited(team)
    client = APIClient()
    client.force_authenticate(_born(2012, 1, 1))

    answer = client.post(f"/api/v1/shifts/{shift.pk}/signup/")

    assert answer.status_code == 409
    assert answer.json()["code"] == "too_young"
    assert "16" in answer.json()["message"]


def test_the_api_answers_409_asking_for_the_date_of_birth(team: Team):
    shift = _age_limited(team)
    client = APIClient()
    client.force_authenticate(make_volunteer())

    answer = client.post(f"/api/v1/shifts/{shift.pk}/signup/")

    assert answer.status_code == 409
    assert answer.json()["code"] == "birth_date_missing"


def test_the_sign_up_page_shows_the_refusal_in_vietnamese(team: Team):
    shift = _age_limited(team)
    client = Client(headers={"accept-language": "vi"})
    client.force_login(make_volunteer())

    page = client.post(f"/hoat-dong/ca/{shift.pk}/dang-ky/", follow=True)

    assert "Hãy nhập ngày sinh" in page.content.decode()
    assert not SignUp.objects.filter(shift=shift).exists()


def test_the_activity_page_shows_the_minimum_age(team: Team):
    shift = _age_limited(team)
    activity: Activity = shift.activity

    page = Client().get(f"/hoat-dong/{activity.pk}/")

    assert page.status_code == 200
    assert '<dd class="col-sm-9">16</dd>' in page.content.decode()


def _page_for(person: Any, shift: Shift) -> str:
    client = Client()
    client.force_login(person)
    return client.get(f"/hoat-dong/{shift.activity_id}/").content.decode()


def test_the_activity_page_asks_for_a_date_of_birth_before_the_tap(team: Team):
    shift = _age_limited(team)
    person = make_volunteer()

    page = _page_for(person, shift)

    assert 'data-testid="age-notice"' in page
    assert "từ 16 tuổi trở lên" in page
    assert "Nhập ngày sinh của tôi" in page
    assert f"/tai-khoan/ngay-sinh/?next=/hoat-dong/{shift.activity_id}/" in page


def test_the_activity_page_tells_a_too_young_volunteer_up_front(team: Team):
    shift = _age_limited(team)

    page = _page_for(_born(2010, 6, 14), shift)

    assert 'data-testid="age-notice"' in page
    assert "/tai-khoan/ngay-sinh/" not in page


def test_no_age_notice_for_someone_old_enough_or_without_a_limit(team: Team):
    limited = _age_limited(team)
    open_to_all = _age_limited(team, minimum_age=None)
    old_enough = _born(2010, 6, 13)

    assert 'data-testid="age-notice"' not in _page_for(old_enough, limited)
    assert 'data-testid="age-notice"' not in _page_for(make_volunteer(), open_to_all)


def test_entering_the_date_of_birth_leads_back_to_the_activity(team: Team):
    shift = _age_limited(team)
    client = Client()
    client.force_login(make_volunteer())
    activity_page = f"/hoat-dong/{shift.activity_id}/"

    answer = client.post(
        "/tai-khoan/ngay-sinh/", {"birth_date": "01/01/2000", "next": activity_page}
    )

    assert answer.status_code == 302
    assert answer["Location"] == activity_page
    assert 'data-testid="age-notice"' not in client.get(activity_page).content.decode()


def test_the_way_back_never_leaves_the_portal(team: Team):
    client = Client()
    client.force_login(make_volunteer())

    answer = client.post(
        "/tai-khoan/ngay-sinh/",
        {"birth_date": "01/01/2000", "next": "https://example.com/"},
    )

    assert answer.status_code == 302
    assert "example.com" not in answer["Location"]
