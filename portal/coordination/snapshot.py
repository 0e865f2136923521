"""The coverage of every site in the city, computed once and kept in memory.

The coverage board and its map show, for every site in a person's scope,
figures added up from a year of visits and every open need: aggregate
queries over the whole city and a few thousand rows built in Python, far
more than a page may cost each time a coordinator opens it. So the figures
are computed for all sites at once into a snapshot, kept in this process
and cut down to each person's scope when asked.

The snapshot is rebuilt:

- when the day changes, since "the last 30 days" move at midnight;
- when a visit, a need, a site or a ward is saved or deleted, or sites are
  imported in bulk: signals (connected in ``apps.py``) move a generation
  number kept in the shared cache (``portal.lib.generations``), so every
  process sees the change on its next request;
- when the person's scope holds a site the snapshot lacks;
- at the latest after ``MAX_AGE_S``, for writes that send no signal
  (queryset updates), and in every process when the cache is not shared
  between them (no Redis).
"""

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.urls import reverse

from portal.access.policy import managed, scope_of
from portal.coordination.board import SiteRow, WardRow, site_rows, ward_rows
from portal.coordination.coverage import Coverage, site_coverage
from portal.lib.generations import Generation
from portal.sites.models import Site

logger = logging.getLogger(__name__)

GENERATION = Generation("coverage:generation")
# A site scoring this or more counts as neglected in the board's summary.
NEGLECTED = 60
MAX_AGE_S = 5 * 60


@dataclass
class Snapshot:
    built_on: date
    generation: int
    built_at: float
    # Every site, most neglected first, each with its calendar link. The
    # rows are shared by all requests of the process: never change them.
    rows: list[SiteRow]
    coverage: dict[int, Coverage]
    # What is made from the snapshot for the whole city (the board, the map,
    # the Gini series), made on first use: see ``city_memo``.
    memo: dict[Any, Any] = field(default_factory=dict)


_lock = threading.Lock()
_current: Snapshot | None = None


def generation() -> int:
    return GENERATION.current()


def forget() -> None:
    """Make every process rebuild its snapshot on its next use."""
    GENERATION.move()


def coverage_changed(**kwargs: Any) -> None:
    GENERATION.move_with_commit()


def city_snapshot(today: date, *, need: frozenset[int] = frozenset()) -> Snapshot:
    """The snapshot of ``today``, rebuilt if stale or if it lacks a site in
    ``need``."""
    global _current
    gen = generation()
    current = _current
    if _fresh(current, today, gen, need):
        return current  # type: ignore[return-value]
    with _lock:
        current = _current
        if not _fresh(current, today, gen, need):
            current = build(today, gen)
            _current = current
    return current


def _fresh(
    current: Snapshot | None, today: date, gen: int, need: frozenset[int]
) -> bool:
    return (
        current is not None
        and current.built_on == today
        and current.generation == gen
        and time.monotonic() - current.built_at < MAX_AGE_S
        and need <= current.coverage.keys()
    )


def build(today: date, gen: int) -> Snapshot:
    started = time.monotonic()
    sites = Site.objects.all()
    coverage = site_coverage(sites, today=today)
    rows = site_rows(sites, coverage)
    # One reverse() and a format per site: far cheaper than a {% url %}.
    calendar = reverse("coordination:calendar", args=[0]).replace("/0/", "/{}/")
    for row in rows:
        row.url = calendar.format(row.site_id)
    logger.info(
        "coverage snapshot of %s sites built in %.0f ms",
        len(rows),
        (time.monotonic() - started) * 1000,
    )
    return Snapshot(
        built_on=today,
        generation=gen,
        built_at=time.monotonic(),
        rows=rows,
        coverage=coverage,
    )


def city_memo(today: date, key: Any, make: Callable[[list[SiteRow]], Any]) -> Any:
    """What ``make`` gives for the whole city's rows, made once per snapshot.

    Only for what depends on nothing but the inputs the snapshot watches
    (visits, needs, sites, wards) and the day; a change to those starts a
    new snapshot with an empty memo.
    """
    snapshot = city_snapshot(today)
    value = snapshot.memo.get(key)
    if value is None:
        value = make(snapshot.rows)
        snapshot.memo[key] = value
    return value


@dataclass(frozen=True)
class ScopeBoard:
    """The board of one scope: its sites, most neglected first, its wards
    (most neglected first, and by name for the menu) and its totals."""

    rows: list[SiteRow]
    wards: list[WardRow]
    wards_by_name: list[WardRow]
    never_visited: int
    neglected: int


def board_in_scope(user: Any, today: date) -> ScopeBoard:
    """The board of the sites the person manages."""
    if scope_of(user).is_coordinator:
        # City coordinators manage every site: the board of the whole city,
        # made once per snapshot.
        return board_in_city(today)

    ids = frozenset(managed(user, Site).order_by().values_list("pk", flat=True))
    snapshot = city_snapshot(today, need=ids)
    return _board([row for row in snapshot.rows if row.site_id in ids])


def board_in_city(today: date) -> ScopeBoard:
    return city_memo(today, "board", _board)


def _board(rows: list[SiteRow]) -> ScopeBoard:
    wards = ward_rows(rows)
    return ScopeBoard(
        rows=rows,
        wards=wards,
        wards_by_name=sorted(wards, key=lambda w: w.name),
        never_visited=sum(r.coverage.never_visited for r in rows),
        neglected=sum(r.coverage.neglect >= NEGLECTED for r in rows),
    )
