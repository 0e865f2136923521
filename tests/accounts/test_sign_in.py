from typing import Any

import pytest
from django.core import mail
from django.test import Client

from portal.demo.data import DEMO_PASSWORD

LOGIN = "/tai-khoan/dang-nhap/"


@pytest.mark.parametrize(
    "login",
    [
        "tnv@demo.tinhnguyen.vn",
        "TNV@Demo.TinhNguyen.vn",
        "0901000006",
        "0901.000.006",
        "+84 901 000 006",
    ],
)
def test_a_volunteer_signs_in_with_email_or_phone_in_any_form(
    volunteer: Any, client: Client, login: str
) -> None:
    response = client.post(LOGIN, {"username": login, "password": DEMO_PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/trang-cua-toi/"
    assert client.get("/trang-cua-toi/").context["user"] == volunteer


def test_a_wrong_password_is_refused_with_a_vietnamese_message(
    volunteer: Any, client: Client
) -> None:
    response = client.post(LOGIN, {"username": "0901000006", "password": "sai-roi"})

    assert response.status_code == 200
    assert "mật khẩu" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_passwords_are_hashed_with_argon2(volunteer: Any) -> None:
    assert volunteer.password.startswith("argon2$")


def test_repeated_failures_lock_the_account_out(volunteer: Any, client: Client) -> None:
    for _ in range(5):
        client.post(LOGIN, {"username": "0901000006", "password": "sai-roi"})

    response = client.post(LOGIN, {"username": "0901000006", "password": DEMO_PASSWORD})

    assert response.status_code == 429
    assert 'data-testid="locked-out"' in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_password_reset_mail_goes_out_through_the_task_queue(
    volunteer: Any, client: Client
) -> None:
    response = client.post(
        "/tai-khoan/quen-mat-khau/", {"email": "tnv@demo.tinhnguyen.vn"}
    )

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["tnv@demo.tinhnguyen.vn"]
    assert "/tai-khoan/dat-lai-mat-khau/" in mail.outbox[0].body


def test_a_reset_for_an_unknown_address_sends_nothing_and_says_the_same(
    db: None, client: Client
) -> None:
    response = client.post("/tai-khoan/quen-mat-khau/", {"email": "ai@dau.vn"})

    assert response.status_code == 302
    assert mail.outbox == []


def test_an_api_token_is_issued_for_email_or_phone(
    volunteer: Any, client: Client
) -> None:
    response = client.post(
        "/api/v1/auth/token/", {"username": "0901000006", "password": DEMO_PASSWORD}
    )
    token = response.json()["token"]

    me = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}").json()

    assert me["full_name"] == volunteer.full_name
    assert me["roles"] == ["volunteer"]
