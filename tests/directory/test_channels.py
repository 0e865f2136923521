"""Community channels: the groups per ward, kept by coordinators."""

import re
from typing import Any

import pytest
from django.test import Client

from portal.places.models import CommunityChannel

BEN_THANH = 26743
SAI_GON = 26740


@pytest.fixture
def channels(demo: Any) -> dict[str, CommunityChannel]:
    def add(name: str, wards: list[int], **extra: Any) -> CommunityChannel:
        fields = {"platform": "zalo", "url": f"https://zalo.me/g/{len(name)}x"}
        channel = CommunityChannel.objects.create(name=name, **{**fields, **extra})
        channel.wards.set(wards)
        return channel

    return {
        "ben_thanh": add("TNV Bến Thành", [BEN_THANH]),
        "centre": add(
            "Tình nguyện trung tâm",
            [BEN_THANH, SAI_GON],
            platform="facebook",
            url="https://facebook.com/groups/tnvtrungtam",
        ),
        "closed": add("Nhóm cũ đã đóng", [BEN_THANH], is_active=False),
        "city": add("Tình nguyện TP.HCM", [], area_text="Toàn thành phố"),
    }


def _sections(html: str) -> dict[str, str]:
    found = re.findall(r'<section[^>]*data-ward="(\w+)">(.*?)</section>', html, re.S)
    return dict(found)


def test_channels_are_grouped_by_ward_with_the_rest_last(
    channels: dict[str, CommunityChannel], client: Client
) -> None:
    html = client.get("/kenh-cong-dong/").content.decode()
    sections = _sections(html)

    assert list(sections) == [str(BEN_THANH), str(SAI_GON), "other"]
    assert "TNV Bến Thành" in sections[str(BEN_THANH)]
    assert "Tình nguyện trung tâm" in sections[str(BEN_THANH)]
    assert "Tình nguyện trung tâm" in sections[str(SAI_GON)]
    assert "TNV Bến Thành" not in sections[str(SAI_GON)]
    assert "Tình nguyện TP.HCM" in sections["other"]
    assert 'href="https://facebook.com/groups/tnvtrungtam"' in html


def test_a_channel_no_longer_listed_is_not_shown(
    channels: dict[str, CommunityChannel], client: Client
) -> None:
    html = client.get("/kenh-cong-dong/").content.decode()

    assert "Nhóm cũ đã đóng" not in html


def test_the_ward_filter_shows_only_that_wards_channels(
    channels: dict[str, CommunityChannel], client: Client
) -> None:
    html = client.get("/kenh-cong-dong/", {"ward": SAI_GON}).content.decode()

    assert list(_sections(html)) == [str(SAI_GON)]
    assert "TNV Bến Thành" not in html
    assert f'<option value="{SAI_GON}" selected>' in html


def test_a_ward_without_channels_gets_a_clear_message(
    channels: dict[str, CommunityChannel], client: Client
) -> None:
    html = client.get("/kenh-cong-dong/", {"ward": 27637}).content.decode()

    assert _sections(html) == {}
    assert 'data-testid="no-channels"' in html
