from typing import Any

from django.test import Client

from portal.accounts.models import User

REGISTER = "/tai-khoan/dang-ky/"


def _form(**changes: Any) -> dict[str, Any]:
    data = {
        "full_name": "Nguyễn Văn Mới",
        "email": "moi@example.vn",
        "phone": "0908.765.432",
        "password": "mua-he-xanh-2026",
        "consent": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_a_volunteer_registers_and_is_signed_in(db: None, client: Client) -> None:
    response = client.post(REGISTER, _form())

    assert response.status_code == 302
    user = User.objects.get(email="moi@example.vn")
    assert user.phone == "0908765432"
    assert user.consented_at is not None
    assert client.get("/trang-cua-toi/").context["user"] == user


def test_registration_needs_consent(db: None, client: Client) -> None:
    response = client.post(REGISTER, _form(consent=None))

    assert response.status_code == 200
    assert "consent" in response.context["form"].errors
    assert not User.objects.filter(email="moi@example.vn").exists()


def test_a_phone_already_in_use_is_refused_by_name(
    volunteer: Any, client: Client
) -> None:
    response = client.post(REGISTER, _form(phone="0901 000 006"))

    assert list(response.context["form"].errors) == ["phone"]
    assert 'data-field="phone"' in response.content.decode()


def test_a_foreign_phone_number_is_refused(db: None, client: Client) -> None:
    response = client.post(REGISTER, _form(phone="+1 415 555 0100"))

    assert list(response.context["form"].errors) == ["phone"]


def test_either_email_or_phone_is_needed(db: None, client: Client) -> None:
    response = client.post(REGISTER, _form(email="", phone=""))

    assert response.context["form"].non_field_errors()
    assert User.objects.filter(full_name="Nguyễn Văn Mới").count() == 0


def test_a_weak_password_is_refused(db: None, client: Client) -> None:
    response = client.post(REGISTER, _form(password="12345678"))

    assert list(response.context["form"].errors) == ["password"]
