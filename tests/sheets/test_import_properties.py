"""Random cells, sheets, bytes and encodings thrown at the importer.

Whatever arrives, the importer either reads the file and reports on every
row, or says the file cannot be used; it never fails with another error,
writes exactly what its report says, and each refused row carries a row
number of the list.
"""

import csv
import io
from datetime import date
from typing import Any

import openpyxl
import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.sheets.columns import SITE_COLUMNS, TEAM_COLUMNS
from portal.sheets.importing import bulk
from portal.sheets.importing.errors import SheetUnusable
from portal.sheets.importing.plan import run
from portal.sites.models import Site
from portal.teams.models import Team
from portal.units.models import Unit

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọ"
# Characters of the legacy encodings as they show in Unicode files.
LEGACY = "µ§¸¹¶·¬­¨©ª«®øùûõïâêñÑö"
text = st.text(
    alphabet=st.sampled_from(
        VIETNAMESE + VIETNAMESE.upper() + LEGACY + " ,;./-0123456789\n="
    ),
    max_size=40,
)
cell = st.one_of(
    st.none(),
    text,
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)),
    st.sampled_from(
        ["0908123456", "0168 123 4567", "+84 908 123 456", "Phường Bến Thành",
         "CLB", "Mái ấm", "Tổng cộng", "Đang hoạt động", "25 người", "31/02/2020"]
    ),
)  # fmt: skip


def _xlsx(rows: list[list[Any]], title_rows: int, second_sheet: bool) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    if second_sheet:
        sheet["A1"] = "Ghi chú"
        sheet = workbook.create_sheet("Danh sách")
    for _ in range(title_rows):
        sheet.append(["ĐOÀN TNCS HỒ CHÍ MINH"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _counts() -> tuple[int, int]:
    return Team.objects.count(), Site.objects.count()


def _check(data: bytes, kind: str, first_data_row: int | None) -> None:
    """Run a committing import in a rolled-back transaction and check it."""
    unit = Unit.objects.get(code="doan-p-ben-thanh")
    before = _counts()
    with transaction.atomic():
        try:
            plan = run(data, kind=kind, unit=unit, by=None, commit=True)  # type: ignore[arg-type]
        except SheetUnusable as error:
            assert str(error.message)
            assert _counts() == before
            transaction.set_rollback(True)
            return
        summary = plan.summary()
        teams, sites = _counts()
        grown = (teams - before[0]) if kind == "teams" else (sites - before[1])
        assert grown == summary["created"]
        assert summary["rows_valid"] + summary["rows_invalid"] == summary["rows_total"]
        for issue in summary["errors"] + summary["warnings"]:
            assert isinstance(issue["row"], int)
            if first_data_row is not None:
                assert issue["row"] >= first_data_row
            assert issue["column"]
            assert issue["message"]
        transaction.set_rollback(True)


@FUZZ
@given(
    kind=st.sampled_from(["teams", "sites"]),
    body=st.lists(st.lists(cell, min_size=0, max_size=16), max_size=12),
    title_rows=st.integers(min_value=0, max_value=6),
    second_sheet=st.booleans(),
)
def test_random_cells_under_a_real_header_are_reported_row_by_row(
    demo: dict, kind: str, body: list, title_rows: int, second_sheet: bool
) -> None:
    columns = TEAM_COLUMNS if kind == "teams" else SITE_COLUMNS
    header = ["STT", *(column.header for column in columns)]
    data = _xlsx([header, *body], title_rows, second_sheet)

    _check(data, kind, first_data_row=title_rows + 2)


@FUZZ
@given(
    kind=st.sampled_from(["teams", "sites"]),
    rows=st.lists(st.lists(cell, max_size=10), max_size=15),
)
def test_random_sheets_without_a_known_layout_never_break_the_importer(
    demo: dict, kind: str, rows: list
) -> None:
    _check(_xlsx(rows, 0, False), kind, first_data_row=None)


@FUZZ
@given(data=st.binary(max_size=2000), prefix=st.sampled_from([b"", b"PK\x03\x04"]))
def test_random_bytes_are_refused_or_read_never_crash(
    demo: dict, data: bytes, prefix: bytes
) -> None:
    _check(prefix + data, "teams", first_data_row=None)


@FUZZ
@given(
    body=st.lists(st.lists(text, min_size=1, max_size=6), max_size=10),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1258", "latin-1", "utf-16"]),
    delimiter=st.sampled_from([",", ";"]),
)
def test_csv_in_any_encoding_and_delimiter_is_read_or_refused(
    demo: dict, body: list, encoding: str, delimiter: str
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(["STT", "Tên CLB/Đội/Nhóm", "Loại hình", "Người phụ trách"])
    writer.writerows(body)
    data = buffer.getvalue().encode(encoding, errors="replace")

    _check(data, "teams", first_data_row=2)


def test_a_failure_while_writing_leaves_nothing_written(
    demo: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    header = ["STT", *(column.header for column in TEAM_COLUMNS)]
    rows = [[n, f"CLB Thử {n}", "CLB", "", "", 2020, 10, "", "", f"Người {n}"]
            for n in range(1, 40)]  # fmt: skip
    data = _xlsx([header, *rows], 2, False)
    unit = Unit.objects.get(code="doan-p-ben-thanh")
    before = _counts()

    def failing(model: Any, ids: Any, marks: Any) -> None:
        # The teams are in by now; their history fails.
        assert Team.objects.filter(name__startswith="CLB Thử").count() == 39
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(bulk, "insert_history", failing)

    with pytest.raises(RuntimeError):
        run(data, kind="teams", unit=unit, by=None, commit=True)

    assert _counts() == before
    assert not Team.objects.filter(name__startswith="CLB Thử").exists()
