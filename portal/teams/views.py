from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from portal.access.policy import Action, can, get_managed, get_visible, managed
from portal.lib.text import fold
from portal.teams import services
from portal.teams.forms import TeamForm
from portal.teams.models import Team


@login_required
def team_list(request: HttpRequest) -> HttpResponse:
    qs = managed(request.user, Team).select_related("unit", "ward")
    query = request.GET.get("q", "").strip()[:100]
    if query:
        qs = qs.filter(name_folded__contains=fold(query))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "teams/list.html", {"page": page, "query": query})


def team_detail(request: HttpRequest, pk: int) -> HttpResponse:
    team = get_visible(request.user, Team.objects.select_related("unit"), pk=pk)
    context = {"team": team, "may_change": can(request.user, Action.CHANGE, team)}
    return render(request, "teams/detail.html", context)


@login_required
def team_edit(request: HttpRequest, pk: int) -> HttpResponse:
    team = get_managed(request.user, Team, pk=pk)
    form = TeamForm(request.POST or None, instance=team, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.update_team(by=request.user, team=team, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("teams:detail", pk=team.pk)
    return render(request, "teams/form.html", {"form": form, "team": team})
