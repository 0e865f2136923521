"""Folding Vietnamese text for matching and search.

Folding removes what people leave out when they type in a hurry: accents,
case, extra spaces and punctuation. "Phường Bến Thành" and "phuong ben
thanh" fold to the same key.
"""

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str | None) -> str:
    """Return lower-case ASCII words separated by single spaces."""
    if not text:
        return ""

    decomposed = unicodedata.normalize("NFD", text)
    # "đ" is a letter of its own, not "d" with a mark, so NFD keeps it.
    decomposed = decomposed.replace("đ", "d").replace("Đ", "D")
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))

    return _NON_WORD.sub(" ", stripped.lower()).strip()


def nfc(text: str | None) -> str:
    """Return the text in composed Unicode with inner spaces collapsed."""
    if not text:
        return ""
    return " ".join(unicodedata.normalize("NFC", text).split())
