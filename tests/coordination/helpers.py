"""Named places and people for the coordination tests."""

from datetime import date, datetime
from typing import Any

from django.utils import timezone

from portal.accounts.models import User
from portal.teams.models import Team
from portal.teams.services import add_team_manager

ROSES = "Mái ấm Hoa Hồng"  # protected; Sat and Sun 08:00-11:00; 20 at once
SUNRISE = "Nhà mở Ánh Dương"  # Wednesday 14:00-17:00; 20 at once
BEN_THANH_CLUB = "CLB Tình nguyện Bến Thành"
EXAM_TEAM = "Đội hình Tiếp sức mùa thi"

# A Monday morning; the Saturday after it is 7 March.
NOW = datetime(2026, 3, 2, 9, 0)
SATURDAY = date(2026, 3, 7)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A moment in Vietnam time."""
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


def second_manager() -> User:
    """Manager of the exam-season team, a second verified team."""
    user = User.objects.filter(email="doitruong2@example.vn").first()
    if user is None:
        user = User.objects.create_user(
            email="doitruong2@example.vn",
            phone="0901999002",
            password="pw-for-tests-only",
            full_name="Ngô Thị Hoa",
            consented_at=timezone.now(),
        )
        add_team_manager(team=Team.objects.get(name=EXAM_TEAM), user=user)
    return user


def fresh(user: Any) -> Any:
    user.__dict__.pop("_portal_scope", None)
    return user
