"""A round asking two ward unions and a university, opened by the city."""

import datetime as dt
from typing import Any

import pytest
import time_machine

from portal.rounds import services
from portal.rounds.models import Round
from portal.units.models import Unit

OPENS = dt.date(2026, 3, 2)
DUE = dt.date(2026, 3, 20)


def vn(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime(
        day.year, day.month, day.day, hour, tzinfo=dt.timezone(dt.timedelta(hours=7))
    )


@pytest.fixture
def on_day() -> Any:
    """Freeze time at a Vietnam date (09:00 unless told), as a context."""

    def freeze(day: dt.date, hour: int = 9) -> Any:
        return time_machine.travel(vn(day, hour), tick=False)

    return freeze


@pytest.fixture
def units(demo: dict[str, Any]) -> dict[str, Unit]:
    return {u.code: u for u in Unit.objects.all()}


@pytest.fixture
def a_round(coordinator: Any, units: dict[str, Unit], on_day: Any) -> Round:
    with on_day(OPENS - dt.timedelta(days=5)):
        return services.open_round(
            by=coordinator,
            reference="125-CV/TĐTN-BMT",
            title="Rà soát CLB, đội, nhóm và địa chỉ tình nguyện 2026",
            lists=Round.Lists.BOTH,
            opens_on=OPENS,
            due_on=DUE,
            focal_name="Nguyễn Thị Điều Phối",
            focal_phone="0901000001",
            focal_email="dieuphoi@demo.tinhnguyen.vn",
            units=[
                units["doan-p-ben-thanh"],
                units["doan-dh-khtn"],
                units["doan-p-sai-gon"],
            ],
        )
