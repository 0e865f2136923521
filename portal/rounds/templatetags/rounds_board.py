"""``{% board_rows rows %}``: the follow-up board's table body.

A round asks up to a few hundred units and the board shows them all.
Through the template engine each of the ten values of a row costs a node
render, a lookup and an escape, which made the rows most of the page's
time; written here, each value is escaped once and joined. The standard
library's ``escape`` is the one Django's wraps, without the wrapping.
"""

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from portal.rounds.selectors import BoardRow

register = template.Library()


@register.simple_tag
def board_rows(rows: list[BoardRow]) -> SafeString:
    """One ``<tr>`` per unit, or a line saying that none matches."""
    if not rows:
        empty = escape(_("No unit matches."))
        return mark_safe(f'<tr><td colspan="6" class="text-muted">{empty}</td></tr>')

    late = f'<span class="text-danger" data-late>{escape(_("Late"))}</span>'
    on_time = escape(_("On time"))
    lines = []
    for row in rows:
        timing = (late if row.late else on_time) if row.submitted else ""
        lines.append(
            f'\n    <tr data-row="{escape(row.code)}">'
            f'<td><a href="{escape(row.url)}">{escape(row.name)}</a></td>'
            f'\n      <td><span class="badge {row.badge}" '
            f'data-state="{escape(row.state)}">{escape(row.state_label)}</span></td>'
            f"\n      <td>{escape(row.submitted) or '—'}</td>"
            f"\n      <td>{timing}</td>"
            f'\n      <td class="text-end">{row.teams}</td>'
            f'<td class="text-end">{row.sites}</td></tr>\n  '
        )
    # Safe: every value from the database was escaped above.
    return mark_safe("".join(lines))
