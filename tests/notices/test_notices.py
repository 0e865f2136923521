from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from rest_framework.test import APIClient

from portal.notices.channels import Attachment
from portal.notices.models import Notice
from portal.notices.services import mark_read, notify

pytestmark = pytest.mark.django_db


def test_a_person_is_told_once_per_occasion_even_when_asked_twice(
    officer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        first = notify([officer], title="Sắp hết hạn", key="round-1-due-3d")
        second = notify([officer], title="Sắp hết hạn", key="round-1-due-3d")

    assert len(first) == 1
    assert second == []
    assert Notice.objects.filter(user=officer, key="round-1-due-3d").count() == 1
    assert [m.subject for m in mail.outbox] == ["Sắp hết hạn"]


def test_an_attachment_goes_out_with_the_e_mail(
    django_capture_on_commit_callbacks: Any, officer: Any
) -> None:
    entry = Attachment(
        "ca.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar"
    )

    with django_capture_on_commit_callbacks(execute=True):
        notify([officer], title="Đã đăng ký", key="signup-1", attachments=[entry])

    (message,) = mail.outbox
    assert message.attachments == [
        ("ca.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    ]


def test_notices_without_an_occasion_are_all_kept(officer: Any) -> None:
    notify([officer], title="Một")
    notify([officer], title="Hai")

    assert Notice.objects.filter(user=officer).count() == 2


def test_the_notice_page_shows_unread_notices_first(client: Any, officer: Any) -> None:
    old = notify([officer], title="Đã đọc rồi")[0]
    mark_read(officer, [old.pk])
    notify([officer], title="Chưa đọc")
    client.force_login(officer)

    page = client.get(reverse("notices:list")).content.decode()

    assert page.index("Chưa đọc") < page.index("Đã đọc rồi")


def test_a_person_sees_only_their_own_notices_in_the_api(
    officer: Any, volunteer: Any
) -> None:
    notify([officer], title="Cho cán bộ")
    api = APIClient()
    api.force_authenticate(volunteer)

    response = api.get("/api/v1/notices/")

    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_marking_read_through_the_api_clears_the_unread_ones(officer: Any) -> None:
    notify([officer], title="Một")
    api = APIClient()
    api.force_authenticate(officer)

    response = api.post("/api/v1/notices/mark-read/", {}, format="json")

    assert response.json() == {"marked": 1}
    assert not Notice.objects.filter(user=officer, read_at__isnull=True).exists()
