"""Importing a 10,000-row Mẫu 2 workbook, against a bare calamine read.

Timed, in a child process on the prepared database with the production
profile: ``portal.sheets.importing.plan.run`` with ``commit=True``, as
``manage.py import_sheet --commit`` does it: the file is read, every cell
cleaned, every row matched with the unit's sites and the city's (possible
duplicates), the report built, and the 10,000 sites with their groups and
history rows written in one transaction. Each round imports into a new
unit, inside a transaction rolled back at its end, so reruns start alike;
on PostgreSQL the rows they leave dead are vacuumed afterwards.

The floor, timed in the same child and the same loop: python-calamine
reading the same workbook's first sheet into Python values. The import
must take at most 3 times that, and reach 5,000 rows a second.
"""

import json
import statistics
import subprocess
import sys

from bench.measure import Result
from bench.registry import Context, operation
from bench.server import BASE_DIR

ROWS = 10_000
ROUNDS = 3
LIMIT = 3.0
MIN_ROWS_PER_S = 5_000


@operation("import_sites_10k")
def import_sites_10k(ctx: Context) -> Result:
    """The Mẫu 2 import of 10,000 rows, against a bare calamine read."""
    child = subprocess.run(
        [sys.executable, "-m", "bench.operations.import_sites"],
        cwd=BASE_DIR,
        env={**ctx.server.env, "LOG_LEVEL": "WARNING"},
        stdout=subprocess.PIPE,
        text=True,
        check=False,
        timeout=max(ctx.time_limit_s * 3, 300),
    )
    result = Result()
    if child.returncode != 0:
        result.problems.append(f"the import child failed (exit {child.returncode})")
        return result

    facts = json.loads(child.stdout.strip().splitlines()[-1])
    result.samples_ms = facts["import_ms"]
    result.floor_ms = facts["read_ms"]
    median = statistics.median(facts["import_ms"])
    ratio = median / statistics.median(facts["read_ms"])
    rate = facts["rows"] / (median / 1000)
    result.counts = [
        ("rows", f"{facts['rows']:,}"),
        ("created", f"{facts['created']:,}"),
        ("refused", str(facts["refused"])),
        ("rows/s", f"{rate:,.0f} (floor {MIN_ROWS_PER_S:,})"),
        ("dry run alone", f"{statistics.median(facts['dry_run_ms']):.0f} ms"),
        ("median ratio", f"{ratio:.2f} (limit {LIMIT})"),
    ]
    if facts["created"] != ROWS or facts["refused"]:
        result.problems.append(
            f"created {facts['created']} of {ROWS} sites, {facts['refused']} refused"
        )
    if rate < MIN_ROWS_PER_S:
        result.problems.append(
            f"import_sites_10k: {rate:,.0f} rows/s, under {MIN_ROWS_PER_S:,}"
        )
    if ratio > LIMIT:
        result.problems.append(
            f"import_sites_10k: median ratio {ratio:.2f} over the limit {LIMIT}"
        )
    return result


def workbook_bytes(rows: int, seed: int = 2026) -> bytes:
    """A Mẫu 2 workbook laid out like the template, with ``rows`` sites."""
    import io
    import random

    from openpyxl import Workbook

    from portal.places.models import Ward

    rng = random.Random(seed)
    wards = list(Ward.objects.in_city().values_list("name", flat=True))
    categories = ["Mái ấm", "Nhà mở", "Trung tâm", "Cơ sở bảo trợ xã hội công lập"]
    groups = ["Trẻ em mồ côi, bị bỏ rơi", "Người cao tuổi cô đơn",
              "Người khuyết tật; Trẻ em có hoàn cảnh khó khăn"]  # fmt: skip
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Mẫu 2")
    sheet.append(["THÀNH ĐOÀN TP. HỒ CHÍ MINH"])
    sheet.append(["BCH ĐOÀN PHƯỜNG THỬ NGHIỆM"])
    sheet.append([])
    sheet.append(["DANH SÁCH ĐỊA CHỈ TÌNH NGUYỆN"])
    sheet.append([])
    sheet.append([])
    sheet.append(
        ["STT", "Tên địa chỉ", "Loại hình", "Địa chỉ", None, None,
         "Đơn vị chủ quản", "Đối tượng", "Số lượng đối tượng", "Người liên hệ",
         "Số điện thoại", "Nhu cầu hỗ trợ", "Thời gian tiếp nhận tình nguyện",
         "Ghi chú"]
    )  # fmt: skip
    sheet.append([None, None, None, "Số nhà, đường", "Phường/Xã", "Quận/Huyện (cũ)"])
    for n in range(rows):
        sheet.append(
            [n + 1, f"Địa chỉ tình nguyện thử số {n + 1}", rng.choice(categories),
             f"{rng.randint(1, 999)} Đường số {rng.randint(1, 60)}",
             rng.choice(wards), f"Quận {rng.randint(1, 12)}", "Hội Bảo trợ",
             rng.choice(groups), f"{rng.randint(1, 200)} người",
             f"Người liên hệ {n}", f"09{n:08d}", "Gạo, sữa; dạy kèm",
             "Thứ 7, CN: 8h - 11h", ""]
        )  # fmt: skip
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _child() -> None:
    import io
    import os
    import time

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()

    from django.db import transaction
    from python_calamine import CalamineWorkbook

    from portal.sheets.importing.plan import analyse, run
    from portal.sites.models import Site
    from portal.units.models import Unit
    from portal.units.services import create_unit

    data = workbook_bytes(ROWS)
    root = Unit.objects.get(parent__isnull=True)
    read_ms: list[float] = []
    import_ms: list[float] = []
    dry_run_ms: list[float] = []
    created = refused = 0
    for round_number in range(ROUNDS):
        started = time.perf_counter()
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
        read_ms.append((time.perf_counter() - started) * 1000)

        with transaction.atomic():
            unit = create_unit(
                by=None, code=f"bench-import-{round_number}-{time.time_ns()}",
                name="Đoàn phường thử nghiệm", kind="ward", parent=root,
            )  # fmt: skip
            started = time.perf_counter()
            plan = run(data, kind="sites", unit=unit, by=None, commit=True)
            summary = plan.summary()
            import_ms.append((time.perf_counter() - started) * 1000)
            created = Site.objects.filter(unit=unit).count()
            refused = summary["rows_invalid"]

            started = time.perf_counter()
            analyse(data, kind="sites", unit=unit).summary()
            dry_run_ms.append((time.perf_counter() - started) * 1000)
            transaction.set_rollback(True)

    _vacuum()

    print(
        json.dumps(
            {
                "rows": ROWS,
                "created": created,
                "refused": refused,
                "read_ms": read_ms,
                "import_ms": import_ms,
                "dry_run_ms": dry_run_ms,
            }
        )
    )


def _vacuum() -> None:
    """Clear the rows the rolled-back rounds left dead, as autovacuum would.

    The benchmark's PostgreSQL runs without autovacuum, so each run would
    otherwise leave 10,000 dead sites, history rows and groups per round
    behind, and every later run, and every search, would read through
    them.
    """
    from django.db import connection

    from portal.sites.models import BeneficiaryGroup, Site

    if connection.vendor != "postgresql":
        return
    models = (Site, Site.history.model, BeneficiaryGroup)  # type: ignore[attr-defined]
    tables = [model._meta.db_table for model in models]
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {', '.join(tables)}")


if __name__ == "__main__":
    _child()
