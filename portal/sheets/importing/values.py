"""Turning one cell into a clean value, or into a message saying what to fix.

Cells arrive as calamine gives them (text, numbers, dates, booleans) or as
CSV text. Text is composed (NFC), legacy encodings are converted, spaces
are collapsed; numbers written as text ("25 người", "1.200") and dates
written by hand or as Excel serial numbers are read.
"""

import re
import unicodedata
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from django.utils.translation import gettext as _

from portal.sheets.importing import legacy

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u3000]+")
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
# Anything the slow path below would change, besides composition.
_UNTIDY = re.compile(
    "[\x00-\x1f\x7f\u00a0\u00ad\u2000-\u200d\u202f\u2060\u3000\ufeff]|  |^ | $"
)
# Control characters other than tab and line breaks: no list means them,
# and PostgreSQL refuses text holding NUL.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NUMBER = re.compile(r"^[^\d-]*(-?\d[\d.,\s]*)")
_THOUSANDS = re.compile(r"^\d{1,3}([.,\s]\d{3})+$")
_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})")
_MONTH_YEAR = re.compile(r"^(?:thang\s*)?(\d{1,2})[/.\-](\d{4})$")
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d|2100)(?!\d)")
# Counts are stored as 32-bit integers on every database.
_LARGEST = 999_999_999
# Excel counts days from 30 December 1899 (keeping Lotus's 1900 leap day).
_EXCEL_EPOCH = date(1899, 12, 30)


class CellError(ValueError):
    """The cell's value cannot be used; the message says what to fix."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _number_text(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)


@lru_cache(maxsize=65536)
def clean_text(raw: str) -> tuple[str, str | None]:
    """Composed text, one space between words, lines kept; and the legacy
    encoding it was converted from, if any."""
    if (
        _UNTIDY.search(raw) is None
        and unicodedata.is_normalized("NFC", raw)
        and legacy.detect(raw) is None
    ):
        # Most cells are already tidy: one scan instead of four rewrites.
        return raw, None
    text = _CONTROL.sub("", raw)
    if not text.isascii():
        text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
        text, encoding = legacy.convert(text)
    else:
        encoding = None
    if "\n" in text or "\r" in text:
        lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
        return "\n".join(line for line in lines if line), encoding
    return _SPACES.sub(" ", text).strip(), encoding


# ``_UNTIDY`` for texts joined by new lines: a text's first or last
# character is then next to one, and a new line is tidy only as the joint.
_UNTIDY_JOINED = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f\u00a0\u00ad\u2000-\u200d\u202f\u2060\u3000\ufeff]"
    "|  |\n | \n|^ | $"
)


def all_tidy(texts: list[str]) -> bool:
    """Whether ``clean_text`` would keep every one of the texts as it is.

    A column of a list is mostly tidy already: checked as one text, with
    one scan of each kind instead of one per cell. A new line is a joint
    that composes with nothing, and the legacy encodings are looked for
    line by line, so the joined text passes exactly when every text does.
    """
    joined = "\n".join(texts)
    return (
        joined.count("\n") == len(texts) - 1
        and _UNTIDY_JOINED.search(joined) is None
        and unicodedata.is_normalized("NFC", joined)
        and not legacy.detect_in_lines(joined)
    )


def as_text(value: Any) -> tuple[str, str | None]:
    """Any cell as clean text (see ``clean_text``)."""
    if value is None or value == "":
        return "", None
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, bool):
        return ("1" if value else "0"), None
    if isinstance(value, float):
        return _number_text(value), None
    if isinstance(value, int):
        return str(value), None
    if isinstance(value, datetime):
        return f"{value:%d/%m/%Y}", None
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}", None
    if isinstance(value, timedelta):
        return str(value), None
    return clean_text(str(value))


def whole_number(value: Any) -> int | None:
    """A count such as 25, "25", "25 người" or "1.200"; None when blank."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise CellError(_("Write a whole number, such as 25."))
    if isinstance(value, int | float):
        if not (float(value).is_integer() and value >= 0):
            raise CellError(_("Write a whole number of zero or more, such as 25."))
        if value > _LARGEST:
            raise CellError(_("This number is too large."))
        return int(value)
    text = value if isinstance(value, str) else str(value)
    match = _NUMBER.match(text.strip())
    if match is None:
        raise CellError(_("Write a whole number, such as 25."))
    digits = match.group(1).strip()
    if _THOUSANDS.match(digits):
        digits = re.sub(r"[.,\s]", "", digits)
    digits = digits.rstrip(".,")
    if not digits.isdigit():
        raise CellError(_("Write a whole number of zero or more, such as 25."))
    if len(digits) > 9 or int(digits) > _LARGEST:
        raise CellError(_("This number is too large."))
    return int(digits)


def year_or_date(value: Any) -> tuple[int | None, date | None]:
    """A founding year, or a full date (as a date or an Excel serial)."""
    if value is None or value == "":
        return None, None
    if isinstance(value, datetime):
        return value.year, value.date()
    if isinstance(value, date):
        return value.year, value
    if isinstance(value, bool):
        raise CellError(_("Write a year (2015) or a date (dd/mm/yyyy)."))
    if isinstance(value, int | float):
        number = float(value)
        if number.is_integer() and 1900 <= number <= 2100:
            return int(number), None
        if 10000 <= number <= 80000:
            day = _EXCEL_EPOCH + timedelta(days=int(number))
            return day.year, day
        raise CellError(_("Write a year (2015) or a date (dd/mm/yyyy)."))
    return _date_from_text(as_text(value)[0])


def _date_from_text(text: str) -> tuple[int | None, date | None]:
    text = text.lower().replace("năm", "").replace("ngày", "").strip()
    if text.isdigit():
        return year_or_date(float(text))
    match = _DATE.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
        return year, _make_date(year, month, day)
    match = _ISO_DATE.match(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
        return year, _make_date(year, month, day)
    match = _MONTH_YEAR.match(text.replace("tháng", "").strip())
    if match:
        return int(match.group(2)), None
    match = _YEAR.search(text)
    if match and len(_YEAR.findall(text)) == 1:
        return int(match.group(1)), None
    raise CellError(_("Write a year (2015) or a date (dd/mm/yyyy)."))


def _make_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise CellError(
            _("This date does not exist; write it as dd/mm/yyyy.")
        ) from None


def split_list(text: str, separators: str = ";\n") -> list[str]:
    """Parts of a cell holding several values, without blanks."""
    parts = re.split(f"[{re.escape(separators)}]", text)
    return [part.strip(" .-–•") for part in parts if part.strip(" .-–•")]
