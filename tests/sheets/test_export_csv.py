"""The CSV export opens in Excel with its Vietnamese letters intact."""

import csv
import io
from pathlib import Path

from portal.sheets.columns import SITE_COLUMNS, empty_record
from portal.sheets.export import write_csv


def test_the_csv_starts_with_a_byte_order_mark_and_keeps_vietnamese(
    tmp_path: Path,
) -> None:
    record = empty_record("sites")
    record.update(name="Mái ấm Hoa Sen", ward="Phường Bến Thành", needs="Sữa\nvở")
    path = tmp_path / "list.csv"

    rows = write_csv("sites", [record], path)

    raw = path.read_bytes()
    assert rows == 1
    assert raw.startswith(b"\xef\xbb\xbf")
    parsed = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert parsed[0] == ["STT", *(column.header for column in SITE_COLUMNS)]
    assert parsed[1][:2] == ["1", "Mái ấm Hoa Sen"]
    assert "Phường Bến Thành" in parsed[1]
    assert "Sữa\nvở" in parsed[1]


def test_a_csv_written_to_a_stream_leaves_the_stream_open() -> None:
    out = io.BytesIO()

    write_csv("teams", [empty_record("teams")], out)

    assert not out.closed
    assert out.getvalue().startswith(b"\xef\xbb\xbfSTT,")
