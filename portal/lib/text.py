"""Folding Vietnamese text for matching and search.

Folding removes what people leave out when they type in a hurry: accents,
case, extra spaces and punctuation. "Phường Bến Thành" and "phuong ben
thanh" fold to the same key.
"""

import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[^0-9a-z]+")
# Every combining mark of the Basic Multilingual Plane, as one character
# class: the regex engine strips them far faster than a loop in Python.
_MARK_CHARS = "".join(
    re.escape(chr(code))
    for code in range(0x300, 0x10000)
    if unicodedata.combining(chr(code))
)
_MARKS = re.compile(f"[{_MARK_CHARS}]")


@lru_cache(maxsize=65536)
def fold(text: str | None) -> str:
    """Return lower-case ASCII words separated by single spaces."""
    if not text:
        return ""
    if text.isascii():
        return _NON_WORD.sub(" ", text.lower()).strip()

    decomposed = unicodedata.normalize("NFD", text)
    # "đ" is a letter of its own, not "d" with a mark, so NFD keeps it.
    decomposed = decomposed.replace("đ", "d").replace("Đ", "D")
    stripped = _MARKS.sub("", decomposed)

    return _NON_WORD.sub(" ", stripped.lower()).strip()


def nfc(text: str | None) -> str:
    """Return the text in composed Unicode with inner spaces collapsed."""
    if not text:
        return ""
    return " ".join(unicodedata.normalize("NFC", text).split())
