"""Pages for site calendars, visits, claims and the coverage board."""

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.access.policy import (
    Action,
    can,
    get_visible,
    managed,
    scope_of,
)
from portal.coordination import board, selectors, services
from portal.coordination.clashes import find_clashes
from portal.coordination.errors import VisitClash
from portal.coordination.forms import (
    AnswerForm,
    ClaimForm,
    ProposeTimeForm,
    VisitRequestForm,
)
from portal.coordination.models import NeedClaim, Visit
from portal.coordination.snapshot import (
    board_in_city,
    board_in_scope,
    city_memo,
    city_snapshot,
)
from portal.core.errors import AccessDenied, NotFound, PortalError
from portal.sites.models import Need, Site

BOARD_PAGE = 50
INBOX_SIZE = 30
WARDS_SHOWN = 25
VISIT_ACTIONS = ("accept", "decline", "propose", "take", "cancel")


def _day(raw: str | None) -> date:
    try:
        return date.fromisoformat(raw or "")
    except ValueError:
        return timezone.localdate()


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """What the person has to do: answer visits and confirm deliveries for
    their sites; follow their teams' visits and promises."""
    user = request.user
    # Each answer shows its clashes (two queries a visit): the first page
    # of the soonest is what a person can act on anyway.
    to_answer = list(selectors.visits_to_answer(user)[:INBOX_SIZE])
    for visit in to_answer:
        visit.clashes = _clashes_of(visit)
    context = {
        "to_answer": to_answer,
        "to_confirm": selectors.claims_to_confirm(user)[:INBOX_SIZE],
        "team_visits": selectors.team_visits(user)[:INBOX_SIZE],
        "team_claims": selectors.team_claims(user)[:INBOX_SIZE],
        "acts_for_teams": selectors.teams_user_acts_for(user).exists(),
    }
    return render(request, "coordination/index.html", context)


def _clashes_of(visit: Visit) -> Any:
    return find_clashes(
        site=visit.site,
        starts_at=visit.starts_at,
        ends_at=visit.ends_at,
        head_count=visit.head_count,
        purpose=visit.purpose,
        team_id=visit.team_id,
        exclude=visit.pk,
    )


def site_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    site = get_visible(request.user, Site.objects.select_related("ward"), pk=pk)
    view = "month" if request.GET.get("view") == "month" else "week"
    around = _day(request.GET.get("d"))
    days, previous, following = selectors.calendar_days(
        request.user, site, view=view, around=around
    )
    context = {
        "site": site,
        "view": view,
        "around": around,
        "days": days,
        "weeks": [days[i : i + 7] for i in range(0, len(days), 7)],
        "previous": previous,
        "following": following,
        "may_ask": request.user.is_authenticated
        and selectors.teams_user_acts_for(request.user).exists(),
    }
    return render(request, "coordination/calendar.html", context)


@login_required
def visit_ask(request: HttpRequest, pk: int) -> HttpResponse:
    site = get_visible(request.user, Site, pk=pk)
    form = VisitRequestForm(request.POST or None, user=request.user)
    if not form.fields["team"].queryset.exists():
        raise AccessDenied(_("Only the managers of an active team can ask to visit."))

    warnings: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        starts_at, ends_at = form.times()
        try:
            visit = services.ask_visit(
                by=request.user,
                team=data["team"],
                site=site,
                starts_at=starts_at,
                ends_at=ends_at,
                head_count=data["head_count"],
                purpose=data["purpose"],
                note=data["note"],
                confirm_clash=data["confirm_clash"],
            )
        except VisitClash as clash:
            warnings = clash.warnings
            form.add_error(None, clash.message)
        except PortalError as error:
            form.add_error(_form_field(error, form), error.message)
        else:
            messages.success(request, _("Your request was sent to the site."))
            return redirect("coordination:visit", pk=visit.pk)
    context = {"site": site, "form": form, "warnings": warnings}
    return render(request, "coordination/ask.html", context)


def _form_field(error: PortalError, form: Any) -> str | None:
    field = {"starts_at": "starts", "ends_at": "ends"}.get(error.field or "")
    field = field or error.field
    return field if field in form.fields else None


@login_required
def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    visit = get_visible(
        request.user, Visit.objects.select_related("site", "team"), pk=pk
    )
    answers = can(request.user, Action.CHANGE, visit.site)
    for_team = visit.team is not None and can(request.user, Action.CHANGE, visit.team)
    context = {
        "visit": visit,
        "answers": answers and visit.status == Visit.Status.PENDING,
        "for_team": for_team,
        "clashes": _clashes_of(visit) if visit.is_open else None,
        "answer_form": AnswerForm(),
        "propose_form": ProposeTimeForm(),
    }
    return render(request, "coordination/visit.html", context)


@require_POST
@login_required
def visit_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in VISIT_ACTIONS:
        raise NotFound()
    visit = get_visible(request.user, Visit, pk=pk)
    note = AnswerForm(request.POST)
    note.is_valid()
    message = note.cleaned_data.get("note", "")
    try:
        if action == "accept":
            services.accept_visit(by=request.user, visit=visit, note=message)
            messages.success(request, _("The visit is accepted; the team is told."))
        elif action == "decline":
            services.decline_visit(by=request.user, visit=visit, note=message)
            messages.success(request, _("The visit is declined; the team is told."))
        elif action == "propose":
            return _propose(request, visit)
        elif action == "take":
            services.take_proposed_time(by=request.user, visit=visit)
            messages.success(request, _("You will come at the proposed time."))
        elif action == "cancel":
            services.cancel_visit(by=request.user, visit=visit)
            messages.success(request, _("The visit is cancelled."))
    except PortalError as error:
        if error.status == 403:
            raise
        messages.error(request, error.message)
    return redirect("coordination:visit", pk=visit.pk)


def _propose(request: HttpRequest, visit: Visit) -> HttpResponse:
    form = ProposeTimeForm(request.POST)
    if form.is_valid():
        starts_at, ends_at = form.times()
        try:
            services.propose_visit_time(
                by=request.user,
                visit=visit,
                starts_at=starts_at,
                ends_at=ends_at,
                note=form.cleaned_data["note"],
            )
        except PortalError as error:
            if error.status == 403:
                raise
            form.add_error(_form_field(error, form), error.message)
        else:
            messages.success(request, _("The new time was sent to the team."))
            return redirect("coordination:visit", pk=visit.pk)
    visit = Visit.objects.select_related("site", "team").get(pk=visit.pk)
    context = {
        "visit": visit,
        "answers": True,
        "for_team": False,
        "clashes": _clashes_of(visit),
        "answer_form": AnswerForm(),
        "propose_form": form,
    }
    return render(request, "coordination/visit.html", context, status=400)


@login_required
def need_claim(request: HttpRequest, pk: int) -> HttpResponse:
    need = get_visible(request.user, Need.objects.select_related("site"), pk=pk)
    left = selectors.needs_left(request.user, [need])[0]
    form = ClaimForm(
        request.POST or None,
        user=request.user,
        has_quantity=need.quantity is not None,
    )
    if not form.fields["team"].queryset.exists():
        raise AccessDenied(_("Only the managers of an active team can claim needs."))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.claim_need(
                by=request.user,
                team=data["team"],
                need=need,
                quantity=data.get("quantity"),
                deliver_by=data["deliver_by"],
                note=data["note"],
            )
        except PortalError as error:
            if error.status == 403:
                raise
            field = error.field if error.field in form.fields else None
            form.add_error(field, error.message)
        else:
            messages.success(request, _("Thank you: the site sees your promise."))
            return redirect("coordination:index")
    context = {"need": need, "left": left, "form": form}
    return render(request, "coordination/claim.html", context)


@require_POST
@login_required
def claim_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ("deliver", "withdraw"):
        raise NotFound()
    claim = get_visible(
        request.user, NeedClaim.objects.select_related("need__site", "team"), pk=pk
    )
    try:
        if action == "deliver":
            services.confirm_delivery(by=request.user, claim=claim)
            messages.success(request, _("Delivery confirmed. Thank you."))
        elif action == "withdraw":
            services.withdraw_claim(by=request.user, claim=claim)
            messages.success(request, _("The promise is withdrawn."))
    except PortalError as error:
        if error.status == 403:
            raise
        messages.error(request, error.message)
    return redirect("coordination:index")


# The coverage board -------------------------------------------------------


def _require_board(request: HttpRequest) -> None:
    if not scope_of(request.user).is_staff_like:
        raise AccessDenied(
            _("The coverage board is for city coordinators and unit officers.")
        )


def _board_sites(request: HttpRequest) -> Any:
    _require_board(request)
    return managed(request.user, Site)


def _ward_filter(request: HttpRequest) -> int | None:
    raw = request.GET.get("ward", "")
    return int(raw) if raw.isdigit() else None


@login_required
def coverage_board(request: HttpRequest) -> HttpResponse:
    _require_board(request)
    scoped = board_in_scope(request.user, timezone.localdate())

    ward_code = _ward_filter(request)
    shown = scoped.rows
    if ward_code is not None:
        shown = [r for r in shown if r.ward_code == ward_code]
    page = Paginator(shown, BOARD_PAGE).get_page(request.GET.get("page"))
    wards = scoped.wards
    context = {
        "page": page,
        # The most neglected wards in the table; every ward in the filter.
        "wards": wards[:WARDS_SHOWN],
        "all_wards": scoped.wards_by_name,
        "ward_code": ward_code,
        "ward_name": next((w.name for w in wards if w.code == ward_code), ""),
        "site_count": len(scoped.rows),
        "never_visited": scoped.never_visited,
        "neglected": scoped.neglected,
        "geojson_url": reverse("coordination:coverage_geojson"),
        "gini_url": reverse("coordination:coverage_gini"),
    }
    return render(request, "coordination/board.html", context)


@login_required
def coverage_geojson(request: HttpRequest) -> HttpResponse:
    """Sites with a position, coloured on the map by their neglect score.

    Protected sites keep their position to those who may see it."""
    sites = _board_sites(request)
    today = timezone.localdate()
    if scope_of(request.user).is_coordinator:
        body = city_memo(today, "geojson", lambda _: _coverage_map(sites, today))
    else:
        body = _coverage_map(sites, today)
    return HttpResponse(body, content_type="application/json")


def _coverage_map(sites: Any, today: date) -> bytes:
    located = list(
        sites.filter(latitude__isnull=False)
        .order_by()
        .values_list("pk", "name", "latitude", "longitude", "is_protected")
    )
    snapshot = city_snapshot(today, need=frozenset(row[0] for row in located))
    calendar = reverse("coordination:calendar", args=[0]).replace("/0/", "/{}/")
    features = []
    for pk, name, lat, lng, protected in located:
        cov = snapshot.coverage[pk]
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [float(lng), float(lat)]},
                "properties": {
                    "id": pk,
                    "name": name,
                    "neglect": cov.neglect,
                    "visits_90": cov.visits_90,
                    "days_since_last_visit": cov.days_since_last_visit,
                    "open_needs": cov.open_needs,
                    "protected": protected,
                    "url": calendar.format(pk),
                },
            }
        )
    collection = {"type": "FeatureCollection", "features": features}
    return JsonResponse(collection).content


@login_required
def coverage_gini(request: HttpRequest) -> JsonResponse:
    sites = _board_sites(request)
    ward_code = _ward_filter(request)
    if ward_code is not None:
        sites = sites.filter(ward_id=ward_code)
    today = timezone.localdate()
    if scope_of(request.user).is_coordinator and _known_ward(ward_code, today):
        series = city_memo(
            today,
            ("gini", ward_code),
            lambda _: board.gini_over_time(sites, today=today),
        )
    else:
        series = board.gini_over_time(sites, today=today)
    return JsonResponse(series)


def _known_ward(code: int | None, today: date) -> bool:
    """All wards, or one with sites: what the Gini memo may be kept for."""
    if code is None:
        return True
    return any(w.code == code for w in board_in_city(today).wards)
