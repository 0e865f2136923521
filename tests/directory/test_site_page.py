"""A site's public page: what it needs, and where it is only if allowed."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from portal.sites.models import BeneficiaryGroup, Need, Site

PROTECTED = "Mái ấm Hoa Hồng"
PROTECTED_STREET = "12 Lê Thánh Tôn"
CONTACT = "Người phụ trách"


def _protected_site_with_position() -> Site:
    site = Site.objects.get(name=PROTECTED)
    site.latitude = Decimal("10.772345")
    site.longitude = Decimal("106.698765")
    site.save(update_fields=["latitude", "longitude"])
    return site


def _page(client: Client, site: Site) -> str:
    response = client.get(f"/dia-chi-tinh-nguyen/{site.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def _assert_nothing_private(html: str) -> None:
    phone = Site.objects.get(name=PROTECTED).phone
    assert phone
    for secret in (PROTECTED_STREET, phone, CONTACT, "10.772345", "106.698765"):
        assert secret not in html
    assert "data-lat" not in html
    assert "site-position.js" not in html


def test_the_public_sees_only_name_category_and_ward_of_a_protected_site(
    demo: Any, client: Client
) -> None:
    site = _protected_site_with_position()

    html = _page(client, site)

    assert PROTECTED in html
    assert str(Site.Category.SHELTER.label) in html
    assert "Phường Bến Thành" in html
    _assert_nothing_private(html)


def test_a_volunteer_sees_no_more_of_a_protected_site_than_the_public(
    volunteer: Any, client: Client
) -> None:
    site = _protected_site_with_position()
    client.force_login(volunteer)

    _assert_nothing_private(_page(client, site))


@pytest.mark.parametrize("role", ["officer", "coordinator", "site_contact"])
def test_those_with_the_right_see_a_protected_sites_address_contact_and_position(
    demo: Any, client: Client, role: str
) -> None:
    site = _protected_site_with_position()
    client.force_login(demo[role])

    html = _page(client, site)

    assert PROTECTED_STREET in html
    assert site.phone in html
    assert 'data-lat="10.772345"' in html
    assert 'data-lng="106.698765"' in html


def test_the_public_sees_the_address_of_a_site_that_is_not_protected(
    demo: Any, client: Client
) -> None:
    site = Site.objects.get(name="Nhà mở Ánh Dương")

    html = _page(client, site)

    assert "45 Nguyễn Trãi" in html
    assert site.phone in html


def test_open_needs_are_shown_and_withdrawn_or_fulfilled_ones_are_not(
    demo: Any, client: Client
) -> None:
    site = Site.objects.get(name="Nhà mở Ánh Dương")
    wanted = {
        "Sữa cho các bé": (Need.Status.OPEN, Need.Urgency.CRITICAL),
        "Sơn lại phòng học": (Need.Status.CLAIMED, Need.Urgency.NORMAL),
        "Áo ấm mùa đông": (Need.Status.FULFILLED, Need.Urgency.HIGH),
        "Quạt máy": (Need.Status.WITHDRAWN, Need.Urgency.LOW),
    }
    for text, (status, urgency) in wanted.items():
        Need.objects.create(
            site=site,
            category=Need.Category.SUPPLIES,
            description=text,
            quantity=30,
            quantity_unit="hộp",
            urgency=urgency,
            status=status,
            due_date=date(2026, 12, 24),
        )

    html = _page(client, site)
    needs = html[html.index('data-testid="needs"') :]

    assert "Sữa cho các bé" in needs
    assert "Sơn lại phòng học" in needs
    assert "Áo ấm mùa đông" not in html
    assert "Quạt máy" not in html
    assert needs.index("Sữa cho các bé") < needs.index("Sơn lại phòng học")
    assert "30 hộp" in needs
    assert "24-12-2026" in needs
    assert str(Need.Urgency.CRITICAL.label) in needs


def test_the_page_shows_groups_cared_for_and_visiting_times_as_written(
    demo: Any, client: Client
) -> None:
    site = Site.objects.get(name="Nhà mở Ánh Dương")
    site.groups.all().delete()
    site.slots.all().delete()
    site.groups.create(group="homeless", count=12)
    site.slots.create(weekday=6, starts_at="14:00", ends_at="16:30")
    site.visiting_times_text = "Chiều CN: 14h - 16h30"
    site.save(update_fields=["visiting_times_text"])

    html = _page(client, site)

    groups = html[html.index('data-testid="groups"') :]
    homeless = BeneficiaryGroup.Group.HOMELESS.label
    assert f"{homeless}: 12" in groups[: groups.index("</ul>")]
    assert "14:00–16:30" in html
    assert "Chiều CN: 14h - 16h30" in html


def test_a_site_that_does_not_exist_is_not_found(demo: Any, client: Client) -> None:
    assert client.get("/dia-chi-tinh-nguyen/999999/").status_code == 404
