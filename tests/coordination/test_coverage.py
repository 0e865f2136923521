from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from portal.coordination.coverage import gini, neglect_score, site_coverage
from portal.coordination.models import Visit
from portal.sites.models import Need, Site
from portal.teams.models import Team

TODAY = date(2026, 3, 10)


def _at(day: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def _visit(site: Site, day: date, *, people: int = 10, status: str = "accepted"):
    return Visit.objects.create(
        site=site,
        team=Team.objects.first(),
        starts_at=_at(day),
        ends_at=_at(day, 11),
        head_count=people,
        status=status,
    )


def test_gini_is_zero_when_everyone_has_the_same() -> None:
    assert gini([3, 3, 3, 3]) == 0.0


def test_gini_nears_one_when_one_site_has_everything() -> None:
    assert gini([0] * 99 + [100]) == pytest.approx(0.99)


def test_gini_of_nothing_is_zero() -> None:
    assert gini([]) == 0.0
    assert gini([0, 0]) == 0.0


def test_gini_matches_the_mean_absolute_difference_definition() -> None:
    values = [1, 2, 3, 10]
    n = len(values)
    mean = sum(values) / n
    pairs = sum(abs(a - b) for a in values for b in values)
    assert gini(values) == pytest.approx(pairs / (2 * n * n * mean), abs=1e-4)


def test_counts_only_accepted_visits_that_have_started(demo: Any) -> None:
    site = Site.objects.get(name="Nhà mở Ánh Dương")
    _visit(site, TODAY - timedelta(days=3), people=12)
    _visit(site, TODAY - timedelta(days=60), people=8, status="done")
    _visit(site, TODAY - timedelta(days=2), status="declined")
    _visit(site, TODAY - timedelta(days=1), status="pending")
    _visit(site, TODAY + timedelta(days=2))
    _visit(site, TODAY - timedelta(days=200), people=30)

    cov = site_coverage(Site.objects.filter(pk=site.pk), today=TODAY)[site.pk]

    assert (cov.visits_30, cov.visits_90) == (1, 2)
    assert (cov.volunteers_30, cov.volunteers_90) == (12, 20)
    assert cov.days_since_last_visit == 3
    assert cov.beneficiaries == 20
    assert cov.beneficiaries_per_visit == 10.0


def test_a_site_never_visited_has_no_last_visit_and_scores_high(demo: Any) -> None:
    quiet = Site.objects.get(name="Trường chuyên biệt Ánh Sáng")
    busy = Site.objects.get(name="Nhà mở Ánh Dương")
    for days in range(1, 60, 7):
        _visit(busy, TODAY - timedelta(days=days))

    cov = site_coverage(Site.objects.filter(pk__in=[quiet.pk, busy.pk]), today=TODAY)

    assert cov[quiet.pk].days_since_last_visit is None
    assert cov[quiet.pk].visits_90 == 0
    assert cov[quiet.pk].beneficiaries_per_visit is None
    assert cov[quiet.pk].neglect > cov[busy.pk].neglect


def test_open_needs_and_the_age_of_the_oldest(demo: Any) -> None:
    site = Site.objects.get(name="Mái ấm Hoa Hồng")
    old = site.needs.order_by("created_at").first()
    Need.objects.filter(pk=old.pk).update(created_at=_at(TODAY - timedelta(days=40)))
    Need.objects.create(
        site=site, category="food", description="Sữa", status="fulfilled"
    )

    cov = site_coverage(Site.objects.filter(pk=site.pk), today=TODAY)[site.pk]

    assert cov.open_needs == 2
    assert cov.oldest_open_need_days == 40


def test_neglect_grows_with_time_since_the_last_visit() -> None:
    scores = [
        neglect_score(
            days_since_last_visit=days,
            visits_90=0,
            beneficiaries=30,
            open_needs=0,
            oldest_open_need_days=None,
        )
        for days in (5, 60, 400)
    ]
    assert scores == sorted(scores)
    assert (
        neglect_score(
            days_since_last_visit=None,
            visits_90=0,
            beneficiaries=30,
            open_needs=1,
            oldest_open_need_days=120,
        )
        == 100.0
    )
