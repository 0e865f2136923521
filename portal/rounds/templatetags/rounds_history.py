"""``{{ version|round_change }}``: what a version of a round changed, in words.

A version keeps its change as short tokens (field names, and the marks
the services write for the letter and for units asked later), so that
the history reads in the reader's language, whenever it was written.
"""

from typing import Any

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.rounds import services
from portal.rounds.models import Round

register = template.Library()


@register.filter
def round_change(reason: str | None) -> str:
    return ", ".join(_describe(token.strip()) for token in (reason or "").split(","))


def _describe(token: str) -> str:
    if token == services.LETTER_REPLACED:
        return _("letter replaced")
    if token == services.LETTER_REMOVED:
        return _("letter removed")
    name, _sep, count = token.partition(":")
    if name == services.UNITS_ADDED and count.isdigit():
        return ngettext(
            "%(count)s more unit asked", "%(count)s more units asked", int(count)
        ) % {"count": int(count)}
    return _field_name(token)


def _field_name(name: str) -> Any:
    try:
        return str(Round._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name
