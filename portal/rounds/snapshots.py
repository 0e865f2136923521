"""What a unit sends: its records as the Mẫu 1/Mẫu 2 columns, frozen.

A unit answers for its own subtree, except the branches the round asks
directly: those answer for themselves (or their parent sends for them,
each with its own snapshot), so two snapshots never hold the same row.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from portal.sheets.columns import COLUMNS
from portal.sheets.records import site_records, team_records
from portal.sites.models import Site
from portal.teams.models import Team
from portal.units.models import Unit

Entry = dict[str, Any]


def _rows(kind: str, unit: Unit, skip_paths: Iterable[str]) -> QuerySet[Any]:
    model = Team if kind == "teams" else Site
    qs = model.objects.filter(unit__path__startswith=unit.path)
    for path in skip_paths:
        qs = qs.exclude(unit__path__startswith=path)
    if kind == "teams":
        qs = qs.exclude(verification=Team.Verification.DISSOLVED)
    return qs.order_by("name", "pk")


def collect(kind: str, unit: Unit, skip_paths: Iterable[str] = ()) -> list[Entry]:
    """The unit's records of one list, each with its source id and unit."""
    rows = _rows(kind, unit, list(skip_paths))
    convert = team_records if kind == "teams" else site_records
    # Both reads walk the same ordering, so ids and records line up.
    ids = list(rows.values_list("pk", "unit__code"))
    return [
        {"id": pk, "unit": code, "record": record}
        for (pk, code), record in zip(ids, convert(rows), strict=True)
    ]


def asked_below(unit: Unit, asked_paths: Iterable[str]) -> list[str]:
    """Paths of asked units strictly below this one, outermost only."""
    below = sorted(
        (p for p in asked_paths if p != unit.path and p.startswith(unit.path)),
        key=len,
    )
    outer: list[str] = []
    for path in below:
        if not any(path.startswith(o) for o in outer):
            outer.append(path)
    return outer


@dataclass(frozen=True)
class Refusal:
    """A record that cannot be sent, and why (the missing columns)."""

    kind: str
    id: int
    name: str
    unit: str
    missing: tuple[str, ...]


def refusals(kind: str, entries: Iterable[Entry]) -> list[Refusal]:
    """Records missing a required column (a team without a leader...)."""
    required = [c for c in COLUMNS[kind] if c.required]  # type: ignore[index]
    found = []
    for entry in entries:
        record = entry["record"]
        missing = tuple(c.header for c in required if not record.get(c.key, "").strip())
        if missing:
            found.append(
                Refusal(
                    kind=kind,
                    id=entry["id"],
                    name=record.get("name", "") or f"#{entry['id']}",
                    unit=entry["unit"],
                    missing=missing,
                )
            )
    return found


@dataclass(frozen=True)
class Change:
    id: int
    name: str
    what: str  # "added", "removed" or "changed"
    fields: tuple[str, ...] = ()


def diff(kind: str, before: list[Entry], after: list[Entry]) -> list[Change]:
    """What changed in one list between two snapshots, matched by source id."""
    headers = {c.key: c.header for c in COLUMNS[kind]}  # type: ignore[index]
    old = {e["id"]: e["record"] for e in before}
    new = {e["id"]: e["record"] for e in after}
    changes: list[Change] = []
    for pk, record in new.items():
        if pk not in old:
            changes.append(Change(pk, record.get("name", ""), "added"))
            continue
        fields = tuple(
            headers.get(key, key)
            for key in record
            if record.get(key, "") != old[pk].get(key, "")
        )
        if fields:
            changes.append(Change(pk, record.get("name", ""), "changed", fields))
    for pk, record in old.items():
        if pk not in new:
            changes.append(Change(pk, record.get("name", ""), "removed"))
    return sorted(changes, key=lambda c: (c.what, c.name))


def units_in(paths: Iterable[str]) -> Q:
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition
