"""The city's merged Mẫu 1 of a round, 10,000 teams, against a bare dump.

Timed, in a child process on the prepared database with the production
profile: what the merged list's download does, end to end. It reads the
approved snapshots of the round ``portal.rounds.seeding`` fills with
10,000 teams, merges them, looks for duplicates across units (and leaves
out those ruled the same), and writes the Mẫu 1 workbook to a file with
``portal.sheets.export.write_xlsx``: title block, styled headers, merged
cells, numbered rows and signature block included.

The floor, timed in the same child and the same loop: the same 10,000
rows of values (already in memory) appended to a bare write-only openpyxl
workbook and saved. The ratio of the medians is what reading, merging,
the duplicate search and the layout cost over the dump itself; it must
stay at or under 1.5.
"""

import statistics
import time

from bench.child import report, run_child, start_django, time_bare_dump
from bench.measure import Result
from bench.registry import Context, operation

# Seven rounds: the median of fewer swung by a tenth from run to run.
ROUNDS = 7
LIMIT = 1.5


@operation("round_merged_export_10k")
def round_merged_export_10k(ctx: Context) -> Result:
    """The merged Mẫu 1 of a round of 10,000 teams, against a bare dump."""
    # Imported here: the child runs this module before Django is set up.
    from portal.rounds.seeding import MERGED_TEAMS

    facts = run_child(ctx, "bench.operations.round_merged_export")
    result = Result()
    result.samples_ms = facts["export_ms"]
    result.floor_ms = facts["dump_ms"]
    ratio = statistics.median(facts["export_ms"]) / statistics.median(facts["dump_ms"])
    result.counts = [
        ("teams in the approved snapshots", f"{facts['sent']:,}"),
        ("rows written", f"{facts['rows']:,}"),
        ("duplicate pairs flagged", f"{facts['pairs']:,}"),
        ("rounds", str(ROUNDS)),
        ("median ratio", f"{ratio:.2f} (limit {LIMIT})"),
    ]
    if facts["sent"] != MERGED_TEAMS:
        result.problems.append(
            f"the snapshots hold {facts['sent']} teams, not {MERGED_TEAMS}: reseed"
        )
    if facts["rows"] != facts["merged"]:
        result.problems.append(
            f"wrote {facts['rows']} rows for {facts['merged']} merged records"
        )
    if ratio > LIMIT:
        result.problems.append(
            f"round_merged_export_10k: median ratio {ratio:.2f} over the limit {LIMIT}"
        )
    return result


def _child() -> None:
    import tempfile

    start_django()

    from django.db.models import Sum

    from portal.rounds.merging import duplicate_pairs, merged_records, write_merged
    from portal.rounds.models import Round, Submission
    from portal.rounds.seeding import MERGED_REFERENCE
    from portal.sheets.columns import keys

    round = Round.objects.get(reference=MERGED_REFERENCE)
    approved = Submission.objects.filter(
        assignment__round=round, status=Submission.Status.APPROVED
    )
    sent = approved.aggregate(n=Sum("team_count"))["n"] or 0
    merged = merged_records(round, "teams")
    pairs = duplicate_pairs(round, "teams")
    columns = keys("teams")
    values = [
        [number, *(record[key] or None for key in columns)]
        for number, record in enumerate(merged, start=1)
    ]
    merged_count, pair_count = len(merged), len(pairs)
    # Only the dump's values stay in memory while both are timed.
    del merged, pairs

    export_ms: list[float] = []
    dump_ms: list[float] = []
    written = 0
    with tempfile.TemporaryDirectory() as folder:
        for round_number in range(ROUNDS):
            dump_ms.append(time_bare_dump(values, f"{folder}/dump-{round_number}.xlsx"))

            started = time.perf_counter()
            written = write_merged(
                round, "teams", output=f"{folder}/merged-{round_number}.xlsx"
            )
            export_ms.append((time.perf_counter() - started) * 1000)

    report(
        {
            "sent": sent,
            "merged": merged_count,
            "pairs": pair_count,
            "rows": written,
            "export_ms": export_ms,
            "dump_ms": dump_ms,
        }
    )


if __name__ == "__main__":
    _child()
