"""Check-in codes: short, signed, typable strings behind the QR codes.

Two kinds, both shown as a QR code and as text for typing by hand:

- a volunteer's code ``V<sign-up id>-<window>-<mac>``, shown on the
  volunteer's phone and scanned by an organiser; it changes every five
  minutes and is accepted for two windows (up to ten minutes old), and the
  database refuses it a second time (``UsedCode``);
- a shift's code ``S<shift id><I|O>-<mac>``, shown on the organiser's page
  and scanned by the volunteers: I to check in, O to check out. Everyone
  on the shift scans the same code, so it cannot be single-use; it is
  accepted only around the shift's times, and each volunteer checks in and
  out once.

The mac is an HMAC of the rest with the site's secret key, cut to 10
base32 letters (50 bits): enough that guessing one by typing is hopeless.
"""

import base64
import re
import time
from dataclasses import dataclass

from django.utils.crypto import constant_time_compare, salted_hmac

from portal.hours.errors import CodeExpired, CodeForged

WINDOW_SECONDS = 300
# How many past windows a volunteer code stays valid for, besides the
# current one: a code shown just before a window ends still works.
WINDOWS_ACCEPTED = 1

_VOLUNTEER = re.compile(r"^V(\d{1,18})-(\d{1,12})-([A-Z2-7]{10})$")
_SHIFT = re.compile(r"^S(\d{1,18})([IO])-([A-Z2-7]{10})$")


@dataclass(frozen=True)
class VolunteerCode:
    signup_id: int
    text: str


@dataclass(frozen=True)
class ShiftCode:
    shift_id: int
    checking_out: bool
    text: str


def _mac(purpose: str, payload: str) -> str:
    digest = salted_hmac(f"portal.hours.codes.{purpose}", payload).digest()
    return base64.b32encode(digest).decode()[:10]


def _window(now: float | None = None) -> int:
    return int((time.time() if now is None else now) // WINDOW_SECONDS)


def volunteer_code(signup_id: int, now: float | None = None) -> str:
    payload = f"V{signup_id}-{_window(now)}"
    return f"{payload}-{_mac('volunteer', payload)}"


def shift_code(shift_id: int, *, checking_out: bool) -> str:
    payload = f"S{shift_id}{'O' if checking_out else 'I'}"
    return f"{payload}-{_mac('shift', payload)}"


def normalise(text: str) -> str:
    """What people type: any case, spaces, dashes written as other dashes."""
    cleaned = re.sub(r"[\s]+", "", text or "").upper()
    return re.sub(r"[‐-―−]", "-", cleaned)


def read(text: str, now: float | None = None) -> VolunteerCode | ShiftCode:
    """Check a typed or scanned code; raise CodeForged or CodeExpired."""
    code = normalise(text)

    match = _VOLUNTEER.match(code)
    if match:
        signup_id, window, mac = match.groups()
        payload = f"V{signup_id}-{window}"
        if not constant_time_compare(mac, _mac("volunteer", payload)):
            raise CodeForged(field="code")
        age = _window(now) - int(window)
        if age < 0 or age > WINDOWS_ACCEPTED:
            raise CodeExpired(field="code")
        return VolunteerCode(signup_id=int(signup_id), text=code)

    match = _SHIFT.match(code)
    if match:
        shift_id, kind, mac = match.groups()
        payload = f"S{shift_id}{kind}"
        if not constant_time_compare(mac, _mac("shift", payload)):
            raise CodeForged(field="code")
        return ShiftCode(shift_id=int(shift_id), checking_out=kind == "O", text=code)

    raise CodeForged(field="code")
