"""Matching cleaned rows with the unit's records, and applying the result.

Each row is matched by the folded name the duplicate warnings use
(``refresh_derived`` computes it, as for every save): within the unit and
its branches it is the same record, so the row is new, an update (with
the columns that changed) or unchanged; a new row with the same folded
name and ward, or the same phone, as another unit's record is reported as
a possible duplicate. Applying writes everything in one transaction with
bulk statements, stamping the same derived columns and history rows the
services do.
"""

import gc
import logging
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from portal.accounts.models import User
from portal.core.signals import rows_written_in_bulk
from portal.sheets.columns import ListKind
from portal.sheets.importing import bulk, words
from portal.sheets.importing.cleaning import (
    MODELS,
    CleanRow,
    Issue,
    Lookups,
    clean_rows,
    source_of,
)
from portal.sheets.importing.errors import NoHeader
from portal.sheets.importing.layout import Layout, data_rows, find_layout
from portal.sheets.importing.reading import _too_many_rows, max_rows, read_grids
from portal.sites.models import BeneficiaryGroup, Site
from portal.teams.models import Team
from portal.units.models import Unit

logger = logging.getLogger(__name__)

NEW, UPDATE, UNCHANGED, DUPLICATE, INVALID = (
    "new", "update", "unchanged", "duplicate", "invalid",
)  # fmt: skip
_BATCH = 1000
_CHUNK = 500
# Rows cleaned at a time, between two reports of progress.
_BLOCK = 1000
# Told (rows read, rows in the sheet) as the reading goes.
Progress = Callable[[int, int], None]


@dataclass(slots=True)
class RowPlan:
    clean: CleanRow
    status: str = INVALID
    record: Any = None
    # Set for the rows that match a record; the others keep one empty
    # tuple, sparing tens of thousands of lists in a large import.
    changes: Sequence[str] = ()
    changed_fields: Sequence[str] = ()
    changed_many: Sequence[str] = ()

    @property
    def row(self) -> int:
        return self.clean.row


@dataclass
class Plan:
    kind: ListKind
    unit: Unit
    layout: Layout
    rows: list[RowPlan]
    # A new record's values before the row's own: the model's defaults.
    defaults: dict[str, Any] = field(default_factory=dict)
    created: int = 0
    updated: int = 0
    committed: bool = False

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def errors(self) -> list[Issue]:
        return [issue for row in self.rows for issue in row.clean.errors]

    @property
    def warnings(self) -> list[Issue]:
        return [issue for row in self.rows for issue in row.clean.warnings]

    def summary(self) -> dict[str, Any]:
        """The report as the command line and the import record keep it."""
        counts = Counter(row.status for row in self.rows)
        invalid = counts[INVALID]
        return {
            "list": self.kind,
            "unit": self.unit.code,
            "sheet": self.layout.grid.name,
            "header_row": self.layout.header_row + 1,
            "committed": self.committed,
            "rows_total": len(self.rows),
            "rows_valid": len(self.rows) - invalid,
            "rows_invalid": invalid,
            "new": counts[NEW] + counts[DUPLICATE],
            "possible_duplicates": counts[DUPLICATE],
            "to_update": counts[UPDATE],
            "created": self.created,
            "updated": self.updated,
            "unchanged": counts[UNCHANGED],
            "errors": [issue.as_dict() for issue in self.errors],
            "warnings": [issue.as_dict() for issue in self.warnings],
            "rows": [
                {
                    "row": row.row,
                    "status": row.status,
                    "name": str(row.clean.values.get("name", "")),
                    "changes": list(row.changes),
                }
                for row in self.rows
            ],
        }


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while an import builds its rows.

    The rows are tens of thousands of small dicts and lists that live
    until the import ends, so each pass of the collector, triggered by
    their very number, walks them all again and finds nothing to free;
    reference counting still frees what the import drops.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def analyse(
    data: bytes, *, kind: ListKind, unit: Unit, progress: Progress | None = None
) -> Plan:
    """Read, clean and match a file; nothing is written (the dry run)."""
    with _collector_paused():
        return _analyse(data, kind, unit, progress)


def _analyse(
    data: bytes, kind: ListKind, unit: Unit, progress: Progress | None
) -> Plan:
    grids = read_grids(data)
    if not grids:
        raise NoHeader(_("The file holds no sheet."))
    layout = find_layout(grids, kind)
    lookups = Lookups(unit)
    limit = max_rows()
    listed: list[tuple[int, list[Any]]] = []
    for listed_row in data_rows(layout):
        listed.append(listed_row)
        if len(listed) > limit:
            raise _too_many_rows()

    rows: list[RowPlan] = []
    total = len(layout.grid.rows) - layout.header_row - 1
    for start in range(0, len(listed), _BLOCK):
        block = listed[start : start + _BLOCK]
        rows.extend(RowPlan(clean) for clean in clean_rows(layout, block, lookups))
        if progress and len(rows) % _BLOCK == 0:
            progress(block[-1][0] - layout.header_row - 1, total)
    plan = Plan(kind, unit, layout, rows, bulk.defaults(MODELS[kind]))
    _match(plan, lookups)
    return plan


# Matching -------------------------------------------------------------


def _build(plan: Plan, row: RowPlan) -> dict[str, Any] | None:
    """A new record's column values from the row, or None with it refused."""
    model = MODELS[plan.kind]
    clean = row.clean
    values = {**plan.defaults, "unit_id": plan.unit.pk, **clean.values}
    name = values.get("name", "")
    if not name:
        _refuse(plan, clean, "name", _("Write the name; a row without one is skipped."))
    if plan.kind == "teams":
        if "kind" not in clean.values:
            first = name.split(" ")[0] if name else ""
            inferred = words.lookup(words.TEAM_KINDS, first)
            if inferred is None:
                _refuse(
                    plan, clean, "kind", _('Write the kind: "CLB", "Đội" or "Nhóm".')
                )
            values["kind"] = inferred
        if not values.get("leader_name"):
            _refuse(plan, clean, "leader", _("Write the leader's full name."))
    elif "category" not in clean.values:
        values["category"] = words.lookup(words.SITE_CATEGORIES, name) or "other"
    if clean.errors:
        return None
    # The model computes its folded columns, as on every save.
    model.refresh_derived(_Attributes(values))  # type: ignore[arg-type]
    return values


class _Attributes:
    """A record's values seen as attributes, as ``refresh_derived`` reads
    and sets them on a model instance."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__ = values


def _refuse(plan: Plan, clean: CleanRow, key: str, message: str) -> None:
    clean.errors.append(Issue(clean.row, plan.layout.header_of(key), message))


def _existing(
    plan: Plan,
) -> tuple[dict[str, list[Any]], dict[int, dict[str, set[Any]]]]:
    model = MODELS[plan.kind]
    records = model.objects.filter(unit__path__startswith=plan.unit.path).order_by("pk")
    by_name: dict[str, list[Any]] = defaultdict(list)
    for record in records:
        by_name[record.name_folded].append(record)
    many: dict[int, dict[str, set[Any]]] = defaultdict(lambda: defaultdict(set))
    if plan.kind == "teams":
        ids = Q(team__unit__path__startswith=plan.unit.path)
        for team_id, field_id in Team.fields.through.objects.filter(ids).values_list(
            "team_id", "field_id"
        ):
            many[team_id]["fields"].add(field_id)
        for team_id, ward_id in Team.area_wards.through.objects.filter(ids).values_list(
            "team_id", "ward_id"
        ):
            many[team_id]["area_wards"].add(ward_id)
    else:
        for site_id, group in BeneficiaryGroup.objects.filter(
            site__unit__path__startswith=plan.unit.path
        ).values_list("site_id", "group"):
            many[site_id]["groups"].add(group)
    return by_name, many


# Up to this many rows, the other units' keys are read in a handful of
# IN queries; a longer list reads every other record's keys at once, which
# for the city's 10,000 teams is one quick query instead of dozens.
_FEW_ROWS = 2_000


def _others(
    plan: Plan, built: list[tuple[RowPlan, dict[str, Any]]]
) -> dict[Any, tuple[str, str]]:
    """Other units' records sharing a folded name and ward, or a phone."""
    model = MODELS[plan.kind]
    outside = model.objects.exclude(unit__path__startswith=plan.unit.path)
    columns = ("name", "name_folded", "ward_id", "phone", "unit__name")
    if len(built) > _FEW_ROWS:
        queries = [outside.values_list(*columns)]
    else:
        names = sorted({record["name_folded"] for _, record in built})
        phones = sorted({record["phone"] for _, record in built if record["phone"]})
        queries = [
            outside.filter(**{lookup: values[start : start + _CHUNK]}).values_list(
                *columns
            )
            for values, lookup in ((names, "name_folded__in"), (phones, "phone__in"))
            for start in range(0, len(values), _CHUNK)
        ]
    found: dict[Any, tuple[str, str]] = {}
    for query in queries:
        for name, folded, ward_id, phone, unit_name in query:
            found.setdefault((folded, ward_id), (name, unit_name))
            if phone:
                found.setdefault(phone, (name, unit_name))
    return found


def _match(plan: Plan, lookups: Lookups) -> None:
    by_name, many = _existing(plan)
    built: list[tuple[RowPlan, dict[str, Any]]] = []
    seen: dict[str, int] = {}
    for row in plan.rows:
        record = _build(plan, row)
        if record is None:
            continue
        folded = record["name_folded"]
        if folded in seen:
            _refuse(
                plan,
                row.clean,
                "name",
                _("The same name is already on row %(row)s of this file.")
                % {"row": seen[folded]},
            )
            continue
        seen[folded] = row.row
        built.append((row, record))

    others = _others(
        plan, [(r, rec) for r, rec in built if rec["name_folded"] not in by_name]
    )
    for row, record in built:
        candidates = by_name.get(record["name_folded"])
        if candidates:
            target = next(
                (c for c in candidates if c.ward_id == record["ward_id"]),
                candidates[0],
            )
            _compare(plan, row, target, many[target.pk])
            continue
        row.record = record
        row.status = NEW
        other = others.get((record["name_folded"], record["ward_id"])) or (
            others.get(record["phone"]) if record["phone"] else None
        )
        if other:
            row.status = DUPLICATE
            row.clean.warnings.append(
                Issue(
                    row.row,
                    plan.layout.header_of("name"),
                    _(
                        'Possibly the same as "%(name)s" of %(unit)s (same name '
                        "and ward, or same phone). It will be added; tell the "
                        "city if it is the same."
                    )
                    % {"name": other[0], "unit": other[1]},
                )
            )


def _compare(
    plan: Plan, row: RowPlan, target: Any, stored_many: dict[str, set[Any]]
) -> None:
    clean = row.clean
    changed_fields: list[str] = []
    changed_many: list[str] = []
    for name, value in clean.values.items():
        if name == "unit_id" and value == target.unit_id:
            continue
        if value in ("", None, []) and name not in ("old_ward",):
            # A blank cell keeps what the record has.
            continue
        if name == "ward_id" and target.ward_id in clean.many.get("area_wards", []):
            # A team's main ward is one of its wards of activity; the
            # sheet lists those in any order.
            continue
        if getattr(target, name) != value:
            changed_fields.append(name)
    for name, values in clean.many.items():
        if values and set(values) != stored_many.get(name, set()):
            changed_many.append(name)
    row.record = target
    row.changed_fields, row.changed_many = changed_fields, changed_many
    if not row.changed_fields and not row.changed_many:
        row.status = UNCHANGED
        return
    row.status = UPDATE
    keys = [source_of(plan.kind, n) for n in (*row.changed_fields, *row.changed_many)]
    row.changes = list(dict.fromkeys(plan.layout.header_of(key) for key in keys))


# Applying -------------------------------------------------------------


@transaction.atomic
def apply(plan: Plan, *, by: User | None, reason: str = "") -> Plan:
    """Write every new and changed record, all or nothing."""
    model = MODELS[plan.kind]
    reason = reason or "import"
    now = timezone.now()
    new = [row for row in plan.rows if row.status in (NEW, DUPLICATE)]
    records = [row.record for row in new]
    for record in records:
        record["created_at"] = record["updated_at"] = now
    ids = bulk.insert(model, records, returning=True)
    for record, pk in zip(records, ids, strict=True):
        record["id"] = pk
    bulk.insert_history(
        model,
        ids,
        {
            "history_date": now,
            "history_change_reason": reason[:100],
            "history_type": "+",
            "history_user_id": getattr(by, "pk", None),
        },
    )
    _write_many(plan, new, replace=False)

    changed = [row for row in plan.rows if row.status == UPDATE]
    _update(plan, model, changed, by, reason)
    _write_many(plan, [row for row in changed if row.changed_many], replace=True)

    plan.created, plan.updated = len(records), len(changed)
    plan.committed = True
    if records or changed:
        rows_written_in_bulk.send(sender=model)
    logger.info(
        "import into unit %s: %s created, %s updated by user %s",
        plan.unit.pk, plan.created, plan.updated, getattr(by, "pk", None),
    )  # fmt: skip
    return plan


def _update(
    plan: Plan, model: Any, rows: list[RowPlan], by: User | None, reason: str
) -> None:
    if not rows:
        return
    now = timezone.now()
    names: set[str] = {"updated_at", "name_folded", "search_text"}
    for row in rows:
        for name in row.changed_fields:
            setattr(row.record, name, row.clean.values[name])
            names.add(name)
        row.record.refresh_derived()
        row.record.updated_at = now
    bulk_update_with_history(
        [row.record for row in rows], model, sorted(names), batch_size=_BATCH,
        default_user=by, default_change_reason=reason,
    )  # fmt: skip


def _pk(row: RowPlan) -> int:
    record = row.record
    return record["id"] if isinstance(record, dict) else record.pk


def _write_many(plan: Plan, rows: list[RowPlan], *, replace: bool) -> None:
    if not rows:
        return
    if plan.kind == "teams":
        for name, column in (("fields", "field_id"), ("area_wards", "ward_id")):
            through = getattr(Team, name).through
            chosen = [r for r in rows if r.clean.many.get(name)]
            if replace:
                chosen = [r for r in chosen if name in r.changed_many]
                through.objects.filter(team_id__in=[_pk(r) for r in chosen]).delete()
            bulk.insert(
                through,
                [
                    {"team_id": _pk(r), column: value}
                    for r in chosen
                    for value in r.clean.many[name]
                ],
                returning=False,
            )
        return
    chosen = [r for r in rows if r.clean.many.get("groups")]
    if replace:
        chosen = [r for r in chosen if "groups" in r.changed_many]
        BeneficiaryGroup.objects.filter(site_id__in=[_pk(r) for r in chosen]).delete()
    bulk.insert(
        BeneficiaryGroup,
        [
            {"site_id": _pk(r), "group": group, "count": None}
            for r in chosen
            for group in r.clean.many["groups"]
        ],
        returning=False,
    )


def run(
    data: bytes,
    *,
    kind: ListKind,
    unit: Unit,
    by: User | None,
    commit: bool,
    reason: str = "",
    progress: Progress | None = None,
) -> Plan:
    """Analyse a file and, when asked, apply it in the same transaction."""
    if not commit:
        return analyse(data, kind=kind, unit=unit, progress=progress)
    with _collector_paused(), transaction.atomic():
        plan = analyse(data, kind=kind, unit=unit, progress=progress)
        return apply(plan, by=by, reason=reason)


__all__ = ["Plan", "Site", "analyse", "apply", "run"]
