"""The round's letter (PDF): removed or replaced from the edit form."""

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from portal.rounds import services
from portal.rounds.errors import InvalidDates
from portal.rounds.models import Round

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def pdf(name: str = "cong-van.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def with_letter(a_round: Round, coordinator: Any) -> Round:
    return services.update_round(by=coordinator, round=a_round, letter=pdf())


def edit_form(round: Round, **changes: Any) -> dict[str, Any]:
    form = {
        "reference": round.reference,
        "title": round.title,
        "lists": round.lists,
        "opens_on": round.opens_on.isoformat(),
        "due_on": round.due_on.isoformat(),
        "focal_name": round.focal_name,
        "focal_phone": round.focal_phone,
        "focal_email": round.focal_email,
        "reminder_days": round.reminder_days,
    }
    form.update(changes)
    return form


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def stored(round: Round) -> Path:
    return Path(round.letter.path)


def test_the_edit_form_offers_to_remove_the_letter(
    with_letter: Round, coordinator: Any
) -> None:
    page = signed_in(coordinator).get(reverse("rounds:edit", args=[with_letter.pk]))

    text = page.content.decode()
    assert 'name="letter-clear"' in text
    assert "Gỡ công văn" in text


def test_ticking_remove_takes_the_letter_off_and_deletes_the_file_after_commit(
    with_letter: Round,
    coordinator: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    old = stored(with_letter)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = signed_in(coordinator).post(
            reverse("rounds:edit", args=[with_letter.pk]),
            edit_form(with_letter, **{"letter-clear": "on"}),
        )
        assert old.exists()

    with_letter.refresh_from_db()
    assert response.status_code == 302
    assert callbacks
    assert not with_letter.letter
    assert not old.exists()
    version = with_letter.history.order_by("-history_date", "-history_id").first()
    assert version.history_user == coordinator
    assert version.history_change_reason == "letter-removed"
    history = signed_in(coordinator).get(
        reverse("rounds:history", args=[with_letter.pk])
    )
    assert "đã gỡ công văn" in history.content.decode()


def test_a_new_file_replaces_the_letter_and_the_old_file_goes(
    with_letter: Round,
    coordinator: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    old = stored(with_letter)
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(coordinator).post(
            reverse("rounds:edit", args=[with_letter.pk]),
            edit_form(with_letter, letter=pdf("cong-van-moi.pdf", PDF + b"v2")),
        )

    with_letter.refresh_from_db()
    assert response.status_code == 302
    assert stored(with_letter).read_bytes() == PDF + b"v2"
    assert not old.exists()
    version = with_letter.history.order_by("-history_date", "-history_id").first()
    assert version.history_change_reason == "letter-replaced"
    history = signed_in(coordinator).get(
        reverse("rounds:history", args=[with_letter.pk])
    )
    assert "đã thay công văn" in history.content.decode()


def test_a_change_that_fails_keeps_the_letter_and_its_file(
    with_letter: Round,
    coordinator: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    old = stored(with_letter)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(InvalidDates):
        services.update_round(
            by=coordinator,
            round=with_letter,
            letter=False,
            due_on=with_letter.opens_on.replace(day=1),
        )

    with_letter.refresh_from_db()
    assert with_letter.letter.name
    assert old.exists()


def test_a_new_file_and_remove_at_once_is_refused_under_the_field(
    with_letter: Round, coordinator: Any
) -> None:
    old = stored(with_letter)
    response = signed_in(coordinator).post(
        reverse("rounds:edit", args=[with_letter.pk]),
        edit_form(with_letter, letter=pdf("khac.pdf"), **{"letter-clear": "on"}),
    )

    with_letter.refresh_from_db()
    assert response.status_code == 200
    assert (
        'data-field="letter">Công văn: hãy chọn tệp mới hoặc đánh dấu '
        "“Gỡ công văn”, không làm cả hai."
    ) in response.content.decode()
    assert stored(with_letter) == old
    assert old.exists()


def test_a_replacement_that_is_not_a_pdf_keeps_the_old_letter(
    with_letter: Round, coordinator: Any
) -> None:
    old = stored(with_letter)
    response = signed_in(coordinator).post(
        reverse("rounds:edit", args=[with_letter.pk]),
        edit_form(with_letter, letter=pdf("cong-van.pdf", b"MZ\x90\x00")),
    )

    with_letter.refresh_from_db()
    assert response.status_code == 200
    assert "Công văn: tệp này không phải PDF." in response.content.decode()
    assert stored(with_letter) == old
    assert old.exists()


def test_an_officer_may_not_remove_the_letter(with_letter: Round, officer: Any) -> None:
    response = signed_in(officer).post(
        reverse("rounds:edit", args=[with_letter.pk]),
        edit_form(with_letter, **{"letter-clear": "on"}),
    )

    with_letter.refresh_from_db()
    assert response.status_code == 403
    assert with_letter.letter.name
