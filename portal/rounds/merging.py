"""The city's merged Mẫu 1 / Mẫu 2 for a round, built from the snapshots.

Only what units sent counts: the approved snapshots (or, on request, each
unit's latest one still standing), never the live registry. Records from
different units that look alike (same folded name, or same phone) are
flagged for a person to resolve; a "same" ruling drops the later one.
"""

from collections import defaultdict
from dataclasses import dataclass
from typing import IO

from portal.lib.phones import InvalidPhone, normalize_phone
from portal.lib.text import fold
from portal.rounds.models import DuplicateDecision, Round, Submission
from portal.sheets.columns import ListKind, keys

DUPLICATE_OF = "duplicate_of"
# The city's merged lists are issued by this office, under the City Union.
MERGED_ISSUER = "BAN MẶT TRẬN - ANQP - ĐỊA BÀN DÂN CƯ"


@dataclass(frozen=True)
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
    merged: list[MergedRecord] = []
    for submission in chosen_submissions(round, approved_only=approved_only):
        unit = submission.assignment.unit
        for entry in submission.records(kind):
            merged.append(
                MergedRecord(
                    ref=f"{entry['unit']}/{entry['id']}",
                    unit_code=unit.code,
                    unit_name=unit.name,
                    record=entry["record"],
                )
            )
    return merged


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
    groups: dict[tuple[str, str], list[MergedRecord]] = defaultdict(list)
    for item in records:
        for reason, key in _match_keys(kind, item.record):
            groups[(reason, key)].append(item)

    pairs: dict[tuple[str, str], DuplicatePair] = {}
    for (reason, _key), items in groups.items():
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
    records = _all_records(round, kind, approved_only=approved_only)
    pairs = _pairs(round, kind, records)
    same = DuplicateDecision.Decision.SAME
    dropped = {p.second.ref for p in pairs if p.decision == same}
    flagged: dict[str, str] = {}
    for pair in pairs:
        if pair.decision:
            continue
        flagged.setdefault(pair.second.ref, _describe(pair.first))
        flagged.setdefault(pair.first.ref, _describe(pair.second))

    columns = keys(kind)
    result = []
    for item in records:
        if item.ref in dropped:
            continue
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

    records = merged_records(round, kind, approved_only=approved_only)
    return write_xlsx(kind, records, issuer=MERGED_ISSUER, output=output)
