from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command

from portal.core.tasks import send_email


@pytest.mark.django_db(transaction=True)
def test_a_queued_mail_is_sent_by_the_database_worker(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    result = send_email.enqueue(to=["a@example.vn"], subject="Chào", body="Nội dung")
    assert mail.outbox == []

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")

    result.refresh()
    assert result.status == "SUCCESSFUL"
    assert [m.subject for m in mail.outbox] == ["Chào"]
