"""API tokens, as the Union's mobile app sends them on every call."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from portal.activities.models import Shift, SignUp
from tests.activities.conftest import make_volunteer

pytestmark = pytest.mark.django_db


def _with_token(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_a_volunteer_signs_up_with_their_token(shift: Shift):
    person = make_volunteer()
    token = Token.objects.create(user=person)

    answer = _with_token(token.key).post(f"/api/v1/shifts/{shift.pk}/signup/")

    assert answer.status_code == 201, answer.content
    assert answer.json()["status"] == "confirmed"
    assert SignUp.objects.get(pk=answer.json()["id"]).volunteer == person


def test_a_token_nobody_holds_is_refused_and_nothing_is_written(shift: Shift):
    answer = _with_token("0" * 40).post(f"/api/v1/shifts/{shift.pk}/signup/")

    assert answer.status_code == 403
    assert answer.json()["code"] == "authentication_failed"
    assert "token" in answer.json()["message"].lower()
    assert not SignUp.objects.exists()


def test_the_token_of_a_closed_account_no_longer_works(shift: Shift):
    person = make_volunteer()
    token = Token.objects.create(user=person)
    person.is_active = False
    person.save(update_fields=["is_active"])

    answer = _with_token(token.key).post(f"/api/v1/shifts/{shift.pk}/signup/")

    assert answer.status_code == 403
    assert not SignUp.objects.filter(volunteer=person).exists()


def test_a_token_reads_the_person_it_belongs_to_and_no_other():
    first, second = make_volunteer(), make_volunteer()
    Token.objects.create(user=first)
    token = Token.objects.create(user=second)

    answer = _with_token(token.key).get("/api/v1/me/")

    assert answer.status_code == 200
    assert answer.json()["id"] == second.pk
    assert answer.json()["email"] == second.email
