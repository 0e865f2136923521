"""``{% activity_rows rows %}`` and ``{% choice_options choices value %}``:
the public activity list's results and its filter menus.

The list is the portal's busiest page. Through the template engine every
value of a row, and every one of the city's 168 wards in the ward menu,
costs a node render, a lookup and an escape, which made them most of the
page's time; written here, each value is escaped once and joined. The
standard library's ``escape`` is the one Django's wraps, without the
wrapping.
"""

from collections.abc import Iterable
from html import escape
from typing import Any

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from portal.activities.selectors import ListedActivity

register = template.Library()


@register.simple_tag
def activity_rows(rows: list[ListedActivity]) -> SafeString:
    """One card per activity, or a line saying that none matches."""
    if not rows:
        empty = escape(_("No activity matches. Try fewer words or other filters."))
        return mark_safe(f'<p class="text-muted">{empty}</p>')

    # One reverse() for the page instead of one {% url %} per row.
    detail = reverse("activities:detail", args=[0]).replace("/0/", "/{}/")
    zone = timezone.get_current_timezone()
    cards = []
    for row in rows:
        parts = []
        if row.starts_at is not None:
            parts.append(f"{row.starts_at.astimezone(zone):%H:%M %d/%m/%Y}")
        if row.ward:
            parts.append(escape(row.ward))
        if row.tag:
            parts.append(
                f'<span class="badge text-bg-success">{escape(row.tag)}</span>'
            )
        if row.field:
            parts.append(escape(row.field))
        parts.append(escape(row.organiser))
        cards.append(
            '\n  <div class="card mb-2">\n    <div class="card-body py-2">'
            f'\n      <h2 class="h6 mb-1"><a href="{detail.format(row.pk)}">'
            f"{escape(row.title)}</a></h2>"
            f'\n      <div class="small text-muted">{" · ".join(parts)}</div>'
            "\n    </div>\n  </div>"
        )
    # Safe: every value from the database was escaped above.
    return mark_safe("".join(cards))


@register.simple_tag
def choice_options(choices: Iterable[tuple[Any, str]], value: Any) -> SafeString:
    """``<option>``s of a filter menu, the one matching ``value`` selected."""
    options = [
        f'<option value="{escape(str(code))}"'
        f"{' selected' if code == value else ''}>{escape(name)}</option>"
        for code, name in choices
    ]
    # Safe: codes and names were escaped above.
    return mark_safe("".join(options))
