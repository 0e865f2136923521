"""Teams and sites as records: the rows of Mẫu 1 and Mẫu 2 as people read them.

A record is a ``dict[str, str]`` keyed by the column keys of
``portal.sheets.columns`` (every key present, "" when there is no value).
The exporter writes records as they are; rounds freeze them; the importer
must read a written record back to the same model values. So each value
has one simple, fixed form, written in Vietnamese whatever the language
of the request:

Mẫu 1 (teams)
    name, leader, email, notes: the text as stored.
    kind: a label of ``TEAM_KIND_LABELS`` ("CLB", "Đội", "Nhóm").
    inside_union: a label of ``INSIDE_UNION_LABELS`` ("Trong tổ chức",
        "Ngoài tổ chức").
    managing_unit: the managing unit's name, as in the unit tree.
    founded: the date as dd/mm/yyyy when the day is known ("09/05/2015"),
        else the year ("2015"), else "".
    members: the whole number in decimal digits ("45"), or "".
    fields: field names (``Field.name``) in the fields' order, joined by
        ``SEPARATOR`` ("; "). A name may itself hold a comma ("Y tế, hiến
        máu"), so a reader must split on ";" only, or match known names.
    area: the official names of the wards of activity ("Phường Bến Thành",
        ordered by name), then the free text of the area if any, all
        joined by "; ". A reader matches each part against the official
        ward names; what matches no ward is the free text.
    phone: the national form of ``portal.lib.phones`` ("0908123401",
        "02838291010"), digits only.
    links: the addresses as stored, joined by "; ".
    status: a label of ``TEAM_STATUS_LABELS`` ("Đang hoạt động", ...).

Mẫu 2 (sites)
    name, street, managing_body, contact, needs, visiting_times, notes,
        old_district: the text as stored.
    category: a label of ``SITE_CATEGORY_LABELS``.
    ward: the official name of the current ward ("Phường Bến Thành"); when
        the site has none, the old ward as written (flagged on import).
    groups: labels of ``GROUP_LABELS`` joined by "; ", in the order of
        ``BeneficiaryGroup.Group`` (labels may hold a comma, as above).
    beneficiaries: the whole number of people cared for, or "".
    phone: the national form, as for teams.

Text values keep their own line breaks; nothing else is escaped here. How
cells are protected from formula injection is the writer's concern
(``portal.sheets.export``), not the record's.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from django.db.models import QuerySet

from portal.sites.models import BeneficiaryGroup, Site
from portal.teams.models import Team

SEPARATOR = "; "

TEAM_KIND_LABELS: dict[str, str] = {
    Team.Kind.CLUB: "CLB",
    Team.Kind.TEAM: "Đội",
    Team.Kind.GROUP: "Nhóm",
}

INSIDE_UNION_LABELS: dict[bool, str] = {
    True: "Trong tổ chức",
    False: "Ngoài tổ chức",
}

TEAM_STATUS_LABELS: dict[str, str] = {
    Team.Status.ACTIVE: "Đang hoạt động",
    Team.Status.PAUSED: "Tạm ngưng",
    Team.Status.DISSOLVED: "Đã giải thể",
}

SITE_CATEGORY_LABELS: dict[str, str] = {
    Site.Category.PUBLIC_FACILITY: "Cơ sở bảo trợ xã hội công lập",
    Site.Category.PRIVATE_FACILITY: "Cơ sở bảo trợ xã hội ngoài công lập",
    Site.Category.CENTRE: "Trung tâm",
    Site.Category.SHELTER: "Mái ấm",
    Site.Category.OPEN_HOUSE: "Nhà mở",
    Site.Category.RELIGIOUS_HOME: "Cơ sở tôn giáo nuôi dưỡng",
    Site.Category.HOSPITAL: "Bệnh viện, phòng khám",
    Site.Category.SCHOOL: "Trường học",
    Site.Category.HOUSEHOLDS: "Hộ gia đình khó khăn",
    Site.Category.OTHER: "Khác",
}

GROUP_LABELS: dict[str, str] = {
    BeneficiaryGroup.Group.ORPHANED_CHILDREN: "Trẻ em mồ côi, bị bỏ rơi",
    BeneficiaryGroup.Group.CHILDREN_IN_HARDSHIP: "Trẻ em có hoàn cảnh khó khăn",
    BeneficiaryGroup.Group.ELDERLY_ALONE: "Người cao tuổi cô đơn",
    BeneficiaryGroup.Group.DISABILITIES: "Người khuyết tật",
    BeneficiaryGroup.Group.MENTAL_ILLNESS: "Người tâm thần",
    BeneficiaryGroup.Group.HOMELESS: "Người vô gia cư",
    BeneficiaryGroup.Group.HIV: "Người nhiễm HIV",
    BeneficiaryGroup.Group.PATIENTS: "Bệnh nhân",
    BeneficiaryGroup.Group.OTHER: "Khác",
}
_GROUP_ORDER = {value: index for index, value in enumerate(GROUP_LABELS)}

# The team columns read for a record, in the order ``_team_values`` expects.
_TEAM_VALUES = (
    "pk",
    "name",
    "kind",
    "inside_union",
    "unit__name",
    "founded_on",
    "founded_year",
    "member_count",
    "area_text",
    "leader_name",
    "phone",
    "email",
    "links",
    "status",
    "notes",
)

_SITE_VALUES = (
    "pk",
    "name",
    "category",
    "street",
    "ward__name",
    "old_ward",
    "old_district",
    "managing_body",
    "beneficiary_count",
    "contact_name",
    "phone",
    "needs_text",
    "visiting_times_text",
    "notes",
)

# Rows fetched per round trip when streaming a large list.
_CHUNK = 2000


def format_founded(founded_on: date | None, founded_year: int | None) -> str:
    if founded_on is not None:
        return founded_on.strftime("%d/%m/%Y")
    return str(founded_year) if founded_year else ""


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def _joined(parts: Iterable[str]) -> str:
    return SEPARATOR.join(part for part in parts if part)


def _team_values(
    row: tuple[Any, ...], fields: list[str], wards: list[str]
) -> dict[str, str]:
    (
        _pk,
        name,
        kind,
        inside_union,
        unit_name,
        founded_on,
        founded_year,
        member_count,
        area_text,
        leader_name,
        phone,
        email,
        links,
        status,
        notes,
    ) = row
    # Written out in the columns' order (a test holds it to ``keys``):
    # building from ``empty_record`` took a third of the time spent here.
    return {
        "name": name,
        "kind": TEAM_KIND_LABELS.get(kind, kind),
        "inside_union": INSIDE_UNION_LABELS[bool(inside_union)],
        "managing_unit": unit_name or "",
        "founded": format_founded(founded_on, founded_year),
        "members": _number(member_count),
        "fields": SEPARATOR.join(fields),
        "area": _joined([*wards, area_text]) if area_text else SEPARATOR.join(wards),
        "leader": leader_name,
        "phone": phone or "",
        "email": email or "",
        "links": _joined(str(link) for link in links) if links else "",
        "status": TEAM_STATUS_LABELS.get(status, status),
        "notes": notes or "",
    }


def _site_values(row: tuple[Any, ...], groups: list[str]) -> dict[str, str]:
    (
        _pk,
        name,
        category,
        street,
        ward_name,
        old_ward,
        old_district,
        managing_body,
        beneficiary_count,
        contact_name,
        phone,
        needs_text,
        visiting_times_text,
        notes,
    ) = row
    return {
        "name": name,
        "category": SITE_CATEGORY_LABELS.get(category, category),
        "street": street or "",
        "ward": ward_name or old_ward or "",
        "old_district": old_district or "",
        "managing_body": managing_body or "",
        "groups": SEPARATOR.join(GROUP_LABELS.get(group, group) for group in groups),
        "beneficiaries": _number(beneficiary_count),
        "contact": contact_name or "",
        "phone": phone or "",
        "needs": needs_text or "",
        "visiting_times": visiting_times_text or "",
        "notes": notes or "",
    }


def team_record(team: Team) -> dict[str, str]:
    """One team's record (a few queries; use ``team_records`` for lists)."""
    return next(team_records(Team.objects.filter(pk=team.pk)))


def site_record(site: Site) -> dict[str, str]:
    """One site's record (a few queries; use ``site_records`` for lists)."""
    return next(site_records(Site.objects.filter(pk=site.pk)))


def team_records(teams: QuerySet[Team]) -> Iterator[dict[str, str]]:
    """The records of the teams, in the queryset's order.

    Three queries whatever the size: the teams, then their fields and their
    wards of activity through the many-to-many tables, filtered by the same
    queryset as a subquery (so no list of ids, which SQLite limits).
    """
    ids = teams.values("pk")
    fields: dict[int, list[str]] = defaultdict(list)
    through = Team.fields.through.objects.filter(team_id__in=ids)
    for team_id, field_name in through.order_by(
        "field__position", "field__name"
    ).values_list("team_id", "field__name"):
        fields[team_id].append(field_name)

    wards: dict[int, list[str]] = defaultdict(list)
    through = Team.area_wards.through.objects.filter(team_id__in=ids)
    for team_id, ward_name in through.order_by("ward__name").values_list(
        "team_id", "ward__name"
    ):
        wards[team_id].append(ward_name)

    for row in teams.values_list(*_TEAM_VALUES).iterator(chunk_size=_CHUNK):
        yield _team_values(row, fields.get(row[0], []), wards.get(row[0], []))


def site_records(sites: QuerySet[Site]) -> Iterator[dict[str, str]]:
    """The records of the sites, in the queryset's order (two queries)."""
    groups: dict[int, list[str]] = defaultdict(list)
    cared = BeneficiaryGroup.objects.filter(site_id__in=sites.values("pk"))
    for site_id, group in cared.values_list("site_id", "group"):
        groups[site_id].append(group)
    for listed in groups.values():
        listed.sort(key=lambda group: _GROUP_ORDER.get(group, len(_GROUP_ORDER)))

    for row in sites.values_list(*_SITE_VALUES).iterator(chunk_size=_CHUNK):
        yield _site_values(row, groups.get(row[0], []))
