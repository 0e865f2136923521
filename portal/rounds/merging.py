"""The city's merged Mẫu 1 / Mẫu 2 for a round, built from the snapshots.

Only what units sent counts: the approved snapshots (or, on request, each
unit's latest one still standing), never the live registry. Records from
different units that look alike (same folded name, or same phone) are
flagged for a person to resolve; a "same" ruling drops the later one.
"""

from dataclasses import dataclass
from typing import IO

from django.db.models import OuterRef, Subquery

from portal.lib.phones import InvalidPhone, normalize_phone
from portal.lib.text import fold
from portal.rounds.models import DuplicateDecision, Round, Submission
from portal.sheets.columns import ListKind, keys

DUPLICATE_OF = "duplicate_of"
# The city's merged lists are issued by this office, under the City Union.
MERGED_ISSUER = "BAN MẶT TRẬN - ANQP - ĐỊA BÀN DÂN CƯ"


@dataclass(frozen=True, slots=True)
class MergedRecord:
    ref: str  # "<unit code>/<source id>", stable across snapshots
    unit_code: str
    unit_name: str
    record: dict[str, str]


@dataclass(frozen=True)
class DuplicatePair:
    kind: str
    first: MergedRecord
    second: MergedRecord
    reason: str  # "name" or "phone"
    decision: str = ""  # "", "same" or "distinct"


def chosen_submissions(round: Round, *, approved_only: bool = True) -> list[Submission]:
    """One submission per asked unit: its approved one, or its latest standing."""
    statuses = [Submission.Status.APPROVED]
    if not approved_only:
        statuses.append(Submission.Status.SUBMITTED)
    rows = (
        Submission.objects.filter(assignment__round=round, status__in=statuses)
        .select_related("assignment__unit")
        .order_by("assignment__unit__path", "-number")
    )
    chosen: dict[int, Submission] = {}
    for submission in rows:
        chosen.setdefault(submission.assignment_id, submission)
    return list(chosen.values())


def _all_records(round: Round, kind: str, *, approved_only: bool) -> list[MergedRecord]:
    statuses = [Submission.Status.APPROVED]
    if not approved_only:
        statuses.append(Submission.Status.SUBMITTED)
    # The same choice as chosen_submissions, made by the database, so that
    # only the chosen snapshots' lists are read and decoded: at the city's
    # size they are most of the cost of a merge.
    latest = Submission.objects.filter(
        assignment=OuterRef("assignment"), status__in=statuses
    ).order_by("-number")
    rows = (
        Submission.objects.filter(
            assignment__round=round, pk=Subquery(latest.values("pk")[:1])
        )
        .order_by("assignment__unit__path")
        .values_list("assignment__unit__code", "assignment__unit__name", kind)
    )
    return [
        MergedRecord(
            ref=f"{entry['unit']}/{entry['id']}",
            unit_code=code,
            unit_name=name,
            record=entry["record"],
        )
        for code, name, entries in rows
        for entry in entries
    ]


def _match_keys(kind: str, record: dict[str, str]) -> list[tuple[str, str]]:
    found = []
    name = fold(record.get("name", ""))
    if name:
        place = fold(record.get("ward", "")) if kind == "sites" else ""
        found.append(("name", f"{name}|{place}"))
    phone = _phone(record.get("phone", ""))
    if phone:
        found.append(("phone", phone))
    return found


def _phone(raw: str) -> str:
    if not raw.strip():
        return ""
    try:
        return normalize_phone(raw)
    except InvalidPhone:
        return ""


def duplicate_pairs(
    round: Round, kind: ListKind, *, approved_only: bool = True
) -> list[DuplicatePair]:
    """Pairs of records from different units that look like the same one."""
    records = _all_records(round, kind, approved_only=approved_only)
    return _pairs(round, kind, records)


def _pairs(round: Round, kind: str, records: list[MergedRecord]) -> list[DuplicatePair]:
    decisions = {
        (d.first, d.second): d.decision
        for d in DuplicateDecision.objects.filter(round=round, kind=kind)
    }
    # Most keys belong to one record only: a list is made for a key only
    # when a second record shares it. Groups are walked in the order their
    # keys first appeared, which orders the pairs.
    opened: dict[tuple[str, str], tuple[int, MergedRecord]] = {}
    groups: dict[tuple[str, str], list[MergedRecord]] = {}
    for item in records:
        for match in _match_keys(kind, item.record):
            seen = opened.get(match)
            if seen is None:
                opened[match] = (len(opened), item)
            else:
                groups.setdefault(match, [seen[1]]).append(item)
    shared = sorted(groups.items(), key=lambda group: opened[group[0]][0])

    pairs: dict[tuple[str, str], DuplicatePair] = {}
    for (reason, _key), items in shared:
        for i, first in enumerate(items):
            for second in items[i + 1 :]:
                if first.unit_code == second.unit_code and first.ref != second.ref:
                    continue
                ident = (first.ref, second.ref)
                if ident in pairs:
                    continue
                pairs[ident] = DuplicatePair(
                    kind=kind,
                    first=first,
                    second=second,
                    reason=reason,
                    decision=decisions.get(ident, ""),
                )
    return list(pairs.values())


def _kept(
    round: Round, kind: str, *, approved_only: bool
) -> tuple[list[MergedRecord], list[DuplicatePair]]:
    """The records left once those ruled "the same" are dropped, and the pairs."""
    records = _all_records(round, kind, approved_only=approved_only)
    pairs = _pairs(round, kind, records)
    same = DuplicateDecision.Decision.SAME
    dropped = {p.second.ref for p in pairs if p.decision == same}
    if dropped:
        records = [item for item in records if item.ref not in dropped]
    return records, pairs


def merged_records(
    round: Round,
    kind: ListKind,
    *,
    approved_only: bool = True,
    mark_duplicates: bool = False,
) -> list[dict[str, str]]:
    """The city's list for one kind, each record keyed by the columns' keys.

    Records a person ruled "the same" as an earlier one are left out. With
    ``mark_duplicates`` each record still flagged gets one more key,
    ``duplicate_of``, naming the other record and its unit.
    """
    records, pairs = _kept(round, kind, approved_only=approved_only)
    flagged: dict[str, str] = {}
    for pair in pairs:
        if pair.decision:
            continue
        flagged.setdefault(pair.second.ref, _describe(pair.first))
        flagged.setdefault(pair.first.ref, _describe(pair.second))

    columns = keys(kind)
    result = []
    for item in records:
        row = {key: item.record.get(key, "") for key in columns}
        if mark_duplicates and item.ref in flagged:
            row[DUPLICATE_OF] = flagged[item.ref]
        result.append(row)
    return result


def _describe(item: MergedRecord) -> str:
    return f"{item.record.get('name', '')} ({item.unit_name})"


def write_merged(
    round: Round,
    kind: ListKind,
    *,
    output: str | IO[bytes],
    approved_only: bool = True,
) -> int:
    """The merged list as its Mẫu 1 / Mẫu 2 workbook; return the rows written."""
    # openpyxl is loaded only by the pages that export.
    from portal.sheets.export import write_xlsx

    records, _ = _kept(round, kind, approved_only=approved_only)
    # The workbook reads only the columns' keys, missing ones as blanks:
    # the snapshots' own records do, without a copy of each.
    rows = (item.record for item in records)
    return write_xlsx(kind, rows, issuer=MERGED_ISSUER, output=output)
