from typing import Any

from django.test import Client

from portal.teams.models import Team


def test_a_bad_phone_is_refused_by_field_in_vietnamese(
    officer: Any, client: Client
) -> None:
    client.force_login(officer)
    team = Team.objects.get(name="CLB Tình nguyện Bến Thành")

    response = client.patch(
        f"/api/v1/teams/{team.pk}/",
        {"phone": "12345", "member_count": -3},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="vi",
    )

    body = response.json()
    assert response.status_code == 400
    assert body["code"] == "invalid"
    assert set(body["fields"]) == {"phone", "member_count"}
    assert "điện thoại" in body["fields"]["phone"][0]
    team.refresh_from_db()
    assert team.phone == "0908123456"


def test_an_object_outside_the_scope_is_not_found_with_a_code(
    officer: Any, client: Client
) -> None:
    client.force_login(officer)

    response = client.get("/api/v1/units/doan-p-sai-gon/")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_a_refused_change_says_why_in_one_shape(
    team_manager: Any, client: Client
) -> None:
    client.force_login(team_manager)
    team = Team.objects.get(name="Đội hình Tiếp sức mùa thi")

    response = client.patch(
        f"/api/v1/teams/{team.pk}/",
        {"notes": "x"},
        content_type="application/json",
    )

    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert response.json()["message"]
