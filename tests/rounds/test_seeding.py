"""The benchmark's merged round: approved snapshots holding a set total."""

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from portal.rounds.merging import duplicate_pairs, merged_records, write_merged
from portal.rounds.models import Assignment, Submission
from portal.rounds.seeding import seed_merged_round
from portal.teams.models import Team
from portal.units.models import Unit

pytestmark = pytest.mark.django_db


def test_the_merged_round_asks_every_direct_unit_and_approves_each(
    demo: dict[str, Any],
) -> None:
    round = seed_merged_round(total=40)

    direct = Unit.objects.filter(parent__code="thanh-doan", is_active=True)
    asked = Assignment.objects.filter(round=round)
    assert set(asked.values_list("unit_id", flat=True)) == set(
        direct.values_list("pk", flat=True)
    )
    assert set(asked.values_list("state", flat=True)) == {Assignment.State.APPROVED}
    sent = Submission.objects.filter(assignment__round=round)
    assert set(sent.values_list("status", flat=True)) == {"approved"}


def test_the_merged_round_is_padded_to_the_total_with_distinct_records(
    demo: dict[str, Any],
) -> None:
    live = Team.objects.exclude(verification=Team.Verification.DISSOLVED).count()
    round = seed_merged_round(total=live * 2 + 3)

    snapshots = Submission.objects.filter(assignment__round=round)
    refs = [f"{e['unit']}/{e['id']}" for s in snapshots for e in s.teams]
    assert len(refs) == live * 2 + 3
    assert len(set(refs)) == len(refs)
    assert sum(s.team_count for s in snapshots) == live * 2 + 3


def test_the_merged_round_is_trimmed_to_a_smaller_total(
    demo: dict[str, Any],
) -> None:
    round = seed_merged_round(total=2)

    snapshots = Submission.objects.filter(assignment__round=round)
    assert sum(len(s.teams) for s in snapshots) == 2
    assert sum(s.team_count for s in snapshots) == 2


def test_the_merged_workbook_numbers_one_row_per_merged_record(
    demo: dict[str, Any],
) -> None:
    round = seed_merged_round(total=12)
    output = io.BytesIO()

    written = write_merged(round, "teams", output=output)

    records = merged_records(round, "teams")
    assert written == len(records)
    sheet = load_workbook(io.BytesIO(output.getvalue())).active
    names = {c for row in sheet.iter_rows(values_only=True) for c in row}
    assert {r["name"] for r in records} <= names


def test_the_teams_planted_twice_are_each_flagged_as_a_pair(
    demo: dict[str, Any],
) -> None:
    live = Team.objects.exclude(verification=Team.Verification.DISSOLVED).count()
    round = seed_merged_round(total=live, duplicates=3)

    snapshots = Submission.objects.filter(assignment__round=round)
    copies = {
        f"{e['unit']}/{e['id']}" for s in snapshots for e in s.teams if e["id"] < 0
    }
    paired = {
        ref
        for p in duplicate_pairs(round, "teams")
        for ref in (p.first.ref, p.second.ref)
    }
    assert len(copies) == 3
    assert copies <= paired
    assert sum(s.team_count for s in snapshots) == live
