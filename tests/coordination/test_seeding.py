"""The city-sized stage: a year of uneven visits, made once."""

import random
from typing import Any

import pytest
from django.db.models import Count
from django.utils import timezone

from portal.coordination.coverage import gini
from portal.coordination.models import Visit
from portal.coordination.seeding import seed_city_coordination
from portal.sites.models import Site

pytestmark = pytest.mark.django_db


def test_the_city_stage_spreads_a_years_visits_unevenly_and_runs_once(
    demo: Any,
) -> None:
    before = Visit.objects.count()
    # Enough sites that some are left alone and a few draw the crowds.
    unit = Site.objects.first().unit
    Site.objects.bulk_create(
        Site(unit=unit, name=f"Địa chỉ {n}", category="other", beneficiary_count=40)
        for n in range(60)
    )

    seed_city_coordination(random.Random(7), visits=3000)
    seed_city_coordination(random.Random(8), visits=3000)

    made = Visit.objects.count() - before
    assert made == 3000
    today = timezone.localdate()
    oldest = Visit.objects.order_by("starts_at").first().starts_at
    assert (today - timezone.localtime(oldest).date()).days <= 365
    per_site = dict(
        Visit.objects.values_list("site_id").annotate(n=Count("pk")).order_by()
    )
    counts = [per_site.get(pk, 0) for pk in Site.objects.values_list("pk", flat=True)]
    assert counts.count(0) >= 3
    assert gini(counts) > 0.4
