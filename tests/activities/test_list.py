"""The public list of activities: what each row shows, its order, its menus."""

import datetime as dt
from html import escape
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from portal.activities import services
from portal.activities.models import Activity, CampaignTag
from portal.places.models import Ward
from portal.teams.models import Field, Team
from tests.activities.conftest import make_activity

pytestmark = pytest.mark.django_db


def _list(**params: Any) -> Any:
    return Client().get("/hoat-dong/", params)


def _runs(activity: Activity, *, starts: dt.timedelta, ends: dt.timedelta) -> None:
    now = timezone.now()
    Activity.objects.filter(pk=activity.pk).update(
        starts_at=now + starts, ends_at=now + ends
    )


def test_each_row_shows_time_ward_campaign_field_and_team(team: Team):
    ward = Ward.objects.in_city().order_by("code").first()
    field = Field.objects.filter(is_active=True).first()
    tag = CampaignTag.objects.get(code="hien-mau")
    activity = make_activity(
        team, title="Hiến máu ở phường", ward=ward, field=field, tag=tag
    )
    start = timezone.localtime(activity.starts_at)

    page = _list(q="hien mau o phuong").content.decode()

    assert f'<a href="/hoat-dong/{activity.pk}/">Hiến máu ở phường</a>' in page
    assert (
        f'<div class="small text-muted">{start:%H:%M %d/%m/%Y} · {ward.name} · '
        f'<span class="badge text-bg-success">{tag.name}</span> · '
        f"{field.name} · {escape(team.name)}</div>"
    ) in page


def test_an_activity_of_a_unit_shows_the_unit(team: Team):
    activity = services.create_activity(
        by=None, unit=team.unit, title="Ngày hội của đơn vị", place="Nhà văn hoá"
    )
    services.add_shift(
        by=None,
        activity=activity,
        starts_at=timezone.now() + dt.timedelta(days=2),
        ends_at=timezone.now() + dt.timedelta(days=2, hours=2),
        capacity=5,
    )
    services.publish(by=None, activity=activity)

    page = _list(q="ngay hoi cua don vi").content.decode()

    assert f"· {escape(team.unit.name)}</div>" in page


def test_titles_are_shown_as_text_not_markup(team: Team):
    make_activity(team, title="Lớp học <b>miễn phí</b> & vui")

    page = _list(q="lop hoc mien phi").content.decode()

    assert "Lớp học &lt;b&gt;miễn phí&lt;/b&gt; &amp; vui" in page
    assert "<b>miễn phí</b>" not in page


def test_one_going_on_now_comes_first_and_a_finished_one_is_gone(team: Team):
    later = make_activity(team, title="Trực đêm sắp tới")
    going = make_activity(team, title="Trực đêm đang diễn ra")
    over = make_activity(team, title="Trực đêm đã xong")
    _runs(going, starts=-dt.timedelta(hours=2), ends=dt.timedelta(hours=1))
    _runs(over, starts=-dt.timedelta(hours=5), ends=-dt.timedelta(minutes=1))

    rows = _list(q="truc dem").context["rows"]

    assert [row.title for row in rows] == [going.title, later.title]
    assert over.title not in {row.title for row in rows}


def test_the_menus_keep_what_was_chosen(team: Team):
    ward = Ward.objects.in_city().order_by("code").first()
    field = Field.objects.filter(is_active=True).first()

    page = _list(ward=ward.code, field=field.code, tag="hien-mau").content.decode()
    menus = page[page.index('data-testid="activity-filters"') :]

    assert f'<option value="{ward.code}" selected>{ward.name}</option>' in menus
    assert f'<option value="{field.code}" selected>{field.name}</option>' in menus
    assert '<option value="hien-mau" selected>Hiến máu</option>' in menus
    assert menus.count(" selected>") == 3


def test_a_retired_field_leaves_the_menu_but_still_names_its_activities(
    team: Team,
):
    field = Field.objects.create(code="linh-vuc-cu", name="Lĩnh vực đã bỏ")
    make_activity(team, title="Hoạt động lĩnh vực cũ", field=field)
    Field.objects.filter(pk=field.pk).update(is_active=False)

    page = _list(q="hoat dong linh vuc cu").content.decode()

    assert 'value="linh-vuc-cu"' not in page
    assert "· Lĩnh vực đã bỏ ·" in page


def test_an_empty_result_says_so(team: Team):
    page = _list(q="khong co hoat dong nao nhu the nay").content.decode()

    assert "Không có hoạt động phù hợp. Hãy bớt từ khóa hoặc đổi bộ lọc." in page
