"""``manage.py import_sheet``: the JSON report and the exit status."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command

from portal.teams.models import Team

FILES = Path(__file__).parent / "files"
MAU1 = FILES / "mau1-doan-phuong-ben-thanh.xlsx"


def _json(*args: str) -> dict:
    out = io.StringIO()
    call_command("import_sheet", *args, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def test_a_dry_run_prints_the_counts_and_writes_nothing(demo: dict) -> None:
    count = Team.objects.count()

    report = _json(str(MAU1), "--list", "teams", "--unit", "doan-p-ben-thanh")

    assert report["rows_total"] == 12
    assert report["rows_valid"] == 12
    assert report["rows_invalid"] == 0
    assert report["created"] == report["updated"] == report["unchanged"] == 0
    assert report["errors"] == report["warnings"] == []
    assert Team.objects.count() == count


def test_commit_writes_and_a_second_commit_finds_everything_unchanged(
    demo: dict,
) -> None:
    args = (str(MAU1), "--list", "teams", "--unit", "doan-p-ben-thanh", "--commit")

    first = _json(*args)
    second = _json(*args)

    assert first["created"] == 12
    assert (second["created"], second["updated"], second["unchanged"]) == (0, 0, 12)


def test_refused_rows_still_exit_zero_and_are_listed(
    demo: dict, tmp_path: Path
) -> None:
    csv_file = tmp_path / "teams.csv"
    csv_file.write_text(
        "STT;Tên CLB/Đội/Nhóm;Loại hình;Họ tên chủ nhiệm/đội trưởng/trưởng nhóm;"
        "Số điện thoại\n1;CLB A;CLB;Nguyễn Văn A;0908123456\n2;CLB B;CLB;Trần B;99\n",
        encoding="utf-8-sig",
    )

    report = _json(str(csv_file), "--list", "teams", "--unit", "doan-p-ben-thanh")

    assert report["rows_invalid"] == 1
    assert report["errors"][0]["row"] == 3
    assert report["errors"][0]["column"] == "Số điện thoại"
    assert report["errors"][0]["message"].startswith("Số điện thoại không hợp lệ")


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.4 not a spreadsheet at all",
        b"PK\x03\x04broken zip",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"),
    ],
)
def test_a_file_that_cannot_be_used_exits_two(
    demo: dict, tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "list.xlsx"
    path.write_bytes(content)
    out = io.StringIO()

    with pytest.raises(SystemExit) as exit_info:
        call_command(
            "import_sheet", str(path), "--list", "teams", "--unit",
            "doan-p-ben-thanh", "--format", "json", stdout=out,
        )  # fmt: skip

    assert exit_info.value.code == 2
    assert json.loads(out.getvalue())["message"]


def test_a_zip_bomb_is_refused_before_it_is_unpacked(
    demo: dict, tmp_path: Path, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.SHEET_MAX_UNPACKED_BYTES = 10 * 1024 * 1024
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (20 * 1024 * 1024))
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(buffer.getvalue())
    out = io.StringIO()

    with pytest.raises(SystemExit) as exit_info:
        call_command(
            "import_sheet", str(path), "--list", "teams", "--unit",
            "doan-p-ben-thanh", "--format", "json", stdout=out,
        )  # fmt: skip

    assert exit_info.value.code == 2
    assert json.loads(out.getvalue())["error"] == "suspicious_archive"


def _lying_about(data: bytes, part: str, size: int) -> bytes:
    """The archive with ``part``'s unpacked size given as ``size`` bytes."""
    patched = bytearray(data)
    # The size is told twice: in the part's local header and in the
    # central directory. Offsets of (name length, name, unpacked size).
    headers = {b"PK\x03\x04": (26, 30, 22), b"PK\x01\x02": (28, 46, 24)}
    for signature, (length_at, name_at, size_at) in headers.items():
        start = patched.find(signature)
        while start >= 0:
            length = int.from_bytes(
                patched[start + length_at : start + length_at + 2], "little"
            )
            name = patched[start + name_at : start + name_at + length]
            if name == part.encode():
                patched[start + size_at : start + size_at + 4] = size.to_bytes(
                    4, "little"
                )
            start = patched.find(signature, start + 4)
    return bytes(patched)


@pytest.mark.parametrize("part", ["xl/styles.xml", "xl/worksheets/sheet1.xml"])
def test_a_part_unpacking_to_more_than_it_declares_is_refused(
    demo: dict, tmp_path: Path, part: str
) -> None:
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(MAU1) as original,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as copy,
    ):
        for member in original.infolist():
            content = original.read(member)
            if member.filename == part:
                content += b" " * (30 * 1024 * 1024)
            copy.writestr(member.filename, content)
    path = tmp_path / "liar.xlsx"
    path.write_bytes(_lying_about(buffer.getvalue(), part, 2000))
    count = Team.objects.count()

    code, report = _exit_report(path)

    assert code == 2
    assert report["error"] == "suspicious_archive"
    assert Team.objects.count() == count


def _exit_report(path: Path) -> tuple[int, dict]:
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command(
            "import_sheet", str(path), "--list", "sites", "--unit",
            "doan-p-ben-thanh", "--format", "json", stdout=out,
        )  # fmt: skip
    return int(exit_info.value.code), json.loads(out.getvalue())


def test_a_sheet_without_a_recognisable_header_exits_two_naming_the_column(
    demo: dict, tmp_path: Path
) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(["Họ và tên", "Ngày sinh", "Lớp"])
    workbook.active.append(["Nguyễn Văn A", "01/01/2005", "12A1"])
    path = tmp_path / "hoc-sinh.xlsx"
    workbook.save(path)

    code, report = _exit_report(path)

    assert code == 2
    assert report["error"] == "no_header"
    assert "Tên địa chỉ" in report["message"]


def test_files_over_the_size_or_row_limit_exit_two(
    demo: dict, tmp_path: Path, settings
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "sites.csv"
    rows = "".join(f"{n};Địa chỉ {n}\n" for n in range(60))
    path.write_text("STT;Tên địa chỉ\n" + rows, encoding="utf-8")
    settings.SHEET_MAX_ROWS = 5

    assert _exit_report(path)[1]["error"] == "too_many_rows"

    settings.SHEET_MAX_ROWS = 100_000
    settings.SHEET_MAX_BYTES = 100

    assert _exit_report(path)[1]["error"] == "file_too_large"
