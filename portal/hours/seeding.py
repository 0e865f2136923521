"""Demo hours: one finished Sunday activity, checked in, verified, certified.

Written directly with the activities' models: their services rightly
refuse sign-ups for shifts in the past, and this activity is already over.
"""

import datetime as dt
import logging
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from portal.accounts.models import User
from portal.activities.models import Activity, CampaignTag, Shift, SignUp
from portal.hours import services
from portal.hours.models import HourRecord, SocialWorkRule
from portal.teams.models import Team
from portal.units.models import Unit

logger = logging.getLogger(__name__)

DEMO_TITLE = "Chủ nhật xanh: làm sạch kênh Nhiêu Lộc - Thị Nghè"
TEAM = "CLB Tình nguyện Bến Thành"
VOLUNTEER = "tnv@demo.tinhnguyen.vn"
ORGANISER = "doitruong@demo.tinhnguyen.vn"


@transaction.atomic
def seed_hours(now: dt.datetime | None = None) -> None:
    """Add the demo hours once; nothing when they are there already."""
    if Activity.objects.filter(title=DEMO_TITLE).exists():
        return
    team = Team.objects.filter(name=TEAM).first()
    volunteer = User.objects.filter(email=VOLUNTEER).first()
    organiser = User.objects.filter(email=ORGANISER).first()
    if team is None or volunteer is None or organiser is None:
        return

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
        place="Bờ kênh Nhiêu Lộc, đoạn cầu Lê Văn Sỹ",
        state=Activity.State.COMPLETED,
        starts_at=starts,
        ends_at=ends,
    )
    activity.refresh_derived()
    activity.save()
    shift = Shift.objects.create(
        activity=activity, starts_at=starts, ends_at=ends, capacity=30
    )
    signup = SignUp.objects.create(
        shift=shift, volunteer=volunteer, status=SignUp.Status.CONFIRMED
    )
    Shift.objects.filter(pk=shift.pk).update(confirmed_count=1)

    record = HourRecord.objects.create(
        volunteer=volunteer,
        kind=HourRecord.Kind.SHIFT,
        status=HourRecord.Status.AWAITING,
        signup=signup,
        shift=shift,
        activity=activity,
        unit_id=activity.unit_id,
        work_date=sunday,
        check_in_at=starts + dt.timedelta(minutes=5),
        check_out_at=ends - dt.timedelta(minutes=25),
        checked_in_by=organiser,
        shift_minutes=240,
        computed_minutes=210,
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
