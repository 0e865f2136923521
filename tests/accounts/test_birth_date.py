"""A volunteer's optional date of birth: given at registration, kept up to date."""

import datetime as dt
import json
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from portal.accounts.models import User
from portal.hours import privacy

pytestmark = pytest.mark.django_db

REGISTER = "/tai-khoan/dang-ky/"
BIRTH_DATE = "/tai-khoan/ngay-sinh/"
TODAY = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(TODAY, tick=False):
        yield


def _form(**changes: Any) -> dict[str, Any]:
    data = {
        "full_name": "Trần Thị Lan",
        "email": "lan@example.vn",
        "password": "mua-he-xanh-2026",
        "consent": "on",
    }
    data.update(changes)
    return data


def _client(user: Any = None) -> Client:
    client = Client(headers={"accept-language": "vi"})
    if user is not None:
        client.force_login(user)
    return client


def test_registration_keeps_a_date_of_birth_written_day_first(client: Client):
    response = client.post(REGISTER, _form(birth_date="15/08/2008"))

    assert response.status_code == 302
    assert User.objects.get(email="lan@example.vn").birth_date == dt.date(2008, 8, 15)


def test_registration_works_without_a_date_of_birth(client: Client):
    response = client.post(REGISTER, _form(birth_date=""))

    assert response.status_code == 302
    assert User.objects.get(email="lan@example.vn").birth_date is None


@pytest.mark.parametrize(
    ("written", "says"),
    [
        ("02/06/2026", "không thể ở trong tương lai"),
        ("01/06/1905", "trên 120"),
        ("2008/15/08", "dd/mm/yyyy"),
    ],
)
def test_registration_refuses_an_impossible_date_of_birth_under_the_field(
    written: str, says: str
):
    response = _client().post(REGISTER, _form(birth_date=written))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["birth_date"]
    assert 'data-field="birth_date"' in response.content.decode()
    assert says in response.content.decode()
    assert not User.objects.filter(email="lan@example.vn").exists()


def test_a_day_short_of_121_years_is_still_accepted(client: Client):
    response = client.post(REGISTER, _form(birth_date="02/06/1905"))

    assert response.status_code == 302


def test_a_volunteer_sets_their_date_of_birth_from_their_data_page(volunteer: Any):
    client = _client(volunteer)
    data_page = client.get(reverse("hours:my_data")).content.decode()
    assert f'href="{BIRTH_DATE}"' in data_page

    response = client.post(BIRTH_DATE, {"birth_date": "03/02/2005"})

    assert response.status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.birth_date == dt.date(2005, 2, 3)
    page = client.get(reverse("hours:my_data")).content.decode()
    assert "03/02/2005" in page


def test_a_volunteer_clears_their_date_of_birth(volunteer: Any):
    volunteer.birth_date = dt.date(2005, 2, 3)
    volunteer.save()

    _client(volunteer).post(BIRTH_DATE, {"birth_date": ""})

    volunteer.refresh_from_db()
    assert volunteer.birth_date is None


def test_the_date_of_birth_page_needs_sign_in():
    assert _client().get(BIRTH_DATE).status_code == 302


def test_the_personal_data_download_holds_the_date_of_birth(volunteer: Any):
    volunteer.birth_date = dt.date(2005, 2, 3)
    volunteer.save()

    response = _client(volunteer).get(reverse("hours:my_data_json"))

    assert json.loads(response.content)["account"]["birth_date"] == "2005-02-03"


def test_deleting_the_account_erases_the_date_of_birth(volunteer: Any):
    volunteer.set_password("mat-khau-cu")
    volunteer.birth_date = dt.date(2005, 2, 3)
    volunteer.save()

    privacy.delete_account(user=volunteer, password="mat-khau-cu")

    volunteer.refresh_from_db()
    assert volunteer.birth_date is None
