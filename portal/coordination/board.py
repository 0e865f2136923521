"""The coverage board: neglected sites first, by ward, and how evenly help
is spread over time and around Tết."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet

from portal.coordination.coverage import COUNTED, Coverage, day_start, gini
from portal.coordination.models import Visit
from portal.sites.models import Site

# The first day of the lunar new year (mùng 1 Tết Nguyên Đán).
TET = {
    2022: date(2022, 2, 1),
    2023: date(2023, 1, 22),
    2024: date(2024, 2, 10),
    2025: date(2025, 1, 29),
    2026: date(2026, 2, 17),
    2027: date(2027, 2, 6),
    2028: date(2028, 1, 26),
    2029: date(2029, 2, 13),
    2030: date(2030, 2, 3),
}
# Help gathers in the four weeks before Tết and the first week of the year.
TET_BEFORE = timedelta(days=28)
TET_AFTER = timedelta(days=7)


@dataclass
class SiteRow:
    site_id: int
    name: str
    ward_code: int | None
    ward_name: str
    coverage: Coverage
    url: str = ""


@dataclass
class WardRow:
    code: int | None
    name: str
    sites: int = 0
    never_visited: int = 0
    visits_90: int = 0
    open_needs: int = 0
    neglect_total: float = 0.0
    worst: list[SiteRow] = field(default_factory=list)

    @property
    def mean_neglect(self) -> float:
        return round(self.neglect_total / self.sites, 1) if self.sites else 0.0


def site_rows(sites: QuerySet[Site], coverage: dict[int, Coverage]) -> list[SiteRow]:
    """Sites with their coverage, most neglected first."""
    rows = [
        SiteRow(pk, name, ward_code, ward_name or "", coverage[pk])
        for pk, name, ward_code, ward_name in sites.order_by().values_list(
            "pk", "name", "ward_id", "ward__name"
        )
        if pk in coverage
    ]
    rows.sort(key=lambda r: (-r.coverage.neglect, r.name))
    return rows


def ward_rows(rows: list[SiteRow], *, worst: int = 3) -> list[WardRow]:
    """One line per ward, the ward with the most neglected sites first."""
    wards: dict[int | None, WardRow] = {}
    for row in rows:
        ward = wards.get(row.ward_code)
        if ward is None:
            ward = wards[row.ward_code] = WardRow(row.ward_code, row.ward_name)
        cov = row.coverage
        ward.sites += 1
        ward.never_visited += cov.never_visited
        ward.visits_90 += cov.visits_90
        ward.open_needs += cov.open_needs
        ward.neglect_total += cov.neglect
        if len(ward.worst) < worst:
            ward.worst.append(row)
    return sorted(wards.values(), key=lambda w: (-w.mean_neglect, w.name))


def _per_beneficiary(
    counts: dict[int, int], beneficiaries: dict[int, int]
) -> list[float]:
    # Sites with no visits count as zeros: they are the point of the figure.
    return [counts.get(pk, 0) / people for pk, people in beneficiaries.items()]


def _beneficiaries(sites: QuerySet[Site]) -> dict[int, int]:
    """Sites whose number of people cared for is known (and not zero)."""
    return dict(
        sites.filter(beneficiary_count__gt=0)
        .order_by()
        .values_list("pk", "beneficiary_count")
    )


def _month_starts(today: date, months: int) -> list[date]:
    """The first days of the last ``months`` months, the current one last."""
    first = today.year * 12 + today.month - 1 - (months - 1)
    return [date((first + n) // 12, (first + n) % 12 + 1, 1) for n in range(months)]


def gini_over_time(
    sites: QuerySet[Site], *, today: date, months: int = 12
) -> dict[str, Any]:
    """Gini of visits per person cared for, month by month, and in the
    weeks around each Tết of the period, next to the months' mean.

    One query counts every site's visits in each month and each Tết window
    at once (a filtered count per window), read from the visits' covering
    index; truncating dates in the database would cost a time-zone
    conversion per visit.
    """
    people = _beneficiaries(sites)
    starts = _month_starts(today, months)
    ends = [*starts[1:], today + timedelta(days=1)]
    windows = {
        f"m{n}": (start, end)
        for n, (start, end) in enumerate(zip(starts, ends, strict=True))
    }
    tets = [
        (year, new_year - TET_BEFORE, new_year + TET_AFTER)
        for year, new_year in sorted(TET.items())
        if new_year - TET_BEFORE >= starts[0] and new_year + TET_AFTER <= today
    ]
    for year, start, end in tets:
        windows[f"tet{year}"] = (start, end)

    rows = list(
        Visit.objects.filter(
            site__in=sites.values("pk"),
            status__in=COUNTED,
            starts_at__gte=day_start(starts[0]),
            starts_at__lt=day_start(today + timedelta(days=1)),
        )
        .order_by()
        .values("site_id")
        .annotate(
            **{
                key: Count(
                    "pk",
                    filter=Q(
                        starts_at__gte=day_start(start), starts_at__lt=day_start(end)
                    ),
                )
                for key, (start, end) in windows.items()
            }
        )
    )

    def counts(key: str) -> dict[int, int]:
        return {row["site_id"]: row[key] for row in rows if row[key]}

    values = [
        gini(_per_beneficiary(counts(f"m{n}"), people)) for n in range(len(starts))
    ]
    tet = []
    for year, start, end in tets:
        in_window = counts(f"tet{year}")
        tet.append(
            {
                "year": year,
                "start": start.isoformat(),
                "end": end.isoformat(),
                "visits": sum(in_window.values()),
                "gini": gini(_per_beneficiary(in_window, people)),
            }
        )
    mean = round(sum(values) / len(values), 4) if values else 0.0
    return {
        "months": [m.strftime("%m/%Y") for m in starts],
        "gini": values,
        "mean": mean,
        "tet": tet,
    }
