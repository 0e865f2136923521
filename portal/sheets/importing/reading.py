"""Opening an uploaded file as grids of cells, refusing what is unsafe.

Excel (.xlsx, .xls), OpenDocument (.ods) and CSV files are read with
python-calamine or the csv module. Before calamine unpacks anything, the
size, the archive's declared contents (a "zip bomb" unpacks to gigabytes),
whether the parts hold what they declare, and password protection are
checked. Formulas are never evaluated: calamine returns the value Excel
saved with them, and a formula saved without one is reported so that the
person types the value in.
"""

import csv
import io
import logging
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import Any
from xml.etree import ElementTree

from django.conf import settings
from django.utils.translation import gettext as _
from python_calamine import CalamineError, CalamineWorkbook, PasswordError

from portal.sheets.export import restore_csv_cell
from portal.sheets.importing.errors import (
    DamagedFile,
    EncryptedFile,
    FileTooLarge,
    NotASpreadsheet,
    SuspiciousArchive,
    TooManyRows,
)

logger = logging.getLogger(__name__)

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Password-protected .xlsx files are OLE containers with this stream.
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
# A worksheet cell holding a formula, and whether a value was saved with it.
_FORMULA_CELL = re.compile(
    rb'<c r="([A-Z]{1,3})(\d+)"[^>]*?>(?:(?!</c>).)*?<f[ >/](?:(?!</c>).)*?</c>',
    re.DOTALL,
)
_SAVED_VALUE = re.compile(rb"<v>[^<]+</v>")
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@dataclass
class Grid:
    """One sheet's cells; ``rows[i]`` is the row Excel numbers ``i + 1``."""

    name: str
    rows: list[list[Any]]
    # (row index, column index) of formulas saved without their value.
    formulas_without_value: set[tuple[int, int]] = field(default_factory=set)


def max_bytes() -> int:
    return int(getattr(settings, "SHEET_MAX_BYTES", 20 * 1024 * 1024))


def max_rows() -> int:
    return int(getattr(settings, "SHEET_MAX_ROWS", 100_000))


def max_unpacked_bytes() -> int:
    return int(getattr(settings, "SHEET_MAX_UNPACKED_BYTES", 400 * 1024 * 1024))


def read_grids(data: bytes) -> list[Grid]:
    """Every sheet of the file, or raise ``SheetUnusable`` saying why not."""
    if len(data) > max_bytes():
        raise too_large()
    if not data.strip():
        raise NotASpreadsheet()
    if data.startswith(_ZIP_MAGIC):
        return _read_zip(data)
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED_STREAM in data:
            raise EncryptedFile()
        return _read_workbook(data, {})
    return _read_csv(data)


def _read_zip(data: bytes) -> list[Grid]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise DamagedFile() from None
    names = {member.filename for member in members}
    if "[Content_Types].xml" not in names and "mimetype" not in names:
        raise NotASpreadsheet()
    if any(member.flag_bits & 0x1 for member in members):
        raise EncryptedFile()
    # The sizes come from the archive's own directory, read before any
    # part is unpacked; calamine then unpacks at most this much.
    unpacked = sum(member.file_size for member in members)
    if unpacked > max_unpacked_bytes():
        logger.warning("refused an archive unpacking to %s bytes", unpacked)
        raise SuspiciousArchive()
    # Those sizes may lie: calamine unpacks a part for as long as its data
    # runs. Python's reader stops at the declared size and checks the
    # part's checksum, so every part goes through it first (the sheets
    # while their formulas are looked for, the rest here).
    try:
        _check_declared_sizes(archive, members)
        formulas = _formulas_without_value(archive, members)
    except (zipfile.BadZipFile, EOFError, zlib.error) as error:
        logger.warning("refused an archive whose parts do not match: %s", error)
        raise SuspiciousArchive() from None
    except NotImplementedError:
        # A compression method Python's reader does not know.
        raise DamagedFile() from None
    return _read_workbook(data, formulas)


def _check_declared_sizes(
    archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]
) -> None:
    for member in members:
        if _is_sheet(member):
            continue
        with archive.open(member) as part:
            while part.read(1 << 20):
                pass


def _is_sheet(member: zipfile.ZipInfo) -> bool:
    return member.filename.startswith("xl/worksheets/sheet")


def _read_workbook(
    data: bytes, formulas: dict[str, set[tuple[int, int]]]
) -> list[Grid]:
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        grids = []
        for metadata in workbook.sheets_metadata:
            if str(metadata.visible).lower().endswith("hidden"):
                continue
            sheet = workbook.get_sheet_by_name(metadata.name)
            if sheet.height > max_rows() + 50:
                raise _too_many_rows()
            rows = sheet.to_python(skip_empty_area=False)
            grids.append(Grid(metadata.name, rows, formulas.get(metadata.name, set())))
        return grids
    except PasswordError:
        raise EncryptedFile() from None
    except (CalamineError, ValueError, OverflowError, IndexError) as error:
        if "password" in str(error).lower() or "encrypt" in str(error).lower():
            raise EncryptedFile() from None
        logger.info("calamine could not read an upload: %s", type(error).__name__)
        raise DamagedFile() from None


def too_large() -> FileTooLarge:
    return FileTooLarge(
        _("The file is larger than %(limit)s MB. Split the list into smaller files.")
        % {"limit": max_bytes() // (1024 * 1024)}
    )


def _too_many_rows() -> TooManyRows:
    return TooManyRows(
        _("The list has more than %(limit)s rows. Split it into smaller files.")
        % {"limit": f"{max_rows():,}".replace(",", ".")}
    )


def _formulas_without_value(
    archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]
) -> dict[str, set[tuple[int, int]]]:
    """Cells per sheet name whose formula was saved without a value."""
    sheets = [m for m in members if _is_sheet(m)]
    found: dict[str, set[tuple[int, int]]] = {}
    for member in sheets:
        xml = archive.read(member)
        if b"<f" not in xml:
            continue
        cells = set()
        for match in _FORMULA_CELL.finditer(xml):
            if not _SAVED_VALUE.search(match.group(0)):
                cells.add((int(match.group(2)) - 1, _column_index(match.group(1))))
        if cells:
            found[member.filename] = cells
    if not found:
        return {}
    names = _sheet_names_by_part(archive)
    return {names.get(part, part): cells for part, cells in found.items()}


def _column_index(letters: bytes) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + (letter - 64)
    return index - 1


def _sheet_names_by_part(archive: zipfile.ZipFile) -> dict[str, str]:
    try:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return {}
    targets = {
        rel.get("Id"): "xl/" + (rel.get("Target") or "").lstrip("/").removeprefix("xl/")
        for rel in rels.iter(f"{_PKG_REL_NS}Relationship")
    }
    return {
        targets.get(sheet.get(f"{_REL_NS}id"), ""): sheet.get("name", "")
        for sheet in workbook.iter(f"{_MAIN_NS}sheet")
    }


def _read_csv(data: bytes) -> list[Grid]:
    if b"\x00" in data[:4096]:
        raise NotASpreadsheet()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Older Windows files; legacy-font text then shows as Latin-1
        # characters, which the cleaning step converts.
        text = data.decode("latin-1")
    sample = text[:8192]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    if "\t" in sample and sample.count("\t") > sample.count(delimiter):
        delimiter = "\t"
    rows: list[list[Any]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            # Our own exports guard formula-like text with an apostrophe.
            rows.append([restore_csv_cell(cell) for cell in row])
            if len(rows) > max_rows() + 50:
                raise _too_many_rows()
    except csv.Error:
        raise DamagedFile() from None
    if not any(len(row) > 1 for row in rows[:60]):
        raise NotASpreadsheet()
    return [Grid("CSV", rows)]
