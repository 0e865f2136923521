"""Exporting 50,000 teams as a Mẫu 1 workbook, against a bare openpyxl dump.

Timed, in a child process on the prepared database with the production
profile: ``portal.sheets.export.write_xlsx`` fed by ``team_records`` read
from the database, as many passes over the city's teams as make 50,000
rows (the city holds about 10,000), streamed into the workbook and saved
to a file: the title block, styled headers, merged cells, numbered rows,
neutralised cells and signature block included.

The floor, timed in the same child and the same loop: the same 50,000 rows
of values (already in memory, so without the database reads) appended to
a bare write-only openpyxl workbook and saved. The ratio of the medians is
what the template layout, the record building and the database reads cost
over the dump itself; it must stay at or under 1.5.
"""

import math
import statistics
import time
from itertools import chain, islice

from bench.child import report, run_child, start_django, time_bare_dump
from bench.measure import Result
from bench.registry import Context, operation

ROWS = 50_000
ROUNDS = 3
LIMIT = 1.5


@operation("export_teams_50k")
def export_teams_50k(ctx: Context) -> Result:
    """The Mẫu 1 export of 50,000 rows, against a bare openpyxl dump."""
    facts = run_child(ctx, "bench.operations.export_teams")
    result = Result()
    result.samples_ms = facts["export_ms"]
    result.floor_ms = facts["dump_ms"]
    ratio = statistics.median(facts["export_ms"]) / statistics.median(facts["dump_ms"])
    result.counts = [
        ("rows", f"{facts['rows']:,}"),
        ("teams in the database", f"{facts['teams']:,}"),
        ("rounds", str(ROUNDS)),
        ("median ratio", f"{ratio:.2f} (limit {LIMIT})"),
    ]
    if facts["rows"] != ROWS:
        result.problems.append(f"wrote {facts['rows']} rows, not {ROWS}")
    if ratio > LIMIT:
        result.problems.append(
            f"export_teams_50k: median ratio {ratio:.2f} over the limit {LIMIT}"
        )
    return result


def _child() -> None:
    import tempfile

    start_django()

    from portal.sheets.columns import keys
    from portal.sheets.export import write_xlsx
    from portal.sheets.records import team_records
    from portal.teams.models import Team

    teams = Team.objects.order_by("unit__path", "name", "pk")
    count = teams.count()
    passes = math.ceil(ROWS / max(count, 1))

    def records():  # type: ignore[no-untyped-def]
        fresh = (team_records(teams) for _ in range(passes))
        return islice(chain.from_iterable(fresh), ROWS)

    columns = keys("teams")
    values = [
        [number, *(record[key] or None for key in columns)]
        for number, record in enumerate(records(), start=1)
    ]

    export_ms: list[float] = []
    dump_ms: list[float] = []
    written = 0
    with tempfile.TemporaryDirectory() as folder:
        for round_number in range(ROUNDS):
            dump_ms.append(time_bare_dump(values, f"{folder}/dump-{round_number}.xlsx"))

            started = time.perf_counter()
            written = write_xlsx(
                "teams",
                records(),
                issuer="Thành Đoàn TP. Hồ Chí Minh",
                parent="",
                output=f"{folder}/export-{round_number}.xlsx",
            )
            export_ms.append((time.perf_counter() - started) * 1000)

    report(
        {"rows": written, "teams": count, "export_ms": export_ms, "dump_ms": dump_ms}
    )


if __name__ == "__main__":
    _child()
