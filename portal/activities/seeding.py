"""Activities for the demo set and for the city-sized benchmark set.

The demo activities go through the services, as an organiser would post
them. The city-sized set (about 100,000 activities and their shifts) is
written with bulk inserts.
"""

import datetime as dt
import logging
import random

from django.utils import timezone

from portal.activities import services
from portal.activities.models import Activity, CampaignTag, Shift
from portal.lib.search import search_key
from portal.teams.models import Field, Team

logger = logging.getLogger(__name__)

CITY_ACTIVITIES = 100_000
_BATCH = 5000

_TITLES = [
    "Dọn rác kênh {place}",
    "Dạy học miễn phí cho trẻ em {place}",
    "Hiến máu nhân đạo tại {place}",
    "Thăm và tặng quà mái ấm {place}",
    "Trồng cây xanh {place}",
    "Hướng dẫn người cao tuổi dùng điện thoại {place}",
    "Phân luồng giao thông giờ tan trường {place}",
    "Nấu cơm từ thiện {place}",
    "Sửa nhà cho hộ khó khăn {place}",
    "Ngày hội Chủ nhật xanh {place}",
]


def seed_demo_activities() -> None:
    """A few published activities of the demo teams, for ``make run``."""
    if Activity.objects.exists():
        return
    teams = list(Team.objects.filter(verification="verified").order_by("pk")[:3])
    tags = {tag.code: tag for tag in CampaignTag.objects.all()}
    fields = list(Field.objects.order_by("pk")[:3])
    start = timezone.localtime().replace(hour=7, minute=30, second=0, microsecond=0)
    plans = [
        ("Chủ nhật xanh: dọn rác kênh Nhiêu Lộc", "chu-nhat-xanh", 4, 20),
        ("Hiến máu nhân đạo tại Nhà văn hóa Thanh niên", "hien-mau", 9, 50),
        ("Mùa hè xanh: dạy kỹ năng cho thiếu nhi", "mua-he-xanh", 12, 15),
    ]
    for number, (title, tag, days, places) in enumerate(plans):
        if not teams:
            return
        team = teams[number % len(teams)]
        activity = services.create_activity(
            by=None,
            team=team,
            title=title,
            description="Hoạt động mẫu của cổng tình nguyện.",
            tag=tags.get(tag),
            field=fields[number % len(fields)] if fields else None,
            place="Nhà văn hóa Thanh niên, 4 Phạm Ngọc Thạch",
            ward_id=team.ward_id,
        )
        first = start + dt.timedelta(days=days)
        services.add_shift(
            by=None,
            activity=activity,
            starts_at=first,
            ends_at=first + dt.timedelta(hours=4),
            capacity=places,
        )
        services.publish(by=None, activity=activity)


def seed_city_activities(rng: random.Random, count: int = CITY_ACTIVITIES) -> int:
    """Bulk-create the city-sized activities and shifts; returns how many."""
    teams = list(Team.objects.values_list("pk", "unit_id", "ward_id", "name"))
    if not teams:
        return 0
    tag_ids = list(CampaignTag.objects.values_list("pk", flat=True))
    field_ids = list(Field.objects.values_list("pk", flat=True))
    ward_names = dict(
        Team.objects.filter(ward__isnull=False).values_list("ward_id", "ward__name")
    )
    states = ["published"] * 16 + ["completed"] * 2 + ["draft", "cancelled"]
    now = timezone.now().replace(minute=0, second=0, microsecond=0)

    made = 0
    while made < count:
        size = min(_BATCH, count - made)
        activities, spans = [], []
        for _ in range(size):
            team_id, unit_id, ward_id, team_name = rng.choice(teams)
            place = ward_names.get(ward_id, "TP. Hồ Chí Minh")
            title = rng.choice(_TITLES).format(place=place)
            start = now + dt.timedelta(hours=rng.randint(-24 * 180, 24 * 180))
            shifts = rng.randint(1, 2)
            spans.append((start, shifts))
            activities.append(
                Activity(
                    title=title,
                    team_id=team_id,
                    unit_id=unit_id,
                    ward_id=ward_id,
                    field_id=rng.choice(field_ids) if field_ids else None,
                    tag_id=rng.choice(tag_ids) if rng.random() < 0.7 else None,
                    place=place,
                    state=rng.choice(states),
                    starts_at=start,
                    ends_at=start + dt.timedelta(days=shifts - 1, hours=4),
                    search_text=search_key(title, place, team_name),
                )
            )
        created = Activity.objects.bulk_create(activities, batch_size=1000)
        shift_rows = []
        for activity, (start, shifts) in zip(created, spans, strict=True):
            for day in range(shifts):
                capacity = rng.randint(10, 50)
                shift_rows.append(
                    Shift(
                        activity_id=activity.pk,
                        starts_at=start + dt.timedelta(days=day),
                        ends_at=start + dt.timedelta(days=day, hours=4),
                        capacity=capacity,
                        confirmed_count=rng.randint(0, capacity),
                    )
                )
        Shift.objects.bulk_create(shift_rows, batch_size=2000)
        made += size
    logger.info("city activities: %s created", made)
    return made
