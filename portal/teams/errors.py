"""Business-rule errors raised when teams are created, changed or merged."""

from collections.abc import Iterable
from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from portal.core.errors import PortalError


class PossibleDuplicate(PortalError):
    """A record like this one may already exist; the person must confirm.

    Pages show the candidates and a box to tick; the API answers 409 with
    them and takes ``confirm_duplicate`` to save anyway.
    """

    status = 409
    code = "possible_duplicate"
    default_message = _(
        "A record with the same name in the same ward, or the same phone "
        "number, already exists. Check the list below; if this is really a "
        "different one, confirm it and save again."
    )

    def __init__(self, candidates: Iterable[Model], message: Any = None) -> None:
        self.candidates = list(candidates)
        super().__init__(message, field="name")

    def as_dict(self) -> dict[str, Any]:
        body = super().as_dict()
        body["candidates"] = [describe(obj) for obj in self.candidates]
        return body


def describe(obj: Any) -> dict[str, Any]:
    """What people need to tell two records apart: name, unit, ward, phone."""
    ward = getattr(obj, "ward", None)
    return {
        "id": obj.pk,
        "name": obj.name,
        "unit": obj.unit.name,
        "ward": ward.name if ward is not None else "",
        "phone": obj.phone,
    }


class MergeRefused(PortalError):
    code = "merge_refused"
    default_message = _("These two records cannot be merged.")
