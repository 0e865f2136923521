"""A registered team's public page: who it is and who answers for it."""

from typing import Any

from django.test import Client
from django.utils import translation
from django.utils.formats import date_format
from django.utils.timezone import localtime

from portal.teams.models import Field, Team


def test_a_verified_team_page_names_its_unit_and_the_units_above_it(
    demo: Any, client: Client
) -> None:
    team = Team.objects.get(name="Đội hình Tiếp sức mùa thi")

    response = client.get(f"/danh-ba/{team.pk}/")
    html = response.content.decode()

    assert response.status_code == 200
    chain = html[html.index('data-testid="unit-chain"') :]
    chain = chain[: chain.index("</dd>")]
    assert chain.index("Chi đoàn khu phố 1") < chain.index("Đoàn phường Bến Thành")
    assert chain.index("Đoàn phường Bến Thành") < chain.index("Thành Đoàn TP. Hồ")
    assert team.leader_name in html


def test_the_page_shows_the_verification_date_fields_and_area(
    demo: Any, client: Client
) -> None:
    team = Team.objects.get(name="CLB Tình nguyện Bến Thành")
    team.fields.set([Field.objects.get(code="environment")])

    html = client.get(f"/danh-ba/{team.pk}/").content.decode()

    assert team.verified_at is not None
    with translation.override("vi"):
        shown = date_format(localtime(team.verified_at), "SHORT_DATE_FORMAT")
    assert shown in html
    assert Field.objects.get(code="environment").name in html
    assert "Phường Bến Thành" in html


def test_only_web_addresses_become_contact_links(demo: Any, client: Client) -> None:
    team = Team.objects.get(name="CLB Tình nguyện Bến Thành")
    team.links = ["https://facebook.com/clbtnbenthanh", "javascript:alert(1)"]
    team.save(update_fields=["links"])

    html = client.get(f"/danh-ba/{team.pk}/").content.decode()

    assert 'href="https://facebook.com/clbtnbenthanh"' in html
    assert "javascript:alert" not in html


def test_the_public_page_keeps_the_leaders_phone_and_email_to_itself(
    demo: Any, client: Client
) -> None:
    team = Team.objects.get(name="CLB Tình nguyện Bến Thành")
    team.email = "clb.benthanh@example.vn"
    team.save(update_fields=["email"])

    html = client.get(f"/danh-ba/{team.pk}/").content.decode()

    assert team.phone not in html
    assert team.email not in html


def test_an_officer_may_open_the_page_of_a_team_awaiting_verification(
    officer: Any, client: Client
) -> None:
    team = Team.objects.get(name="CLB Tình nguyện Bến Thành")
    team.verification = Team.Verification.AWAITING
    team.save(update_fields=["verification"])
    client.force_login(officer)

    response = client.get(f"/danh-ba/{team.pk}/")

    assert response.status_code == 200
    assert str(Team.Verification.AWAITING.label) in response.content.decode()
