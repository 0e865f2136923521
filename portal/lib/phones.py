"""Vietnamese phone numbers in the national form.

People write "0908.123.456", "0908 123 456", "+84 908123456" or the old
eleven-digit mobile numbers that were renumbered in 2018. All of them are
kept as the national form: ten digits for mobiles (0xxxxxxxxx) and the
area code plus number for landlines (028xxxxxxxx).
"""

import re

# Old eleven-digit mobile prefixes and what they became in 2018.
_RENUMBERED = {
    "0162": "032", "0163": "033", "0164": "034", "0165": "035",
    "0166": "036", "0167": "037", "0168": "038", "0169": "039",
    "0120": "070", "0121": "079", "0122": "077", "0126": "076",
    "0128": "078", "0123": "083", "0124": "084", "0125": "085",
    "0127": "081", "0129": "082", "0186": "056", "0188": "058",
    "0199": "059",
}  # fmt: skip

_MOBILE = re.compile(r"^0(3|5|7|8|9)\d{8}$")
# Landlines since 2017: 02 + a two- or three-digit area code, 11 digits.
_LANDLINE = re.compile(r"^02\d{9}$")
_SEPARATORS = re.compile(r"[\s.\-()/]+")


class InvalidPhone(ValueError):
    """The text is not a Vietnamese phone number."""


def normalize_phone(raw: str) -> str:
    """Return the national form of a Vietnamese number, or raise."""
    digits = _SEPARATORS.sub("", raw.strip())
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if not digits.isdigit():
        raise InvalidPhone(raw)

    if len(digits) == 11 and digits[:4] in _RENUMBERED:
        digits = _RENUMBERED[digits[:4]] + digits[4:]

    if _MOBILE.match(digits) or _LANDLINE.match(digits):
        return digits
    raise InvalidPhone(raw)


def is_phone_like(text: str) -> bool:
    """Whether a sign-in name looks like a phone number rather than e-mail."""
    return "@" not in text and bool(re.search(r"\d{6,}", _SEPARATORS.sub("", text)))


def mask_phone(phone: str) -> str:
    """Show only the last three digits, for logs and lists."""
    return "*" * max(len(phone) - 3, 0) + phone[-3:]
