"""Building the demo data set and the city-sized one for benchmarks.

The small set goes through the services, as a person would create it. The
city-sized set is written with bulk inserts: hundreds of thousands of rows
one save at a time would take hours.
"""

import logging
import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from portal.accounts.models import User
from portal.activities.seeding import seed_city_activities, seed_demo_activities
from portal.coordination.seeding import (
    seed_city_coordination,
    seed_demo_coordination,
)
from portal.demo import data
from portal.hours.seeding import seed_hours
from portal.lib.text import fold
from portal.places.models import Ward
from portal.places.services import load_official_places
from portal.rounds.seeding import CITY_ROUND_MARKER, seed_city_rounds, seed_demo_round
from portal.sites.models import BeneficiaryGroup, Need, Site, VisitingSlot
from portal.sites.services import add_site_contact, create_site
from portal.teams.fields import ensure_default_fields
from portal.teams.models import Field, Team
from portal.teams.services import add_team_manager, create_team
from portal.units.models import Unit
from portal.units.services import create_unit, grant_membership

logger = logging.getLogger(__name__)

ROOT_CODE = "thanh-doan"


def demo_exists() -> bool:
    return Unit.objects.filter(code=ROOT_CODE).exists()


@transaction.atomic
def seed_demo() -> dict[str, User]:
    """Create the small demo set once; return the demo accounts by role."""
    # Tests that commit for real flush every table, reference lists too.
    if not Ward.objects.exists():
        load_official_places()
    ensure_default_fields()
    if not demo_exists():
        _seed_units()
        _seed_teams_and_sites()
        _seed_registry_details()
        _seed_accounts()
        seed_demo_round()
        seed_demo_activities()
        seed_demo_coordination()
        seed_hours()
    emails = {key: email for key, _, email, *_ in data.ACCOUNTS}
    users = {u.email: u for u in User.objects.filter(email__in=emails.values())}
    return {key: users[email] for key, email in emails.items()}


def _seed_units() -> None:
    for code, name, kind, parent_code, ward_code in data.UNITS:
        parent = Unit.objects.get(code=parent_code) if parent_code else None
        create_unit(
            by=None,
            code=code,
            name=name,
            kind=kind,
            parent=parent,
            ward_id=ward_code,
        )


def _seed_teams_and_sites() -> None:
    units = {unit.code: unit for unit in Unit.objects.all()}
    for name, kind, unit, ward, leader, phone, state, members in data.TEAMS:
        create_team(
            by=None,
            unit=units[unit],
            name=name,
            kind=kind,
            ward_id=ward,
            leader_name=leader,
            phone=phone,
            verification=state,
            member_count=members,
            founded_year=2015,
        )
    for n, (name, category, unit, ward, street, people, protected) in enumerate(
        data.SITES
    ):
        create_site(
            by=None,
            unit=units[unit],
            name=name,
            category=category,
            ward_id=ward,
            street=street,
            beneficiary_count=people,
            is_protected=protected,
            contact_name="Người phụ trách",
            phone=f"02838123{n + 450}",
        )


def _seed_registry_details() -> None:
    fields = {field.code: field for field in Field.objects.all()}
    for name, codes in data.TEAM_FIELDS.items():
        team = Team.objects.get(name=name)
        team.fields.set([fields[code] for code in codes])
        if team.ward_id:
            team.area_wards.set([team.ward_id])

    for name, groups, slots, written in data.SITE_DETAILS:
        site = Site.objects.get(name=name)
        site.visiting_times_text = written
        site.max_visitors_per_slot = 20
        site.save(update_fields=["visiting_times_text", "max_visitors_per_slot"])
        for group, count in groups:
            site.groups.create(group=group, count=count)
        for weekday, starts, ends in slots:
            site.slots.create(weekday=weekday, starts_at=starts, ends_at=ends)

    for name, category, text, quantity, unit, urgency, status in data.NEEDS:
        Need.objects.create(
            site=Site.objects.get(name=name),
            category=category,
            description=text,
            quantity=quantity,
            quantity_unit=unit,
            urgency=urgency,
            status=status,
        )


def _seed_accounts() -> None:
    for _key, name, email, phone, role, scope in data.ACCOUNTS:
        user = User.objects.create_user(
            email=email,
            phone=phone,
            password=data.DEMO_PASSWORD,
            full_name=name,
            consented_at=timezone.now(),
        )
        if role in ("coordinator", "officer"):
            grant_membership(user=user, unit=Unit.objects.get(code=scope), role=role)
        elif role == "team_manager":
            add_team_manager(team=Team.objects.get(name=scope), user=user)
        elif role == "site_contact":
            add_site_contact(site=Site.objects.get(name=scope), user=user)


@dataclass(frozen=True)
class CityScale:
    """How big the city-sized set is; the defaults are the portal's target."""

    volunteers: int = 300_000
    teams: int = 10_000
    sites: int = 3_000
    universities: int = 60
    enterprises: int = 40
    branches_per_unit: int = 6


CITY_MARKER = "city-scale-done"
CITY_REGISTRY_MARKER = "city-scale-registries-done"
CITY_ACTIVITY_MARKER = "city-scale-activities-done"


@transaction.atomic
def seed_city(scale: CityScale = CityScale(), seed: int = 2026) -> dict[str, int]:
    """Add a city-sized set on top of the demo one, once."""
    seed_demo()
    if not Unit.objects.filter(code=CITY_MARKER).exists():
        _seed_city_base(scale, random.Random(seed))
    if not Unit.objects.filter(code=CITY_REGISTRY_MARKER).exists():
        _seed_city_registries(random.Random(seed + 1))
    if not Unit.objects.filter(code=CITY_ROUND_MARKER).exists():
        seed_city_rounds(random.Random(seed + 3))
    # Visits and claims need the sites, needs and teams above; the stage
    # keeps its own marker.
    seed_city_coordination(random.Random(seed + 7))
    if not Unit.objects.filter(code=CITY_ACTIVITY_MARKER).exists():
        seed_city_activities(random.Random(seed + 2))
        create_unit(
            by=None,
            code=CITY_ACTIVITY_MARKER,
            name="·",
            kind="other",
            parent=Unit.objects.get(code=ROOT_CODE),
            is_active=False,
        )
    return _city_counts()


def _seed_city_base(scale: CityScale, rng: random.Random) -> None:
    root = Unit.objects.get(code=ROOT_CODE)
    wards = list(Ward.objects.in_city().values_list("code", "name"))

    direct = _bulk_units(root, _direct_unit_specs(scale, wards))
    branches = _bulk_units_under(direct, scale.branches_per_unit, rng)
    units = direct + branches
    _bulk_volunteers(scale.volunteers)
    _bulk_teams(scale.teams, units, wards, rng)
    _bulk_sites(scale.sites, direct, wards, rng)
    create_unit(
        by=None, code=CITY_MARKER, name="·", kind="other", parent=root, is_active=False
    )


def _seed_city_registries(rng: random.Random) -> None:
    """Fields, areas, groups, slots and needs for the city-sized set."""
    field_ids = list(Field.objects.values_list("pk", flat=True))
    team_fields = Team.fields.through
    team_wards = Team.area_wards.through
    field_rows, ward_rows = [], []
    for team_id, ward_id in Team.objects.values_list("pk", "ward_id"):
        for field_id in rng.sample(field_ids, rng.randint(1, 3)):
            field_rows.append(team_fields(team_id=team_id, field_id=field_id))
        if ward_id:
            ward_rows.append(team_wards(team_id=team_id, ward_id=ward_id))
    team_fields.objects.bulk_create(field_rows, batch_size=5000, ignore_conflicts=True)
    team_wards.objects.bulk_create(ward_rows, batch_size=5000, ignore_conflicts=True)

    groups = [g for g, _ in BeneficiaryGroup.Group.choices]
    categories = [c for c, _ in Need.Category.choices]
    statuses = ["open"] * 6 + ["claimed", "fulfilled", "fulfilled", "withdrawn"]
    group_rows, slot_rows, need_rows = [], [], []
    sites = Site.objects.exclude(groups__isnull=False).values_list("pk", flat=True)
    for site_id in sites:
        for group in rng.sample(groups, rng.randint(1, 2)):
            group_rows.append(
                BeneficiaryGroup(
                    site_id=site_id, group=group, count=rng.randint(5, 150)
                )
            )
        weekday = rng.choice([5, 6])
        slot_rows.append(
            VisitingSlot(
                site_id=site_id, weekday=weekday, starts_at="08:00", ends_at="11:00"
            )
        )
        for _ in range(rng.randint(0, 3)):
            need_rows.append(
                Need(
                    site_id=site_id,
                    category=rng.choice(categories),
                    description="Nhu cầu hỗ trợ",
                    quantity=rng.randint(1, 200),
                    status=rng.choice(statuses),
                )
            )
    BeneficiaryGroup.objects.bulk_create(group_rows, batch_size=5000)
    VisitingSlot.objects.bulk_create(slot_rows, batch_size=5000)
    Need.objects.bulk_create(need_rows, batch_size=5000)

    root = Unit.objects.get(code=ROOT_CODE)
    create_unit(
        by=None,
        code=CITY_REGISTRY_MARKER,
        name="·",
        kind="other",
        parent=root,
        is_active=False,
    )


def _city_counts() -> dict[str, int]:
    return {
        "units": Unit.objects.count(),
        "volunteers": User.objects.count(),
        "teams": Team.objects.count(),
        "sites": Site.objects.count(),
        "needs": Need.objects.count(),
    }


def _direct_unit_specs(
    scale: CityScale, wards: list[tuple[int, str]]
) -> list[tuple[str, str, str, int | None]]:
    specs: list[tuple[str, str, str, int | None]] = []
    for code, name in wards:
        specs.append((f"city-ward-{code}", f"Đoàn {name.lower()}", "ward", code))
    for n in range(scale.universities):
        specs.append(
            (f"city-uni-{n}", f"Đoàn trường Đại học số {n + 1}", "university", None)
        )
    for n in range(scale.enterprises):
        specs.append(
            (f"city-ent-{n}", f"Đoàn Tổng công ty số {n + 1}", "enterprise", None)
        )
    return specs


def _bulk_units(
    parent: Unit, specs: list[tuple[str, str, str, int | None]]
) -> list[Unit]:
    rows = [
        Unit(
            code=code,
            name=name,
            kind=kind,
            ward_id=ward,
            parent=parent,
            depth=parent.depth + 1,
            name_folded=fold(name),
            path=f"/new-{code}/",
        )
        for code, name, kind, ward in specs
    ]
    created = Unit.objects.bulk_create(rows, batch_size=2000)
    # Both PostgreSQL and SQLite (3.35+) return the new ids, so the paths
    # can be written in a second bulk statement.
    for unit in created:
        unit.path = f"{parent.path}{unit.pk}/"
    Unit.objects.bulk_update(created, ["path"], batch_size=2000)
    return created


def _bulk_units_under(
    parents: list[Unit], per_parent: int, rng: random.Random
) -> list[Unit]:
    result: list[Unit] = []
    for parent in parents:
        count = rng.randint(1, per_parent)
        specs = [
            (
                f"{parent.code}-b{n}",
                f"Chi đoàn {n + 1} - {parent.name}",
                "branch",
                parent.ward_id,
            )
            for n in range(count)
        ]
        result.extend(_bulk_units(parent, specs))
    return result


def _bulk_volunteers(count: int) -> None:
    # One hash for all: hashing 300,000 passwords with Argon2 would take
    # most of an hour, and these accounts are only for load.
    password = make_password(data.DEMO_PASSWORD)
    now = timezone.now()
    batch: list[User] = []
    for n in range(count):
        batch.append(
            User(
                email=f"tnv{n}@city.tinhnguyen.vn",
                phone=f"07{n:08d}",
                full_name=f"Tình nguyện viên {n}",
                password=password,
                consented_at=now,
                date_joined=now,
            )
        )
        if len(batch) == 5000:
            User.objects.bulk_create(batch)
            batch = []
    User.objects.bulk_create(batch)


_TEAM_PREFIX = {"club": "CLB", "team": "Đội", "group": "Nhóm"}


def _bulk_teams(
    count: int, units: list[Unit], wards: list[tuple[int, str]], rng: random.Random
) -> None:
    kinds = [k for k, _ in Team.Kind.choices]
    states = ["verified"] * 7 + ["awaiting"] * 2 + ["suspended"]
    rows = []
    for n in range(count):
        unit = rng.choice(units)
        kind = rng.choice(kinds)
        name = (
            f"{ {'club': 'CLB', 'team': 'Đội', 'group': 'Nhóm'}[kind] } tình nguyện {n}"
        )
        rows.append(
            Team(
                unit=unit,
                name=name,
                kind=kind,
                name_folded=fold(name),
                ward_id=unit.ward_id or rng.choice(wards)[0],
                leader_name=f"Trưởng nhóm {n}",
                phone=f"08{n:08d}",
                verification=rng.choice(states),
                member_count=rng.randint(5, 200),
                founded_year=rng.randint(2000, 2026),
            )
        )
    for team in rows:
        team.refresh_derived()
    Team.objects.bulk_create(rows, batch_size=2000)


def _bulk_sites(
    count: int, units: list[Unit], wards: list[tuple[int, str]], rng: random.Random
) -> None:
    categories = [c for c, _ in Site.Category.choices]
    rows = []
    for n in range(count):
        ward_code, ward_name = rng.choice(wards)
        name = f"Mái ấm {ward_name} số {n}"
        rows.append(
            Site(
                unit=rng.choice(units),
                name=name,
                name_folded=fold(name),
                category=rng.choice(categories),
                ward_id=ward_code,
                street=f"{n} Đường số {n % 50}",
                contact_name=f"Phụ trách {n}",
                phone=f"028{n:08d}",
                beneficiary_count=rng.randint(5, 300),
                is_protected=rng.random() < 0.2,
                latitude=round(10.6 + rng.random() * 0.6, 6),
                longitude=round(106.4 + rng.random() * 0.6, 6),
            )
        )
    for site in rows:
        site.refresh_derived()
    Site.objects.bulk_create(rows, batch_size=2000)


__all__ = ["CityScale", "seed_city", "seed_demo"]
