"""Demo hours: a finished Sunday activity, hours approved, a certificate.

The activity is written directly with the activities' models: their
services rightly refuse shifts in the past, and this one is already over.
"""

import datetime as dt
import logging
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from portal.accounts.models import User
from portal.activities.models import Activity, CampaignTag, Shift
from portal.demo.data import DEMO_PASSWORD
from portal.hours import services
from portal.hours.models import SocialWorkRule
from portal.teams.models import Team
from portal.units.models import Unit

logger = logging.getLogger(__name__)

DEMO_TITLE = "Ngày hội Chủ nhật xanh: làm sạch bờ kênh Tàu Hủ"
TEAM = "CLB Tình nguyện Bến Thành"
# A demo volunteer of their own, so the other demo accounts start clean.
VOLUNTEER = "hongnhung@demo.tinhnguyen.vn"
VOLUNTEER_NAME = "Nguyễn Thị Hồng Nhung"
VOLUNTEER_PHONE = "0901000017"
ORGANISER = "doitruong@demo.tinhnguyen.vn"


@transaction.atomic
def seed_hours(now: dt.datetime | None = None) -> None:
    """Add the demo hours once; nothing when they are there already."""
    if Activity.objects.filter(title=DEMO_TITLE).exists():
        return
    team = Team.objects.filter(name=TEAM).first()
    organiser = User.objects.filter(email=ORGANISER).first()
    if team is None or organiser is None:
        return
    volunteer = User.objects.filter(email=VOLUNTEER).first()
    if volunteer is None:
        volunteer = User.objects.create_user(
            email=VOLUNTEER,
            phone=VOLUNTEER_PHONE,
            password=DEMO_PASSWORD,
            full_name=VOLUNTEER_NAME,
            consented_at=timezone.now(),
        )

    now = now or timezone.now()
    sunday = timezone.localdate(now) - dt.timedelta(days=14)
    starts = timezone.make_aware(dt.datetime.combine(sunday, dt.time(7, 0)))
    ends = starts + dt.timedelta(hours=4)
    activity = Activity(
        title=DEMO_TITLE,
        description="Vớt rác, dọn bờ kênh cùng người dân khu phố.",
        team=team,
        unit_id=team.unit_id,
        tag=CampaignTag.objects.filter(code="chu-nhat-xanh").first(),
        place="Bờ kênh Tàu Hủ, đoạn cầu Chữ Y",
        state=Activity.State.COMPLETED,
        starts_at=starts,
        ends_at=ends,
    )
    activity.refresh_derived()
    activity.save()
    Shift.objects.create(activity=activity, starts_at=starts, ends_at=ends, capacity=30)
    # The demo set holds no sign-up rows (the activities' tests count on
    # it), so the volunteer's hours come as a report for the activity,
    # approved by its organiser, as for someone who helped without a place.
    record = services.report_hours(
        volunteer=volunteer,
        work_date=sunday,
        hours="3.5",
        description="Vớt rác và phân loại rác tái chế",
        activity=activity,
    )
    services.verify_hours(by=organiser, record=record, now=now)
    services.issue_certificate(volunteer=volunteer, activity=activity, now=now)

    services.report_hours(
        volunteer=volunteer,
        work_date=sunday - dt.timedelta(days=3),
        hours="2",
        description="Dạy tin học cơ bản cho các cô chú ở nhà văn hoá khu phố",
        organisation="Nhà văn hoá khu phố 1",
        unit=Unit.objects.get(code=team.unit.code),
    )
    school = Unit.objects.filter(code="doan-dh-khtn").first()
    if school is not None:
        SocialWorkRule.objects.get_or_create(
            unit=school, defaults={"hours_per_day": Decimal(5)}
        )
    logger.info("demo hours seeded for activity %s", activity.pk)
