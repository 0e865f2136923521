"""Checks on what organisers upload."""

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext_lazy as _

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
    image = getattr(file, "image", None)
    image_format = getattr(image, "format", None)
    if image is not None and image_format not in ALLOWED_FORMATS:
        raise ValidationError(
            _("Photo: only JPEG, PNG or WebP images are accepted."),
            code="photo_format",
        )
