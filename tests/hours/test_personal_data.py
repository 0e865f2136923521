"""A volunteer sees, downloads and deletes their data; exports are logged."""

import datetime as dt
import json
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal.accounts.models import User
from portal.hours import codes, privacy, services
from portal.hours.errors import PasswordMismatch
from portal.hours.models import Certificate, ExportLog, HourRecord
from portal.notices.services import notify
from tests.hours.factories import at, make_activity, make_shift, sign_up

pytestmark = pytest.mark.django_db

PASSWORD = "tinhnguyen2026"


@pytest.fixture
def worked(volunteer: Any, team_manager: Any) -> HourRecord:
    activity = make_activity()
    shift = make_shift(activity, starts_at=at(8), hours=3)
    signup = sign_up(shift, volunteer)
    for moment in (at(8), at(11)):
        with time_machine.travel(moment, tick=False):
            services.check_in(by=team_manager, code=codes.volunteer_code(signup.pk))
    record = HourRecord.objects.get(signup=signup)
    services.verify_hours(by=team_manager, record=record)
    services.issue_certificate(volunteer=volunteer, activity=activity)
    return record


def test_the_data_page_shows_what_is_held_and_why(
    client: Client, volunteer: Any, worked: HourRecord
) -> None:
    client.force_login(volunteer)

    page = client.get(reverse("hours:my_data"))

    body = page.content.decode()
    assert page.status_code == 200
    for shown in (volunteer.full_name, volunteer.email, volunteer.phone,
                  "Dọn rác kênh Nhiêu Lộc"):  # fmt: skip
        assert shown in body
    assert 'data-testid="purposes"' in body


def test_the_json_download_holds_everything_and_is_logged(
    client: Client, volunteer: Any, worked: HourRecord
) -> None:
    client.force_login(volunteer)

    response = client.get(reverse("hours:my_data_json"))

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == volunteer.email
    assert data["account"]["consented_at"]
    assert {"activity": "Dọn rác kênh Nhiêu Lộc", "verified_minutes": 180} in [
        {"activity": h["activity"], "verified_minutes": h["verified_minutes"]}
        for h in data["hours"]
    ]
    assert "Dọn rác kênh Nhiêu Lộc" in {s["activity"] for s in data["signups"]}
    assert len(data["certificates"]) == volunteer.certificates.count() >= 1
    log = ExportLog.objects.get(user=volunteer)
    assert (log.user, log.subject) == (volunteer, volunteer)
    assert log.count == privacy.rows_in(data)


def test_log_export_records_who_took_what_and_how_many(
    team_manager: Any, volunteer: Any
) -> None:
    entry = privacy.log_export(
        user=team_manager, what="roster of shift 1 with phone numbers", count=12
    )

    assert (entry.user, entry.what, entry.count) == (
        team_manager,
        "roster of shift 1 with phone numbers",
        12,
    )
    assert entry.created_at is not None


def test_deleting_the_account_erases_the_person_but_keeps_the_hours_in_totals(
    client: Client, volunteer: Any, worked: HourRecord
) -> None:
    notify([volunteer], title="Nhắc ca", body="", url="", key="x")
    certificate = Certificate.objects.get(volunteer=volunteer, activity=worked.activity)
    activity_total = HourRecord.objects.filter(activity=worked.activity).count()
    client.force_login(volunteer)

    refused = client.post(reverse("hours:delete_account"), {"password": "sai"})
    assert refused.status_code == 400
    response = client.post(reverse("hours:delete_account"), {"password": PASSWORD})

    assert response.status_code == 302
    person = User.objects.get(pk=volunteer.pk)
    assert person.full_name == privacy.DELETED_NAME
    assert person.phone is None
    assert person.email.endswith("@deleted.invalid")
    assert not person.is_active and not person.has_usable_password()
    assert not person.notices.exists()
    # The hours still count for the activity and the unit.
    record = HourRecord.objects.get(pk=worked.pk)
    assert (record.status, record.minutes) == ("verified", 180)
    assert HourRecord.objects.filter(activity=worked.activity).count() == activity_total
    # Their certificate no longer vouches for anyone.
    certificate.refresh_from_db()
    assert certificate.revoked_at is not None
    assert "Đặng Văn" not in certificate.holder_name
    # Nobody can sign in as them any more.
    sign_in = Client().post(
        reverse("accounts:login"),
        {"username": "tnv@demo.tinhnguyen.vn", "password": PASSWORD},
    )
    assert sign_in.status_code == 200
    assert "_auth_user_id" not in sign_in.client.session
    assert client.get(reverse("hours:my_data")).status_code == 302


def test_a_wrong_password_deletes_nothing(volunteer: Any) -> None:
    with pytest.raises(PasswordMismatch):
        privacy.delete_account(user=volunteer, password="không đúng")

    volunteer.refresh_from_db()
    assert volunteer.is_active and volunteer.full_name == "Đặng Văn Tình Nguyện"


def test_deleting_the_account_gives_future_places_to_the_waitlist(
    demo: dict[str, Any], volunteer: Any, site_contact: Any
) -> None:
    from portal.activities.models import SignUp

    shift = make_shift(
        make_activity(title="Mùa hè xanh"),
        starts_at=timezone.now() + dt.timedelta(days=10),
        capacity=1,
    )
    leaving = sign_up(shift, volunteer)
    waiting = SignUp.objects.create(
        shift=shift, volunteer=site_contact, status=SignUp.Status.WAITLISTED
    )

    privacy.delete_account(user=volunteer, password=PASSWORD)

    leaving.refresh_from_db()
    waiting.refresh_from_db()
    assert leaving.status == SignUp.Status.CANCELLED
    assert waiting.status == SignUp.Status.CONFIRMED


def test_coordinators_read_the_export_log_in_the_admin_but_cannot_change_it(
    coordinator: Any, volunteer: Any
) -> None:
    privacy.log_export(user=coordinator, what="danh sách tình nguyện viên", count=3)
    client = Client()
    client.force_login(coordinator)

    listing = client.get("/quan-tri/hours/exportlog/")
    adding = client.get("/quan-tri/hours/exportlog/add/")

    assert listing.status_code == 200
    assert "danh sách tình nguyện viên" in listing.content.decode()
    assert adding.status_code == 403
    client.force_login(volunteer)
    assert client.get("/quan-tri/hours/exportlog/").status_code == 302
