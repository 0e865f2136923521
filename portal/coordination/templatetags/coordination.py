"""What a site's public page shows of coordination: help still needed."""

from typing import Any

from django import template

from portal.coordination.selectors import needs_left, teams_user_acts_for

register = template.Library()


@register.inclusion_tag("coordination/_site_help.html", takes_context=True)
def site_help(context: Any, site: Any, needs: Any) -> dict[str, Any]:
    """Needs of the site with what is left to claim, and the calendar link."""
    user = context["request"].user
    items = needs_left(user, needs)
    return {
        "site": site,
        "items": items,
        "any_open": any(item.open_to_claims for item in items),
        "may_claim": user.is_authenticated and teams_user_acts_for(user).exists(),
    }
