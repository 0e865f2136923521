"""The coverage board's tables and ward menu, written in Python.

The board shows fifty sites of eight values, the most neglected wards and
a menu of every ward. Through the template engine each value costs a node
render, a lookup and an escape, which made these tables most of the
page's time; written here, each value is escaped once and joined. The
standard library's ``escape`` is the one Django's wraps, without the
wrapping; decimals are localised as the template engine would (72,5 in
Vietnamese).
"""

from collections.abc import Iterable
from html import escape
from typing import Any

from django import template
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from portal.coordination.board import SiteRow, WardRow

register = template.Library()

DASH = "—"


def _badge(neglect: float) -> str:
    if neglect >= 80:
        return "text-bg-danger"
    if neglect >= 60:
        return "text-bg-warning"
    if neglect >= 30:
        return "text-bg-light"
    return "text-bg-success"


@register.simple_tag
def site_rows(rows: Iterable[SiteRow]) -> SafeString:
    """One ``<tr>`` per site, or a line saying that the scope has none."""
    never = escape(_("never"))
    lines = []
    for row in rows:
        c = row.coverage
        days = never if c.days_since_last_visit is None else c.days_since_last_visit
        needs = f"{c.open_needs} ({c.oldest_open_need_days})" if c.open_needs else "0"
        per_visit = c.beneficiaries_per_visit
        lines.append(
            f'\n    <tr data-site="{row.site_id}">'
            f'\n      <td><a href="{escape(row.url)}">{escape(row.name)}</a></td>'
            f"\n      <td>{escape(row.ward_name) or DASH}</td>"
            f'\n      <td><span class="badge {_badge(c.neglect)}">'
            f"{localize(c.neglect)}</span></td>"
            f"\n      <td>{days}</td>"
            f"\n      <td>{c.visits_30} / {c.visits_90}</td>"
            f"\n      <td>{c.volunteers_30} / {c.volunteers_90}</td>"
            f"\n      <td>{needs}</td>"
            f"\n      <td>{localize(per_visit) if per_visit else DASH}</td>"
            "\n    </tr>"
        )
    if not lines:
        empty = escape(_("No sites in your scope."))
        return mark_safe(f'<tr><td colspan="8" class="text-muted">{empty}</td></tr>')
    # Safe: every text from the database was escaped above.
    return mark_safe("".join(lines))


@register.simple_tag
def ward_rows(wards: Iterable[WardRow]) -> SafeString:
    """One ``<tr>`` per ward with its figures and its most neglected sites."""
    no_ward = escape(_("No ward"))
    lines = []
    for ward in wards:
        name = (
            f'<a href="?ward={ward.code}">{escape(ward.name)}</a>'
            if ward.code
            else no_ward
        )
        worst = ", ".join(
            f'<a href="{escape(row.url)}">{escape(row.name)}</a>' for row in ward.worst
        )
        lines.append(
            f'\n    <tr data-ward="{ward.code or ""}">'
            f"\n      <td>{name}</td>"
            f"\n      <td>{ward.sites}</td><td>{ward.never_visited}</td>"
            f"<td>{ward.visits_90}</td>"
            f"\n      <td>{ward.open_needs}</td><td>{localize(ward.mean_neglect)}</td>"
            f"\n      <td>{worst}</td>"
            "\n    </tr>"
        )
    # Safe: every text from the database was escaped above.
    return mark_safe("".join(lines))


@register.simple_tag
def ward_options(wards: Iterable[WardRow], selected: Any) -> SafeString:
    """The ward menu: every ward with its mean neglect, the chosen one
    selected."""
    options = [
        f'<option value="{ward.code}"{" selected" if ward.code == selected else ""}>'
        f"{escape(ward.name)} ({localize(ward.mean_neglect)})</option>"
        for ward in wards
        if ward.code
    ]
    # Safe: ward names were escaped above.
    return mark_safe("".join(options))
