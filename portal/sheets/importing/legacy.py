"""Text typed in the legacy Vietnamese encodings TCVN3 (ABC) and VNI.

Before Unicode, Vietnamese was typed with fonts that drew accented letters
in place of Latin-1 characters. Copied into a Unicode file, such text reads
"Thµnh §oµn" (TCVN3) or "Thaønh Ñoaøn" (VNI) for "Thành Đoàn". Both are
recognised by characters that Unicode Vietnamese never uses, converted
back, and reported, so that a person can check the result.
"""

import re
import unicodedata
from functools import lru_cache
from typing import Literal

Encoding = Literal["tcvn3", "vni"]

_TONES = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # ` ? ~ ' .


def _tcvn3_table() -> dict[str, str]:
    table = {
        "\xa1": "Ă", "\xa2": "Â", "\xa3": "Ê", "\xa4": "Ô", "\xa5": "Ơ",
        "\xa6": "Ư", "\xa7": "Đ", "\xa8": "ă", "\xa9": "â", "\xaa": "ê",
        "\xab": "ô", "\xac": "ơ", "\xad": "ư", "\xae": "đ",
    }  # fmt: skip
    # Each vowel's five tones in the order huyền, hỏi, ngã, sắc, nặng, at
    # these byte values (the gaps were kept for other letters).
    toned = {
        "a": (0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
        "ă": (0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
        "â": (0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
        "e": (0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
        "ê": (0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
        "i": (0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
        "o": (0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
        "ô": (0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
        "ơ": (0xEA, 0xEB, 0xEC, 0xED, 0xEE),
        "u": (0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
        "ư": (0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
        "y": (0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
    }
    for vowel, codes in toned.items():
        for code, tone in zip(codes, _TONES, strict=True):
            table[chr(code)] = unicodedata.normalize("NFC", vowel + tone)
    return table


TCVN3 = _tcvn3_table()
# Characters of the 0xA1-0xBF block: punctuation in Latin-1, letters in
# TCVN3. Unicode Vietnamese text has none of them.
_TCVN3_SIGNS = re.compile("[\xa1-\xbf]")

# VNI writes a base letter followed by one character for the mark(s).
_VNI_MARKS = {
    "â": "\u0302", "ê": "\u0306",
    "ø": "\u0300", "ù": "\u0301", "û": "\u0309", "õ": "\u0303", "ï": "\u0323",
    "à": "\u0302\u0300", "á": "\u0302\u0301", "å": "\u0302\u0309",
    "ã": "\u0302\u0303", "ä": "\u0302\u0323",
    "è": "\u0306\u0300", "é": "\u0306\u0301", "ú": "\u0306\u0309",
    "ü": "\u0306\u0303", "ë": "\u0306\u0323",
    "î": "\u0323",
}  # fmt: skip
_VNI_SINGLE = {
    "ô": "ơ", "ö": "ư", "ñ": "đ", "ì": "ì", "í": "í", "æ": "ỉ", "ó": "ĩ",
    "ò": "ị",
}  # fmt: skip
_VNI_BASES = "aeiouyAEIOUYôöÔÖ"
_VNI_PAIR = re.compile(
    f"([{_VNI_BASES}])([{''.join(_VNI_MARKS)}{''.join(_VNI_MARKS).upper()}])"
)
_VNI_LONE = re.compile(f"[{''.join(_VNI_SINGLE)}{''.join(_VNI_SINGLE).upper()}]")
# Characters only VNI text has: tone and vowel marks that never stand
# after a vowel in Unicode Vietnamese, and its "đ".
_VNI_SIGNS = re.compile(
    "[øûïåäëæîñöØÛÏÅÄËÆÎÑÖ]"
    # Vowel pairs no Vietnamese word has: "aâ", "eã" are VNI for â, ễ.
    "|[aA][âêàáåãäèéúüëÂÊÀÁÅÃÄÈÉÚÜË]|[eE][âàáåãäÂÀÁÅÃÄ]|[oO][âåäÂÅÄ]"
)


def _vni_pair(match: re.Match[str]) -> str:
    base, mark = match.group(1), match.group(2)
    base = _VNI_SINGLE.get(base.lower(), base.lower())
    if match.group(1).isupper():
        base = base.upper()
    return unicodedata.normalize("NFC", base + _VNI_MARKS[mark.lower()])


def _vni_lone(match: re.Match[str]) -> str:
    char = match.group(0)
    converted = _VNI_SINGLE[char.lower()]
    return converted.upper() if char.isupper() else converted


def from_tcvn3(text: str) -> str:
    return "".join(TCVN3.get(char, char) for char in text)


def from_vni(text: str) -> str:
    return _VNI_LONE.sub(_vni_lone, _VNI_PAIR.sub(_vni_pair, text))


_BEYOND_LATIN1 = re.compile("[^\x00-\xff]")


def _latin1_only(text: str) -> bool:
    return _BEYOND_LATIN1.search(text) is None


@lru_cache(maxsize=16384)
def detect(text: str) -> Encoding | None:
    """The legacy encoding the text was typed in, if it looks like one."""
    if text.isascii() or not _latin1_only(text):
        return None
    if _TCVN3_SIGNS.search(text):
        return "tcvn3"
    if _VNI_SIGNS.search(text):
        return "vni"
    return None


# A line holding only Latin-1 characters: the only kind ``detect`` reads
# as a legacy encoding.
_LATIN1_LINE = re.compile("^[\x00-\x09\x0b-\xff]*+$", re.MULTILINE)


def detect_in_lines(text: str) -> bool:
    """Whether ``detect`` finds a legacy encoding in any line of the text.

    Lines with a character beyond Latin-1 are passed over in one scan:
    most lines of a Unicode Vietnamese list have one.
    """
    return any(detect(line) for line in _LATIN1_LINE.findall(text))


def convert(text: str) -> tuple[str, Encoding | None]:
    """The text in Unicode, and the legacy encoding it was converted from."""
    encoding = detect(text)
    if encoding == "tcvn3":
        return from_tcvn3(text), encoding
    if encoding == "vni":
        return from_vni(text), encoding
    return text, None
