from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from portal.access.policy import (
    Action,
    can,
    get_managed,
    get_visible,
    managed,
    scope_of,
)
from portal.core.errors import AccessDenied, NotFound, PortalError
from portal.core.merging import merge_page
from portal.lib.text import fold
from portal.teams import services
from portal.teams.errors import PossibleDuplicate
from portal.teams.forms import DuplicateConfirmation, TeamForm
from portal.teams.models import Team
from portal.units.models import Unit


@login_required
def team_list(request: HttpRequest) -> HttpResponse:
    qs = managed(request.user, Team).select_related("unit", "ward")
    query = request.GET.get("q", "").strip()[:100]
    if query:
        qs = qs.filter(name_folded__contains=fold(query))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "query": query,
        "may_add": managed(request.user, Unit, Action.CHANGE).exists(),
        "may_merge": scope_of(request.user).is_coordinator,
    }
    return render(request, "teams/list.html", context)


def team_detail(request: HttpRequest, pk: int) -> HttpResponse:
    team = get_visible(request.user, Team.objects.select_related("unit"), pk=pk)
    context = {
        "team": team,
        "may_change": can(request.user, Action.CHANGE, team),
        "may_merge": scope_of(request.user).is_coordinator,
    }
    return render(request, "teams/detail.html", context)


def _save_form(
    request: HttpRequest, form: TeamForm, save: Any, template: str, context: dict
) -> HttpResponse:
    """Validate, save through the service, or show the form again.

    A possible duplicate shows its candidates and a box to confirm; any
    other refused rule shows under the field it names.
    """
    confirm = DuplicateConfirmation(request.POST or None)
    context = {**context, "form": form, "confirm_form": None, "candidates": []}
    if request.method == "POST" and form.is_valid() and confirm.is_valid():
        try:
            team = save(confirm.cleaned_data["confirm_duplicate"], form.cleaned_data)
        except PossibleDuplicate as duplicate:
            context["candidates"] = duplicate.candidates
            context["confirm_form"] = DuplicateConfirmation()
            context["duplicate_message"] = duplicate.message
        except (AccessDenied, NotFound):
            raise
        except PortalError as error:
            field = error.field if error.field in form.fields else None
            form.add_error(field, error.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("teams:detail", pk=team.pk)
    return render(request, template, context)


@login_required
def team_create(request: HttpRequest) -> HttpResponse:
    if not managed(request.user, Unit, Action.CHANGE).exists():
        raise AccessDenied()
    form = TeamForm(request.POST or None, user=request.user)

    def save(confirm: bool, data: dict[str, Any]) -> Team:
        return services.create_team(by=request.user, confirm_duplicate=confirm, **data)

    return _save_form(request, form, save, "teams/form.html", {"team": None})


@login_required
def team_edit(request: HttpRequest, pk: int) -> HttpResponse:
    team = get_managed(request.user, Team, pk=pk)
    form = TeamForm(request.POST or None, instance=team, user=request.user)

    def save(confirm: bool, data: dict[str, Any]) -> Team:
        return services.update_team(
            by=request.user, team=team, confirm_duplicate=confirm, **data
        )

    return _save_form(request, form, save, "teams/form.html", {"team": team})


@login_required
def team_merge(request: HttpRequest) -> HttpResponse:
    return merge_page(
        request,
        model=Team,
        merge=services.merge_teams,
        detail="teams:detail",
        template="teams/merge.html",
    )
