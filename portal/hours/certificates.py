"""Signing, checking and printing certificates of hours.

A certificate's signature is an HMAC, with the site's secret key, over
everything it states. The public page recomputes it from the stored row,
so a row changed afterwards, or an id nobody issued, fails the check. The
PDF carries a QR code of the public page's address.
"""

import json
import logging
from pathlib import Path
from typing import Any

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import constant_time_compare, salted_hmac

from portal.hours.models import Certificate

logger = logging.getLogger(__name__)

# DejaVu has every Vietnamese letter with its stacked marks (ế, ờ, ữ...);
# fonts without them would print empty boxes.
FONT_DIR = Path(
    getattr(settings, "CERTIFICATE_FONT_DIR", "/usr/share/fonts/truetype/dejavu")
)
FONT_REGULAR = "DejaVuSerif.ttf"
FONT_BOLD = "DejaVuSerif-Bold.ttf"


def content_of(certificate: Certificate) -> str:
    """What the signature covers, as one canonical string."""
    return json.dumps(
        {
            "id": certificate.public_id,
            "name": certificate.holder_name,
            "activity": certificate.activity_title,
            "unit": certificate.unit_name,
            "minutes": certificate.minutes,
            "days": str(certificate.days),
            "first": certificate.first_date.isoformat(),
            "last": certificate.last_date.isoformat(),
            "issued": certificate.issued_at.isoformat(),
        },
        ensure_ascii=False,
        sort_keys=True,
    )


def sign(certificate: Certificate) -> str:
    return salted_hmac(
        "portal.hours.certificate", content_of(certificate), algorithm="sha256"
    ).hexdigest()


def is_genuine(certificate: Certificate) -> bool:
    return constant_time_compare(certificate.signature, sign(certificate))


def public_path(certificate: Certificate) -> str:
    return reverse("hours:certificate_check", args=[certificate.public_id])


def public_url(certificate: Certificate) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + public_path(certificate)


def qr_data_uri(url: str) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)


def render_pdf(certificate: Certificate, *, base_url: str | None = None) -> bytes:
    """The certificate as a PDF, in Vietnamese, whatever the page language."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    url = (
        (base_url.rstrip("/") + public_path(certificate))
        if base_url
        else (public_url(certificate))
    )
    with translation.override("vi"):
        html = render_to_string(
            "hours/certificate_pdf.html",
            {
                "certificate": certificate,
                "check_url": url,
                "qr": qr_data_uri(url),
                "font_regular": (FONT_DIR / FONT_REGULAR).as_uri(),
                "font_bold": (FONT_DIR / FONT_BOLD).as_uri(),
            },
        )
    fonts = FontConfiguration()
    pdf = HTML(string=html).write_pdf(font_config=fonts)
    logger.info("certificate %s printed", certificate.public_id)
    return pdf


def describe(certificate: Certificate) -> dict[str, Any]:
    """What the public page and the API show about a certificate."""
    return {
        "id": certificate.public_id,
        "name": certificate.holder_name,
        "activity": certificate.activity_title,
        "unit": certificate.unit_name,
        "hours": str(certificate.hours),
        "days": str(certificate.days),
        "first_date": certificate.first_date.isoformat(),
        "last_date": certificate.last_date.isoformat(),
        "issued_at": certificate.issued_at.isoformat(),
    }
