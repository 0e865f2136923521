"""Checks on what organisers upload."""

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext_lazy as _
from PIL import Image

# Photos show on phones; a few megabytes is plenty for that.
MAX_PHOTO_BYTES = 5 * 1024 * 1024
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}


def validate_photo(file: File) -> None:
    """Refuse files that are too large or not JPEG, PNG or WebP images."""
    if file.size is not None and file.size > MAX_PHOTO_BYTES:
        raise ValidationError(
            _("Photo: the file is larger than %(limit)s MB."),
            code="photo_too_large",
            params={"limit": MAX_PHOTO_BYTES // (1024 * 1024)},
        )
    if _format_of(file) not in ALLOWED_FORMATS:
        raise ValidationError(
            _("Photo: only JPEG, PNG or WebP images are accepted."),
            code="photo_format",
        )


def _format_of(file: File) -> str | None:
    """The image format, read from the file's first bytes by Pillow."""
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            return image.format
    except (OSError, ValueError):
        return None
    finally:
        file.seek(position)
