"""Cleaning the cells of one list row into the values of a team or site.

Each column of the template has a cleaner. A cleaner returns the model
values it found, or raises ``CellError`` with what the person must fix; a
warning (an old ward name kept as written, text converted from a legacy
encoding) is noted without refusing the row.
"""

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from portal.lib.phones import InvalidPhone, normalize_phone
from portal.lib.text import fold
from portal.places.models import HCMC_CODE, Ward, fold_ward_name
from portal.sheets.columns import ListKind
from portal.sheets.importing import words
from portal.sheets.importing.layout import Layout
from portal.sheets.importing.values import (
    CellError,
    all_tidy,
    as_text,
    clean_text,
    split_list,
    whole_number,
    year_or_date,
)
from portal.sites.models import Site
from portal.teams.models import Field, Team
from portal.units.models import Unit

_WARD_PREFIXES = ("phuong ", "p ", "xa ", "dac khu ", "thi tran ", "tt ")
_OLD_PLACE_PREFIXES = ("phuong", "p", "xa", "quan", "q", "huyen", "thi tran", "tt")
_PHONE_PARTS = re.compile(r"[;,\n/]|\s-\s|\s–\s|\shoặc\s|\shoac\s")
_LINK_PARTS = re.compile(r"[\s;,]+")
# Where each column's value goes, for the length limits of the model.
_TEXT_FIELDS: dict[ListKind, dict[str, str]] = {
    "teams": {
        "name": "name", "leader": "leader_name", "notes": "notes",
    },
    "sites": {
        "name": "name", "street": "street", "old_district": "old_district",
        "managing_body": "managing_body", "contact": "contact_name",
        "needs": "needs_text", "visiting_times": "visiting_times_text",
        "notes": "notes",
    },
}  # fmt: skip
MODELS: dict[ListKind, type[Team] | type[Site]] = {"teams": Team, "sites": Site}


@dataclass(slots=True)
class Issue:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass(slots=True)
class CleanRow:
    row: int
    # Model field -> value, for the cells that hold something.
    values: dict[str, Any] = field(default_factory=dict)
    # Related sets: "fields", "area_wards" (ids), "groups" (codes).
    many: dict[str, list[Any]] = field(default_factory=dict)
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)


class Lookups:
    """The lists cells are matched against, each loaded with one query."""

    def __init__(self, unit: Unit) -> None:
        self.unit = unit
        self.wards: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for code, name, kind in Ward.objects.filter(province_id=HCMC_CODE).values_list(
            "code", "name", "kind"
        ):
            self.wards[fold_ward_name(name)].append((code, kind))
        self.field_names: dict[str, int] = {}
        self.field_codes: dict[str, int] = {}
        for pk, code, name in Field.objects.values_list("pk", "code", "name"):
            self.field_names[fold(name)] = pk
            self.field_codes[code] = pk
        self.units: dict[str, int] = {}
        subtree = Unit.objects.filter(path__startswith=unit.path)
        for pk, code, name in subtree.values_list("pk", "code", "name"):
            self.units.setdefault(fold(name), pk)
            self.units.setdefault(code, pk)
        self._ward_cache: dict[str, int | None] = {}
        self.memo: dict[tuple[str, Any], Any] = {}
        self.lengths = {
            f.name: f.max_length
            for model in (Team, Site)
            for f in model._meta.fields
            if getattr(f, "max_length", None)
        }

    def ward(self, text: str) -> int | None:
        """The official ward a name means, or None when not sure."""
        if text in self._ward_cache:
            return self._ward_cache[text]
        self._ward_cache[text] = result = self._find_ward(text)
        return result

    def _find_ward(self, text: str) -> int | None:
        folded = fold(text.split(",")[0])
        kind = None
        for prefix in _WARD_PREFIXES:
            if folded.startswith(prefix):
                kind = {"p ": "phuong", "tt ": None, "thi tran ": None}.get(
                    prefix, prefix.strip().replace(" ", "_")
                )
                folded = folded[len(prefix) :]
                break
        candidates = self.wards.get(folded, [])
        if kind:
            narrowed = [c for c in candidates if c[1] == kind]
            candidates = narrowed or candidates
        return candidates[0][0] if len(candidates) == 1 else None


Cleaner = Callable[[Any, CleanRow, Lookups], None]


def _text(value: Any) -> str:
    return as_text(value)[0]


def _name(value: Any, row: CleanRow, lookups: Lookups) -> None:
    row.values["name"] = _text(value)


def _kind(value: Any, row: CleanRow, lookups: Lookups) -> None:
    kind = words.lookup(words.TEAM_KINDS, _text(value))
    if kind is None:
        raise CellError(_('Write the kind as "CLB", "Đội" or "Nhóm".'))
    row.values["kind"] = kind


def _inside_union(value: Any, row: CleanRow, lookups: Lookups) -> None:
    answer = words.lookup(words.INSIDE_UNION, _text(value))
    if answer is None:
        raise CellError(
            _('Write "Trong tổ chức" (inside the Union) or "Ngoài tổ chức".')
        )
    row.values["inside_union"] = answer == "true"


def _managing_unit(value: Any, row: CleanRow, lookups: Lookups) -> None:
    text = _text(value)
    unit_id = lookups.units.get(fold(text)) or lookups.units.get(text)
    if unit_id is None:
        raise _Warn(
            _(
                '"%(name)s" is not a unit under %(unit)s; the team is '
                "attached to %(unit)s."
            )
            % {"name": text, "unit": lookups.unit.name}
        )
    row.values["unit_id"] = unit_id


def _founded(value: Any, row: CleanRow, lookups: Lookups) -> None:
    year, day = year_or_date(value)
    if year is not None and not 1930 <= year <= 2100:
        raise CellError(_("The year founded must be between 1930 and 2100."))
    row.values["founded_year"] = year
    if day is not None:
        row.values["founded_on"] = day


def _count(target: str) -> Cleaner:
    def clean(value: Any, row: CleanRow, lookups: Lookups) -> None:
        row.values[target] = whole_number(value)

    return clean


def _fields(value: Any, row: CleanRow, lookups: Lookups) -> None:
    found: list[int] = []
    unknown: list[str] = []
    for chunk in split_list(_text(value)):
        exact = lookups.field_names.get(fold(chunk))
        if exact is not None:
            found.append(exact)
            continue
        for piece in split_list(chunk, ","):
            code = words.lookup(words.FIELD_WORDS, piece)
            pk = lookups.field_names.get(fold(piece)) or lookups.field_codes.get(
                code or ""
            )
            if pk is None:
                unknown.append(piece)
            else:
                found.append(pk)
    if unknown and "other" in lookups.field_codes:
        found.append(lookups.field_codes["other"])
    row.many["fields"] = list(dict.fromkeys(found))
    if unknown:
        raise _Warn(
            _('"%(names)s" is not in the list of fields; counted as "Other".')
            % {"names": "; ".join(unknown)}
        )


def _area(value: Any, row: CleanRow, lookups: Lookups) -> None:
    wards: list[int] = []
    rest: list[str] = []
    for part in split_list(_text(value), ";\n,"):
        code = lookups.ward(part)
        if code is None:
            rest.append(part)
        else:
            wards.append(code)
    row.many["area_wards"] = list(dict.fromkeys(wards))
    row.values["ward_id"] = wards[0] if wards else None
    row.values["area_text"] = "; ".join(rest) if wards else _text(value)
    old = [part for part in rest if fold(part).split(" ")[0] in _OLD_PLACE_PREFIXES]
    if old:
        raise _Warn(
            _(
                '"%(names)s" is not a current ward; kept as written for an '
                "officer to check."
            )
            % {"names": "; ".join(old)}
        )


def _phone(value: Any, row: CleanRow, lookups: Lookups) -> None:
    if isinstance(value, float | int) and not isinstance(value, bool):
        text = str(int(value))
    else:
        text = _text(value)
    try:
        row.values["phone"] = _one_phone(text)
        return
    except InvalidPhone:
        pass
    for part in _PHONE_PARTS.split(text):
        try:
            row.values["phone"] = _one_phone(part)
        except InvalidPhone:
            continue
        raise _Warn(
            _("Several phone numbers: only the first, %(phone)s, is kept.")
            % {"phone": row.values["phone"]}
        )
    raise CellError(
        _(
            "This is not a Vietnamese phone number: write a mobile as 10 digits "
            "(0908123456) or a landline with its area code (02838291010)."
        )
    )


def _one_phone(text: str) -> str:
    try:
        return normalize_phone(text)
    except InvalidPhone:
        digits = re.sub(r"\D", "", text)
        # A number typed into a number cell loses its leading zero.
        if len(digits) in (9, 10) and digits[0] != "0" and digits == text.strip():
            return normalize_phone("0" + digits)
        raise


def _email(value: Any, row: CleanRow, lookups: Lookups) -> None:
    text = _text(value).removeprefix("mailto:")
    parts = [part for part in re.split(r"[\s;,]+", text) if part]
    try:
        validate_email(parts[0] if parts else text)
    except ValidationError:
        raise CellError(
            _("This is not an e-mail address; write it as name@example.vn.")
        ) from None
    row.values["email"] = parts[0].lower()
    if len(parts) > 1:
        raise _Warn(_("Several e-mail addresses: only the first is kept."))


def _links(value: Any, row: CleanRow, lookups: Lookups) -> None:
    links = row.values.setdefault("links", [])
    for part in _LINK_PARTS.split(_text(value)):
        if part and part not in links:
            links.append(part)


def _status(value: Any, row: CleanRow, lookups: Lookups) -> None:
    status = words.lookup(words.TEAM_STATUSES, _text(value))
    if status is None:
        raise CellError(_('Write "Đang hoạt động", "Tạm ngưng" or "Giải thể".'))
    row.values["status"] = status


def _category(value: Any, row: CleanRow, lookups: Lookups) -> None:
    category = words.lookup(words.SITE_CATEGORIES, _text(value))
    if category is None:
        raise CellError(
            _(
                'Write a category such as "Mái ấm", "Nhà mở", "Trung tâm", '
                '"Cơ sở bảo trợ xã hội công lập" or "Khác".'
            )
        )
    row.values["category"] = category


def _ward(value: Any, row: CleanRow, lookups: Lookups) -> None:
    text = _text(value)
    code = lookups.ward(text)
    if code is not None:
        row.values["ward_id"] = code
        row.values["old_ward"] = ""
        return
    row.values["ward_id"] = None
    row.values["old_ward"] = text
    raise _Warn(
        _(
            '"%(name)s" is not a current ward of the city; it is kept as '
            "written for an officer to check."
        )
        % {"name": text}
    )


def _groups(value: Any, row: CleanRow, lookups: Lookups) -> None:
    found: list[str] = []
    unknown: list[str] = []
    for piece in split_list(_text(value), ";\n,"):
        code = words.lookup(words.BENEFICIARY_GROUPS, piece)
        if code is None:
            unknown.append(piece)
        else:
            found.append(code)
    if unknown:
        found.append("other")
    row.many["groups"] = list(dict.fromkeys(found))
    if unknown:
        raise _Warn(
            _('"%(names)s" is not a known group; counted as "Other".')
            % {"names": "; ".join(unknown)}
        )


def _plain(target: str) -> Cleaner:
    def clean(value: Any, row: CleanRow, lookups: Lookups) -> None:
        row.values[target] = _text(value)

    return clean


class _Warn(Exception):
    """The value was used, but a person should look at it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


CLEANERS: dict[ListKind, dict[str, Cleaner]] = {
    "teams": {
        "name": _name,
        "kind": _kind,
        "inside_union": _inside_union,
        "managing_unit": _managing_unit,
        "founded": _founded,
        "members": _count("member_count"),
        "fields": _fields,
        "area": _area,
        "leader": _plain("leader_name"),
        "phone": _phone,
        "email": _email,
        "links": _links,
        "status": _status,
        "notes": _plain("notes"),
    },
    "sites": {
        "name": _name,
        "category": _category,
        "street": _plain("street"),
        "ward": _ward,
        "old_district": _plain("old_district"),
        "managing_body": _plain("managing_body"),
        "groups": _groups,
        "beneficiaries": _count("beneficiary_count"),
        "contact": _plain("contact_name"),
        "phone": _phone,
        "needs": _plain("needs_text"),
        "visiting_times": _plain("visiting_times_text"),
        "notes": _plain("notes"),
    },
}


# Columns several cells of the file may add to, joined by a new line.
_JOINED = ("notes", "links")
# Which column each model value comes from, to name it in messages.
SOURCES: dict[ListKind, dict[str, str]] = {
    "teams": {
        "unit_id": "managing_unit", "founded_year": "founded",
        "founded_on": "founded", "member_count": "members",
        "area_wards": "area", "ward_id": "area", "area_text": "area",
        "leader_name": "leader",
    },
    "sites": {
        "ward_id": "ward", "old_ward": "ward", "beneficiary_count": "beneficiaries",
        "contact_name": "contact", "needs_text": "needs",
        "visiting_times_text": "visiting_times",
    },
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Cleaned:
    """One cell, cleaned: what it gives the record, and what to tell."""

    values: dict[str, Any]
    many: dict[str, list[Any]]
    error: str | None
    warning: str | None
    # Text converted from a legacy encoding.
    converted: bool
    # Nothing but plain values to copy: the common case, kept fast.
    simple: bool


# Columns holding free text, cleaned straight into their field: most of
# their values are unique, so caching them would only cost time.
_DIRECT_TEXT: dict[ListKind, dict[str, str]] = {
    "teams": {"name": "name", "leader": "leader_name"},
    "sites": {"name": "name", "street": "street", "contact": "contact_name"},
}


def source_of(kind: ListKind, name: str) -> str:
    return SOURCES[kind].get(name, name)


def _clean_cell(key: str, cleaner: Cleaner, value: Any, lookups: Lookups) -> Cleaned:
    scratch = CleanRow(0)
    error = warning = None
    try:
        cleaner(value, scratch, lookups)
    except CellError as problem:
        error = problem.message
    except _Warn as problem:
        warning = problem.message
    for name, cleaned in scratch.values.items():
        limit = lookups.lengths.get(name)
        if limit and isinstance(cleaned, str) and len(cleaned) > limit and not error:
            error = _("Too long: at most %(limit)s characters.") % {"limit": limit}
    converted = isinstance(value, str) and as_text(value)[1] is not None
    simple = not (error or warning or scratch.many or converted or key in _JOINED)
    return Cleaned(scratch.values, scratch.many, error, warning, converted, simple)


def clean_rows(
    layout: Layout, rows: list[tuple[int, list[Any]]], lookups: Lookups
) -> list[CleanRow]:
    """Each (Excel row number, cells) row of the list, cleaned.

    The work goes column by column, so that a column's checks run once
    over all its cells where they can; each row still gets its values,
    refusals and warnings in the order of the sheet's columns.
    """
    cleaned = [CleanRow(number) for number, _cells in rows]
    indexes = list(layout.columns)
    width = max(indexes) + 1
    pick = itemgetter(*indexes)
    padding = [None] * width
    picked = [
        pick(cells) if len(cells) >= width else pick([*cells, *padding])
        for _number, cells in rows
    ]
    columns = list(zip(*picked, strict=True)) if len(indexes) > 1 else [picked]
    converted: dict[int, str] = {}
    for position, (index, column) in enumerate(layout.columns.items()):
        cells = list(columns[position]) if rows else []
        header = layout.headers[index]
        missing_values = layout.grid.formulas_without_value
        if missing_values:
            for at, (number, _cells) in enumerate(rows):
                if (number - 1, index) in missing_values:
                    cleaned[at].errors.append(Issue(number, header, _formula_message()))
                    cells[at] = None
        for at in _clean_column(
            layout.kind, column.key, header, cells, cleaned, lookups
        ):
            converted.setdefault(at, header)
    for at, header in converted.items():
        row = cleaned[at]
        row.warnings.append(
            Issue(
                row.row,
                header,
                _(
                    "Text typed in an old Vietnamese encoding (TCVN3 or VNI) "
                    "was converted to Unicode; check that it reads correctly."
                ),
            )
        )
    return cleaned


def _clean_column(
    kind: ListKind,
    key: str,
    header: str,
    cells: list[Any],
    cleaned: list[CleanRow],
    lookups: Lookups,
) -> list[int]:
    """Clean one column's cells into their rows; return the positions of
    the cells converted from a legacy encoding."""
    rest = [at for at, value in enumerate(cells) if value is not None and value != ""]
    target = _DIRECT_TEXT[kind].get(key)
    if target is not None:
        rest = _direct_texts(target, cells, rest, cleaned, lookups.lengths[target])
    elif key == "phone":
        rest = _direct_phones(cells, rest, cleaned)

    # Lists repeat their values (wards, categories, groups): each
    # distinct cell of a column is cleaned once per import.
    cleaner = CLEANERS[kind][key]
    memo = lookups.memo
    # Texts, the most common cells, found by themselves: the memo's key
    # keeps 1, 1.0 and True apart, which a text needs not.
    by_text: dict[str, Cleaned] = {}
    converted = []
    for at in rest:
        value = cells[at]
        cached = by_text.get(value) if type(value) is str else None
        if cached is None:
            cached = memo.get((key, type(value), value))
            if cached is None:
                cached = _clean_cell(key, cleaner, value, lookups)
                memo[(key, type(value), value)] = cached
            if type(value) is str:
                by_text[value] = cached
        row = cleaned[at]
        if cached.simple:
            row.values.update(cached.values)
            continue
        _apply(row, key, header, cached)
        if cached.converted:
            converted.append(at)
    return converted


def _direct_texts(
    target: str,
    cells: list[Any],
    positions: list[int],
    cleaned: list[CleanRow],
    limit: int,
) -> list[int]:
    """Put the column's tidy texts in place; return the positions left."""
    texts = [at for at in positions if type(cells[at]) is str]
    tidy = texts and all_tidy([cells[at] for at in texts])
    if tidy and max(len(cells[at]) for at in texts) <= limit:
        for at in texts:
            cleaned[at].values[target] = cells[at]
        return [at for at in positions if type(cells[at]) is not str]
    rest = []
    for at in positions:
        value = cells[at]
        if type(value) is str:
            text, encoding = clean_text(value)
            if encoding is None and len(text) <= limit:
                cleaned[at].values[target] = text
                continue
        rest.append(at)
    return rest


def _direct_phones(
    cells: list[Any], positions: list[int], cleaned: list[CleanRow]
) -> list[int]:
    """Put the phone numbers written plainly in place; return the others.

    Phone numbers are unique: only the odd ones need the full cleaner and
    its messages.
    """
    rest = []
    for at in positions:
        value = cells[at]
        if type(value) is str:
            try:
                cleaned[at].values["phone"] = normalize_phone(value)
                continue
            except InvalidPhone:
                pass
        rest.append(at)
    return rest


def _apply(row: CleanRow, key: str, header: str, cached: Cleaned) -> None:
    values = row.values
    if cached.error:
        row.errors.append(Issue(row.row, header, cached.error))
    if cached.warning:
        row.warnings.append(Issue(row.row, header, cached.warning))
    for name, cleaned in cached.values.items():
        previous = values.get(name)
        if key in _JOINED and previous:
            values[name] = (
                [*previous, *[v for v in cleaned if v not in previous]]
                if isinstance(previous, list)
                else f"{previous}\n{cleaned}"
            )
        else:
            values[name] = list(cleaned) if isinstance(cleaned, list) else cleaned
    row.many.update(cached.many)


def _formula_message() -> str:
    return _(
        "This cell holds a formula saved without its value; type the value "
        "itself in the cell."
    )
