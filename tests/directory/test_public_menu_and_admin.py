"""Everyone reaches the public pages; coordinators keep the city's lists."""

from typing import Any

import pytest
from django.test import Client

from portal.places.models import CommunityChannel
from portal.teams.models import Field

PUBLIC_PAGES = ["/danh-ba/", "/ban-do/", "/kenh-cong-dong/"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_a_visitor_reaches_each_public_page_from_the_menu(
    demo: Any, client: Client, path: str
) -> None:
    response = client.get("/")

    assert f'href="{path}"' in response.content.decode()
    assert client.get(path).status_code == 200


def test_a_coordinator_lists_a_new_channel_in_the_admin(
    coordinator: Any, client: Client
) -> None:
    client.force_login(coordinator)

    response = client.post(
        "/quan-tri/places/communitychannel/add/",
        {
            "name": "TNV Sài Gòn",
            "platform": "zalo",
            "url": "https://zalo.me/g/tnvsaigon",
            "wards": ["26740"],
            "area_text": "",
            "description": "",
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    channel = CommunityChannel.objects.get(name="TNV Sài Gòn")
    assert list(channel.wards.values_list("code", flat=True)) == [26740]
    assert "TNV Sài Gòn" in client.get("/kenh-cong-dong/").content.decode()


def test_a_coordinator_adds_a_field_of_activity_in_the_admin(
    coordinator: Any, client: Client
) -> None:
    client.force_login(coordinator)

    response = client.post(
        "/quan-tri/teams/field/add/",
        {
            "code": "animal_rescue",
            "name": "Cứu hộ động vật",
            "position": "20",
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    assert Field.objects.filter(code="animal_rescue", is_active=True).exists()
    directory = client.get("/danh-ba/").content.decode()
    assert '<option value="animal_rescue">Cứu hộ động vật</option>' in directory


@pytest.mark.parametrize(
    "path", ["/quan-tri/places/communitychannel/", "/quan-tri/teams/field/"]
)
def test_an_officer_is_kept_out_of_the_city_lists_in_the_admin(
    officer: Any, client: Client, path: str
) -> None:
    client.force_login(officer)

    response = client.get(path)

    assert response.status_code == 302
    assert "/quan-tri/login/" in response["Location"]
