"""Figures shown on the home page and on each person's own page."""

from typing import Any

from django.core.cache import cache

from portal.access.policy import managed, scope_of
from portal.places.models import Ward
from portal.sites.models import Site
from portal.teams.models import Team
from portal.units.models import Unit

_PUBLIC_FIGURES_KEY = "core:public-figures:v1"


def public_figures() -> dict[str, int]:
    """Headline counts for everyone; cached briefly, they change slowly."""
    figures = cache.get(_PUBLIC_FIGURES_KEY)
    if figures is None:
        figures = {
            "teams": Team.objects.filter(
                verification=Team.Verification.VERIFIED
            ).count(),
            "sites": Site.objects.count(),
            "units": Unit.objects.filter(is_active=True).count(),
            "wards": Ward.objects.in_city().count(),
        }
        cache.set(_PUBLIC_FIGURES_KEY, figures, 300)
    return figures


def dashboard_for(user: Any) -> dict[str, Any]:
    scope = scope_of(user)
    return {
        "scope": scope,
        "units": managed(user, Unit).filter(pk__in=scope.officer_unit_ids)
        if scope.is_officer
        else Unit.objects.none(),
        "unit_count": managed(user, Unit).count() if scope.is_staff_like else 0,
        "team_count": managed(user, Team).count(),
        "site_count": managed(user, Site).count(),
        "teams": managed(user, Team).filter(pk__in=scope.team_ids)[:20],
        "sites": managed(user, Site).filter(pk__in=scope.site_ids)[:20],
    }
