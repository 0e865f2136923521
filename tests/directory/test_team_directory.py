"""The public directory: is this group registered, and with whom?"""

import re
from typing import Any

from django.test import Client

from portal.places.models import Ward
from portal.teams.models import Field, Team
from portal.teams.services import create_team
from portal.units.models import Unit

BEN_THANH = 26743
BINH_CHANH = 27637
DIRECTORY = "/danh-ba/"


def _names(html: str) -> list[str]:
    """Team names listed in the directory's results, in order."""
    return re.findall(r'<a class="fw-semibold" href="/danh-ba/\d+/">([^<]+)</a>', html)


def _team(name: str, **extra: Any) -> Team:
    fields: dict[str, Any] = {
        "unit": Unit.objects.get(code="doan-p-ben-thanh"),
        "kind": Team.Kind.GROUP,
        "leader_name": "Nguyễn Văn A",
        "verification": Team.Verification.VERIFIED,
    }
    return create_team(by=None, name=name, **{**fields, **extra})


def test_a_visitor_finds_a_team_by_its_name_typed_without_accents(
    demo: Any, client: Client
) -> None:
    response = client.get(DIRECTORY, {"q": "clb tinh nguyen ben thanh"})

    assert response.status_code == 200
    assert _names(response.content.decode()) == ["CLB Tình nguyện Bến Thành"]


def test_a_visitor_finds_a_team_by_its_phone_written_with_dots(
    demo: Any, client: Client
) -> None:
    html = client.get(DIRECTORY, {"q": "0908.123.456"}).content.decode()

    assert _names(html) == ["CLB Tình nguyện Bến Thành"]
    assert "Đoàn phường Bến Thành" in html


def test_each_row_shows_kind_managing_unit_ward_and_the_verified_badge(
    demo: Any, client: Client
) -> None:
    html = client.get(DIRECTORY, {"q": "Tiếp sức mùa thi"}).content.decode()

    start = html.index('data-team="')
    row = html[start : html.index("</li>", start)]
    assert "Đội hình Tiếp sức mùa thi" in row
    assert str(Team.Kind.TEAM.label) in row
    assert "Chi đoàn khu phố 1" in row
    assert "Phường Bến Thành" in row
    assert 'data-testid="verified-badge"' in row


def test_a_team_not_yet_verified_is_not_listed_and_its_page_is_not_found(
    demo: Any, client: Client
) -> None:
    awaiting = Team.objects.get(name="Nhóm Bữa cơm yêu thương")
    suspended = Team.objects.get(name="Nhóm Sách cho em")

    everyone = _names(client.get(DIRECTORY).content.decode())
    searched = client.get(DIRECTORY, {"q": "bua com yeu thuong"}).content.decode()

    assert awaiting.name not in everyone
    assert suspended.name not in everyone
    assert "CLB Tình nguyện Bến Thành" in everyone
    assert _names(searched) == []
    assert 'data-testid="directory-empty"' in searched
    assert client.get(f"/danh-ba/{awaiting.pk}/").status_code == 404
    assert client.get(f"/danh-ba/{suspended.pk}/").status_code == 404


def test_a_search_that_finds_nothing_says_the_group_is_not_registered(
    demo: Any, client: Client
) -> None:
    html = client.get(DIRECTORY, {"q": "Quỹ từ thiện Ma"}).content.decode()

    notice = html[html.index('data-testid="directory-empty"') :]
    assert _names(html) == []
    assert "“Quỹ từ thiện Ma”" in notice


def test_the_ward_filter_keeps_the_teams_of_that_ward(
    demo: Any, client: Client
) -> None:
    html = client.get(DIRECTORY, {"ward": BEN_THANH}).content.decode()

    assert sorted(_names(html)) == sorted(
        Team.objects.filter(
            verification=Team.Verification.VERIFIED, ward_id=BEN_THANH
        ).values_list("name", flat=True)
    )
    assert "CLB Hiến máu tình nguyện Bình Chánh" not in _names(html)
    assert f'<option value="{BEN_THANH}" selected>' in html


def test_the_field_filter_keeps_the_teams_working_in_that_field(
    demo: Any, client: Client
) -> None:
    animals = Field.objects.create(code="animal_rescue", name="Cứu hộ động vật")
    Team.objects.get(name="CLB Hiến máu tình nguyện Bình Chánh").fields.add(animals)
    Team.objects.get(name="Nhóm Bữa cơm yêu thương").fields.add(animals)

    html = client.get(DIRECTORY, {"field": "animal_rescue"}).content.decode()

    assert _names(html) == ["CLB Hiến máu tình nguyện Bình Chánh"]


def test_the_union_filter_separates_groups_inside_and_outside_the_union(
    demo: Any, client: Client
) -> None:
    _team("Nhóm Thiện nguyện Hẻm Xanh", inside_union=False, phone="0909111222")

    outside = _names(client.get(DIRECTORY, {"inside_union": "false"}).content.decode())
    inside = _names(client.get(DIRECTORY, {"inside_union": "true"}).content.decode())

    assert outside == ["Nhóm Thiện nguyện Hẻm Xanh"]
    assert "Nhóm Thiện nguyện Hẻm Xanh" not in inside
    assert "CLB Tình nguyện Bến Thành" in inside


def test_the_directory_shows_twenty_teams_a_page_and_keeps_the_filters_in_links(
    demo: Any, client: Client
) -> None:
    for n in range(25):
        _team(f"Nhóm Phố Đi Bộ {n:02d}", ward_id=BINH_CHANH)
    wanted = {"q": "nhom pho di bo", "ward": BINH_CHANH}

    first = client.get(DIRECTORY, wanted).content.decode()
    second = client.get(DIRECTORY, {**wanted, "page": 2}).content.decode()

    assert len(_names(first)) == 20
    assert len(_names(second)) == 5
    assert set(_names(first)).isdisjoint(_names(second))
    assert f"?q=nhom+pho+di+bo&amp;ward={BINH_CHANH}&amp;page=2" in first


def test_htmx_gets_only_the_results_without_the_page_around_them(
    demo: Any, client: Client
) -> None:
    response = client.get(DIRECTORY, {"q": "ben thanh"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()

    assert "<html" not in html
    assert 'data-testid="directory-results"' in html
    assert "CLB Tình nguyện Bến Thành" in _names(html)


def test_the_ward_list_offers_every_ward_of_the_city(demo: Any, client: Client) -> None:
    html = client.get(DIRECTORY).content.decode()

    options = re.findall(r'<option value="(\d+)"', html)
    wards = set(Ward.objects.in_city().values_list("code", flat=True))
    assert wards <= {int(code) for code in options}
