"""The sample lists saved by LibreOffice as .ods and .xls read as the .xlsx.

The .ods and .xls files in tests/sheets/files were made from the .xlsx
samples with ``soffice --headless --convert-to ods|xls``. Importing one
after its .xlsx must find every row unchanged: same cells, same cleaning.
"""

from pathlib import Path

import pytest

from portal.sheets.importing.plan import run
from portal.units.models import Unit

FILES = Path(__file__).parent / "files"
SAMPLES = {
    "teams": "mau1-doan-phuong-ben-thanh",
    "sites": "mau2-doan-phuong-ben-thanh",
}


@pytest.fixture
def ben_thanh(demo: dict) -> Unit:
    return Unit.objects.get(code="doan-p-ben-thanh")


@pytest.mark.parametrize("kind", list(SAMPLES))
@pytest.mark.parametrize("suffix", [".ods", ".xls"])
def test_a_sample_saved_in_another_format_matches_its_xlsx_row_for_row(
    ben_thanh: Unit, kind: str, suffix: str
) -> None:
    stem = FILES / SAMPLES[kind]
    first = run(
        stem.with_suffix(".xlsx").read_bytes(),
        kind=kind,
        unit=ben_thanh,
        by=None,
        commit=True,
    ).summary()

    again = run(
        stem.with_suffix(suffix).read_bytes(),
        kind=kind,
        unit=ben_thanh,
        by=None,
        commit=False,
    ).summary()

    assert again["errors"] == []
    assert again["rows_total"] == first["rows_total"] > 0
    assert again["unchanged"] == first["created"] == first["rows_total"]
    assert again["created"] == again["updated"] == 0
