import datetime as dt
import io
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from portal.rounds import services
from portal.rounds.models import Announcement, Assignment, Round, Submission
from portal.units.models import Unit
from tests.rounds.conftest import DUE, OPENS

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def round_form(**changes: Any) -> dict[str, Any]:
    units = Unit.objects.filter(code__in=["doan-p-ben-thanh", "doan-dh-khtn"])
    form = {
        "reference": "200-CV/TĐTN",
        "title": "Cập nhật danh sách 2026",
        "lists": "both",
        "opens_on": "2026-03-02",
        "due_on": "2026-03-20",
        "focal_name": "Nguyễn Thị Điều Phối",
        "focal_phone": "0901 000 001",
        "focal_email": "dieuphoi@demo.tinhnguyen.vn",
        "reminder_days": "7,3,1",
        "units": [u.pk for u in units],
    }
    form.update(changes)
    return form


def test_a_coordinator_opens_a_round_with_a_pdf_letter(coordinator: Any) -> None:
    letter = SimpleUploadedFile("cong-van.pdf", PDF, content_type="application/pdf")
    response = signed_in(coordinator).post(
        reverse("rounds:create"), round_form(letter=letter)
    )

    round = Round.objects.get(reference="200-CV/TĐTN")
    assert response.status_code == 302
    assert round.focal_phone == "0901000001"
    assert round.letter.name.endswith(".pdf")
    assert sorted(round.assignments.values_list("unit__code", flat=True)) == [
        "doan-dh-khtn",
        "doan-p-ben-thanh",
    ]


def test_a_letter_that_is_not_a_pdf_is_refused_naming_the_field(
    coordinator: Any,
) -> None:
    fake = SimpleUploadedFile(
        "cong-van.pdf", b"MZ\x90\x00", content_type="application/pdf"
    )
    response = signed_in(coordinator).post(
        reverse("rounds:create"), round_form(letter=fake, due_on="2026-03-01")
    )

    assert response.status_code == 200
    text = response.content.decode()
    assert "Công văn: tệp này không phải PDF." in text
    assert "Hạn nộp: hạn nộp không được trước ngày mở đợt." in text
    assert not Round.objects.filter(reference="200-CV/TĐTN").exists()


def test_an_officer_may_not_open_a_round(officer: Any) -> None:
    client = signed_in(officer)
    assert client.get(reverse("rounds:create")).status_code == 403
    assert client.post(reverse("rounds:create"), round_form()).status_code == 403


def test_extending_a_round_is_kept_in_its_history(
    a_round: Round, coordinator: Any
) -> None:
    client = signed_in(coordinator)
    form = {
        "reference": a_round.reference,
        "title": a_round.title,
        "lists": a_round.lists,
        "opens_on": "2026-03-02",
        "due_on": "2026-03-27",
        "focal_name": a_round.focal_name,
        "focal_phone": a_round.focal_phone,
        "focal_email": a_round.focal_email,
        "reminder_days": "7,3,1",
    }
    assert (
        client.post(reverse("rounds:edit", args=[a_round.pk]), form).status_code == 302
    )

    history = client.get(reverse("rounds:history", args=[a_round.pk])).content.decode()
    assert "27/03/2026" in history
    assert "<td>hạn nộp</td>" in history
    last = a_round.history.first()
    assert last.history_user == coordinator


def test_the_unit_home_shows_the_round_deadline_and_what_is_missing(
    a_round: Round, officer: Any, on_day: Any
) -> None:
    with on_day(OPENS):
        page = signed_in(officer).get(reverse("rounds:list")).content.decode()
    assignment = Assignment.objects.get(round=a_round, unit__code="doan-p-ben-thanh")
    assert f'data-assignment="{assignment.pk}"' in page
    assert "20/03/2026" in page
    assert "18 ngày nữa" in page
    # The university's row is not the Bến Thành officer's business.
    other = Assignment.objects.get(round=a_round, unit__code="doan-dh-khtn")
    assert f'data-assignment="{other.pk}"' not in page


def test_submitting_from_the_unit_page_then_reviewing_with_per_record_comments(
    a_round: Round, officer: Any, coordinator: Any, on_day: Any
) -> None:
    assignment = Assignment.objects.get(round=a_round, unit__code="doan-p-ben-thanh")
    with on_day(OPENS):
        signed_in(officer).post(reverse("rounds:submit", args=[assignment.pk]))
    submission = Submission.objects.get(assignment=assignment)
    team_id = submission.teams[0]["id"]

    review = signed_in(coordinator)
    page = review.get(reverse("rounds:submission", args=[submission.pk]))
    assert f'name="comment-teams-{team_id}"' in page.content.decode()
    review.post(
        reverse("rounds:return", args=[submission.pk]),
        {"note": "", f"comment-teams-{team_id}": "Thiếu số điện thoại chủ nhiệm"},
    )

    unit_page = signed_in(officer).get(
        reverse("rounds:assignment", args=[assignment.pk])
    )
    assert "Thiếu số điện thoại chủ nhiệm" in unit_page.content.decode()
    assert "Bị trả lại" in unit_page.content.decode()


def test_approving_a_withdrawn_submission_from_a_stale_page_says_so(
    a_round: Round, officer: Any, coordinator: Any, on_day: Any
) -> None:
    assignment = Assignment.objects.get(round=a_round, unit__code="doan-p-ben-thanh")
    with on_day(OPENS):
        (submission,) = services.submit(by=officer, assignment=assignment)
    services.withdraw(by=officer, submission=submission)

    response = signed_in(coordinator).post(
        reverse("rounds:approve", args=[submission.pk]), follow=True
    )
    assert "Bài nộp này không còn chờ duyệt" in response.content.decode()
    submission.refresh_from_db()
    assert submission.status == Submission.Status.WITHDRAWN


def test_the_board_filters_sorts_and_downloads(
    a_round: Round, officer: Any, coordinator: Any, on_day: Any
) -> None:
    with on_day(OPENS):
        services.submit(
            by=officer,
            assignment=Assignment.objects.get(
                round=a_round, unit__code="doan-p-ben-thanh"
            ),
        )
    client = signed_in(coordinator)
    url = reverse("rounds:board", args=[a_round.pk])

    rows = re.findall(r'data-row="([^"]+)"', client.get(url).content.decode())
    assert set(rows) == {"doan-p-ben-thanh", "doan-dh-khtn", "doan-p-sai-gon"}
    waiting = client.get(url, {"state": "not_started", "sort": "-unit"})
    # "Đoàn trường ..." sorts after "Đoàn phường ...": backwards, it is first.
    assert re.findall(r'data-row="([^"]+)"', waiting.content.decode()) == [
        "doan-dh-khtn",
        "doan-p-sai-gon",
    ]
    page = client.get(url).content.decode()
    assert 'aria-valuenow="33"' in page
    # The chart: one unit had submitted by the opening day.
    assert '{"day": "2026-03-02", "done": 1}' in page

    download = client.get(reverse("rounds:board-xlsx", args=[a_round.pk]))
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    values = [row for row in sheet.iter_rows(min_row=4, values_only=True)]
    by_unit = {row[1]: row for row in values}
    assert by_unit["Đoàn phường Bến Thành"][5:] == (2, 2)
    assert by_unit["Đoàn phường Bến Thành"][4] == "Đúng hạn"


def test_the_board_shows_each_units_state_timing_and_counts_escaped(
    a_round: Round, officer: Any, coordinator: Any, on_day: Any
) -> None:
    Unit.objects.filter(code="doan-p-sai-gon").update(name="Đoàn <b>Sài Gòn</b> & Co")
    with on_day(DUE + dt.timedelta(days=1)):
        services.submit(
            by=officer,
            assignment=Assignment.objects.get(
                round=a_round, unit__code="doan-p-ben-thanh"
            ),
        )
    client = signed_in(coordinator)
    url = reverse("rounds:board", args=[a_round.pk])

    page = client.get(url).content.decode()
    rows = dict(re.findall(r'<tr data-row="([^"]+)">(.*?)</tr>', page, re.S))
    late = rows["doan-p-ben-thanh"]
    assert 'data-state="submitted"' in late
    assert "21/03/2026 09:00" in late
    assert "data-late" in late
    assert re.findall(r'"text-end">(\d+)<', late) == ["2", "2"]
    waiting = rows["doan-p-sai-gon"]
    assert "Đoàn &lt;b&gt;Sài Gòn&lt;/b&gt; &amp; Co" in waiting
    assert 'data-state="not_started"' in waiting
    assert "<td>—</td>" in waiting
    assert "data-late" not in waiting
    nothing = client.get(url, {"q": "không có đơn vị này"}).content.decode()
    assert "data-row=" not in nothing
    assert "Không có đơn vị phù hợp." in nothing


def test_an_officer_sees_only_their_units_on_the_board(
    a_round: Round, officer: Any
) -> None:
    page = signed_in(officer).get(reverse("rounds:board", args=[a_round.pk]))
    assert re.findall(r'data-row="([^"]+)"', page.content.decode()) == [
        "doan-p-ben-thanh"
    ]


def test_the_merged_download_holds_the_approved_records(
    a_round: Round, officer: Any, coordinator: Any, on_day: Any
) -> None:
    with on_day(OPENS):
        (submission,) = services.submit(
            by=officer,
            assignment=Assignment.objects.get(
                round=a_round, unit__code="doan-p-ben-thanh"
            ),
        )
    services.approve(by=coordinator, submission=submission)

    response = signed_in(coordinator).get(
        reverse("rounds:merged-xlsx", args=[a_round.pk, "sites"])
    )
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    text = [c for row in workbook.active.iter_rows(values_only=True) for c in row]
    assert "Mái ấm Hoa Hồng" in text
    assert "Nhà mở Ánh Dương" in text
    assert "Trung tâm Bảo trợ trẻ em Sài Gòn" not in text


def test_questions_answered_become_the_faq_of_every_asked_unit(
    a_round: Round, officer: Any, officer_university: Any, coordinator: Any
) -> None:
    mine = Assignment.objects.get(round=a_round, unit__code="doan-p-ben-thanh")
    signed_in(officer).post(
        reverse("rounds:ask", args=[mine.pk]), {"text": "Có cần nộp chi đoàn không?"}
    )
    question = a_round.questions.get()
    university = signed_in(officer_university)
    detail = reverse("rounds:detail", args=[a_round.pk])
    assert "Có cần nộp chi đoàn không?" not in university.get(detail).content.decode()

    signed_in(coordinator).post(
        reverse("rounds:answer", args=[question.pk]), {"answer": "Có, nộp gộp."}
    )
    page = university.get(detail).content.decode()
    assert "Có cần nộp chi đoàn không?" in page
    assert "Có, nộp gộp." in page


def test_officers_see_unread_announcements_first(
    coordinator: Any, officer: Any, units: dict[str, Unit]
) -> None:
    old = services.post_announcement(
        by=coordinator,
        title="Thông báo cũ",
        body="…",
        units=[units["doan-p-ben-thanh"]],
    )
    services.post_announcement(
        by=coordinator,
        title="Thông báo mới",
        body="…",
        units=[units["doan-p-ben-thanh"]],
    )
    services.post_announcement(
        by=coordinator, title="Cho trường", body="…", units=[units["doan-dh-khtn"]]
    )
    client = signed_in(officer)
    newest = Announcement.objects.get(title="Thông báo mới")
    client.get(reverse("rounds:announcement", args=[newest.pk]))

    page = client.get(reverse("rounds:announcements")).content.decode()
    order = re.findall(r'data-announcement="(\d+)" data-read="(\d)"', page)
    assert order == [(str(old.pk), "0"), (str(newest.pk), "1")]


def test_the_progress_endpoint_gives_each_unit_state(
    a_round: Round, officer: Any, coordinator: Any, on_day: Any
) -> None:
    with on_day(OPENS):
        services.submit(
            by=officer,
            assignment=Assignment.objects.get(
                round=a_round, unit__code="doan-p-ben-thanh"
            ),
        )
    body = signed_in(coordinator).get(f"/api/v1/rounds/{a_round.pk}/progress/").json()

    assert body["total"] == 3
    assert body["done"] == 1
    assert body["by_state"]["submitted"] == 1
    states = {row["unit"]: row["state"] for row in body["units"]}
    assert states == {
        "doan-p-ben-thanh": "submitted",
        "doan-dh-khtn": "not_started",
        "doan-p-sai-gon": "not_started",
    }


def test_submitting_twice_through_the_api_answers_409(
    a_round: Round, officer: Any, on_day: Any
) -> None:
    assignment = Assignment.objects.get(round=a_round, unit__code="doan-p-ben-thanh")
    client = signed_in(officer)
    url = f"/api/v1/rounds/units/{assignment.pk}/submit/"
    with on_day(OPENS):
        first = client.post(url, {}, content_type="application/json")
        second = client.post(url, {}, content_type="application/json")
    assert first.status_code == 201
    assert second.status_code == 409
    assert second.json()["code"] == "already_submitted"


def test_the_panel_for_the_officers_own_page_lists_rounds_waiting_on_them(
    a_round: Round, officer: Any, rf: Any, on_day: Any
) -> None:
    from django.template import Context, Template

    request = rf.get("/")
    request.user = officer
    with on_day(OPENS):
        html = Template("{% load rounds_panel %}{% rounds_panel %}").render(
            Context({"request": request})
        )
    mine = Assignment.objects.get(round=a_round, unit__code="doan-p-ben-thanh")
    other = Assignment.objects.get(round=a_round, unit__code="doan-dh-khtn")
    assert f'data-assignment="{mine.pk}"' in html
    assert f'data-assignment="{other.pk}"' not in html
    assert "Thành Đoàn đang yêu cầu đơn vị của bạn" in html
