"""Certificates: the PDF in Vietnamese, its QR code, and the public check."""

from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from fontTools.ttLib import TTFont

from portal.hours import certificates, codes, services
from portal.hours.certificates import is_genuine
from portal.hours.errors import NoVerifiedHours
from portal.hours.models import Certificate, HourRecord
from tests.hours.factories import at, make_activity, make_shift, sign_up
from tests.hours.pdf import font_names, link_targets, text_of

pytestmark = pytest.mark.django_db

TITLE = "Tiếp sức mùa thi – điểm thi Trường THPT Bùi Thị Xuân"


@pytest.fixture
def activity(demo: dict[str, Any], volunteer: Any, team_manager: Any) -> Any:
    activity = make_activity(title=TITLE)
    shift = make_shift(activity, starts_at=at(8), hours=3)
    signup = sign_up(shift, volunteer)
    for moment in (at(8), at(10, 30)):
        with time_machine.travel(moment, tick=False):
            services.check_in(by=team_manager, code=codes.volunteer_code(signup.pk))
    services.verify_hours(by=team_manager, record=HourRecord.objects.get(signup=signup))
    return activity


def check_url(certificate: Certificate) -> str:
    return reverse("hours:certificate_check", args=[certificate.public_id])


def download(client: Client, activity: Any) -> Any:
    return client.get(reverse("hours:certificate_pdf", args=[activity.pk]))


def test_the_certificate_pdf_reads_in_vietnamese_with_an_embedded_font(
    client: Client, volunteer: Any, activity: Any
) -> None:
    client.force_login(volunteer)

    response = download(client, activity)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = text_of(response.content)
    assert "GIẤY CHỨNG NHẬN" in text
    assert "Đặng Văn Tình Nguyện" in text
    assert TITLE in text
    assert "Đoàn phường Bến Thành" in text
    assert "2,50 giờ" in text
    assert any("DejaVu" in name for name in font_names(response.content))
    # Every letter drawn has a glyph in that font: no empty boxes.
    font = TTFont(certificates.FONT_DIR / certificates.FONT_REGULAR)
    missing = {c for c in text if not c.isspace() and ord(c) not in font.getBestCmap()}
    assert not missing


def test_the_qr_code_and_link_open_the_certificates_public_page(
    client: Client, volunteer: Any, activity: Any
) -> None:
    client.force_login(volunteer)
    response = download(client, activity)
    certificate = Certificate.objects.get(volunteer=volunteer, activity=activity)

    targets = link_targets(response.content)

    assert targets
    assert all(t.endswith(f"/chung-nhan/{certificate.public_id}/") for t in targets)


def test_the_public_page_confirms_a_genuine_certificate(
    volunteer: Any, activity: Any
) -> None:
    certificate = services.issue_certificate(volunteer=volunteer, activity=activity)

    page = Client().get(check_url(certificate))

    body = page.content.decode()
    assert page.status_code == 200
    assert 'data-verdict="genuine"' in body
    for shown in ("Đặng Văn Tình Nguyện", TITLE, "2,50", "Đoàn phường Bến Thành"):
        assert shown in body


def test_a_certificate_changed_after_signing_fails_the_check(
    volunteer: Any, activity: Any
) -> None:
    certificate = services.issue_certificate(volunteer=volunteer, activity=activity)
    Certificate.objects.filter(pk=certificate.pk).update(minutes=6000)

    page = Client().get(check_url(certificate))

    assert page.status_code == 409
    assert 'data-verdict="altered"' in page.content.decode()
    assert "100,00" not in page.content.decode()


def test_a_made_up_certificate_code_fails_the_check(demo: dict[str, Any]) -> None:
    page = Client().get(reverse("hours:certificate_check", args=["khong-co-that"]))

    assert page.status_code == 404
    assert 'data-verdict="unknown"' in page.content.decode()


def test_a_certificate_is_reissued_when_the_hours_change_and_the_old_one_is_revoked(
    volunteer: Any, team_manager: Any, activity: Any
) -> None:
    first = services.issue_certificate(volunteer=volunteer, activity=activity)
    assert services.issue_certificate(volunteer=volunteer, activity=activity) == first

    record = HourRecord.objects.get(volunteer=volunteer, activity=activity)
    services.verify_hours(
        by=team_manager, record=record, hours="3", reason="Ở lại dọn dẹp"
    )
    second = services.issue_certificate(volunteer=volunteer, activity=activity)

    first.refresh_from_db()
    assert second != first and second.minutes == 180
    assert first.revoked_at is not None and is_genuine(first)
    page = Client().get(check_url(first))
    assert 'data-verdict="revoked"' in page.content.decode()


def test_no_certificate_without_verified_hours(
    client: Client, site_contact: Any, activity: Any
) -> None:
    with pytest.raises(NoVerifiedHours):
        services.issue_certificate(volunteer=site_contact, activity=activity)

    client.force_login(site_contact)
    response = download(client, activity)
    assert response.status_code == 409
    assert not Certificate.objects.filter(volunteer=site_contact).exists()
