import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.access.policy import Action, get_managed, get_visible, scope_of
from portal.core.errors import AccessDenied, NotFound, PortalError
from portal.planning import figures, services
from portal.planning.forms import PlanForm
from portal.planning.models import Plan, PlanAssignment
from portal.planning.selectors import assignments_for, teams_answered_by
from portal.planning.suggestions import suggestions_for
from portal.teams.models import Team


def _require_coordinator(request: HttpRequest) -> None:
    if not scope_of(request.user).is_coordinator:
        raise AccessDenied()


@login_required
def my_suggestions(request: HttpRequest) -> HttpResponse:
    """The city's suggestions for the user's teams, and links to each
    team's own list."""
    assignments = assignments_for(request.user)
    page = Paginator(assignments, 50).get_page(request.GET.get("page"))
    teams = teams_answered_by(request.user)[:50]
    return render(
        request, "planning/my_suggestions.html", {"page": page, "teams": teams}
    )


@login_required
def team_suggestions(request: HttpRequest, team_id: int) -> HttpResponse:
    team = get_managed(request.user, Team, Action.VIEW, pk=team_id)
    context = {
        "team": team,
        "suggestions": suggestions_for(team),
        "assignments": assignments_for(request.user).filter(
            team=team, status=PlanAssignment.Status.PROPOSED
        ),
    }
    return render(request, "planning/team_suggestions.html", context)


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_managed(request.user, assignments_for(request.user), pk=pk)
    accept = request.POST.get("answer") == "accept"
    try:
        done = services.decide_assignment(
            by=request.user, assignment=assignment, accept=accept
        )
    except (AccessDenied, NotFound):
        raise
    except PortalError as error:
        messages.error(request, error.message)
    else:
        if accept and done.visit_id:
            messages.success(
                request, _("Accepted: the site has been asked for the visit.")
            )
        elif accept:
            messages.warning(
                request,
                _(
                    "Accepted. The site's visiting times are full for those "
                    "days: pick another time on its calendar."
                ),
            )
        else:
            messages.success(request, _("Declined."))
    next_url = request.POST.get("next", "")
    if next_url.startswith("/") and not next_url.startswith("//"):
        return redirect(next_url)
    return redirect("planning:my_suggestions")


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    _require_coordinator(request)
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.create_plan(by=request.user, **form.cleaned_data)
        except (AccessDenied, NotFound):
            raise
        except PortalError as error:
            field = error.field if error.field in form.fields else None
            form.add_error(field, error.message)
        else:
            messages.success(request, _("The plan is ready."))
            return redirect("planning:plan_detail", pk=plan.pk)
    page = Paginator(Plan.objects.all(), 20).get_page(request.GET.get("page"))
    return render(request, "planning/plan_list.html", {"form": form, "page": page})


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_coordinator(request)
    plan = get_visible(request.user, Plan, pk=pk)
    rows = plan.assignments.select_related("team", "site__ward").order_by(
        "-neglect", "pk"
    )
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    return render(request, "planning/plan_detail.html", {"plan": plan, "page": page})


@login_required
def plan_geojson(request: HttpRequest, pk: int) -> JsonResponse:
    """The plan's sites and the teams' areas for its map."""
    _require_coordinator(request)
    plan = get_visible(request.user, Plan, pk=pk)
    return JsonResponse(figures.plan_features(plan))


@login_required
@require_POST
def plan_send(request: HttpRequest, pk: int) -> HttpResponse:
    _require_coordinator(request)
    plan = get_visible(request.user, Plan, pk=pk)
    try:
        told = services.send_plan(by=request.user, plan=plan)
    except (AccessDenied, NotFound):
        raise
    except PortalError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Sent: %(count)s team managers were told.") % {"count": told},
        )
    return redirect("planning:plan_detail", pk=plan.pk)


@login_required
def city_figures(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request.user)
    if not scope.is_staff_like:
        raise AccessDenied()
    data = figures.city_figures(request.user)
    context = {"data": data, "charts": json.dumps(figures.chart_data(data))}
    return render(request, "planning/figures.html", context)


@login_required
def city_figures_xlsx(request: HttpRequest) -> HttpResponse:
    if not scope_of(request.user).is_staff_like:
        raise AccessDenied()
    data = figures.city_figures(request.user)
    return figures.xlsx_response(data)


def public_figures(request: HttpRequest) -> HttpResponse:
    return render(request, "planning/public_figures.html", {"data": figures.headline()})
