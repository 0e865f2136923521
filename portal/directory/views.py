"""Public pages: nobody needs to sign in to check a group or find a site."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import get_script_prefix

from portal.access.policy import Action, can, get_visible, visible
from portal.directory import selectors
from portal.places.models import Ward
from portal.sites.models import Site
from portal.teams.models import Field, Team
from portal.teams.selectors import TeamFilters, public_directory

PAGE_SIZE = 20

# Written by hand rather than reversed: the map only needs the address
# that the API publishes, not the view behind it.
SITES_GEOJSON_PATH = "api/v1/sites.geojson"


def _without_page(params: QueryDict) -> str:
    """The query string of a list, minus the page, for the pager's links."""
    kept = [(k, v) for k, values in params.lists() if k != "page" for v in values]
    return urlencode([(k, v) for k, v in kept if v])


def team_directory(request: HttpRequest) -> HttpResponse:
    filters = TeamFilters.from_params(request.GET)
    paginator = Paginator(public_directory(filters), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "page": page,
        "filters": filters,
        "querystring": _without_page(request.GET),
        "wards": Ward.objects.in_city().order_by("name"),
        "fields": visible(request.user, Field),
    }
    if request.htmx:
        return render(request, "directory/_team_results.html", context)
    return render(request, "directory/teams.html", context)


def team_page(request: HttpRequest, pk: int) -> HttpResponse:
    qs = Team.objects.select_related("unit", "ward").prefetch_related(
        "fields", "area_wards"
    )
    team = get_visible(request.user, qs, pk=pk)
    context = {
        "team": team,
        "units": selectors.unit_chain(team.unit),
        "links": selectors.web_links(team),
        "is_verified": team.verification == Team.Verification.VERIFIED,
    }
    return render(request, "directory/team.html", context)


def site_page(request: HttpRequest, pk: int) -> HttpResponse:
    qs = Site.objects.select_related("ward").prefetch_related("groups", "slots")
    site = get_visible(request.user, qs, pk=pk)
    show_private = can(request.user, Action.VIEW_PRIVATE, site)
    context = {
        "site": site,
        "show_private": show_private,
        "show_position": show_private and site.latitude is not None,
        "needs": selectors.open_needs(request.user, site),
    }
    return render(request, "directory/site.html", context)


def site_map(request: HttpRequest) -> HttpResponse:
    context = {
        "geojson_url": get_script_prefix() + SITES_GEOJSON_PATH,
        "categories": Site.Category.choices,
        "wards": Ward.objects.filter(sites__isnull=False).distinct().order_by("name"),
    }
    return render(request, "directory/map.html", context)


def channels(request: HttpRequest) -> HttpResponse:
    raw = request.GET.get("ward", "")
    ward_code = int(raw) if raw.isdigit() else None
    context = {
        "groups": selectors.channels_by_ward(request.user, ward_code),
        "wards": selectors.wards_with_channels(request.user),
        "ward_code": ward_code,
    }
    return render(request, "directory/channels.html", context)
