from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.access.policy import (
    Action,
    can,
    get_managed,
    get_visible,
    managed,
    require,
    scope_of,
    visible,
)
from portal.core.errors import AccessDenied, NotFound, PortalError
from portal.core.merging import merge_page
from portal.lib.text import fold
from portal.sites import services
from portal.sites.errors import PossibleDuplicate
from portal.sites.forms import (
    GroupsForm,
    NeedForm,
    NeedStatusForm,
    SiteForm,
    slot_formset,
    slots_of,
)
from portal.sites.models import Need, Site
from portal.teams.forms import DuplicateConfirmation
from portal.units.models import Unit


@login_required
def site_list(request: HttpRequest) -> HttpResponse:
    qs = managed(request.user, Site).select_related("unit", "ward")
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
    return render(request, "sites/list.html", context)


def site_detail(request: HttpRequest, pk: int) -> HttpResponse:
    site = get_visible(request.user, Site.objects.select_related("unit", "ward"), pk=pk)
    may_change = can(request.user, Action.CHANGE, site)
    # Those who keep the site see every need; others only the open ones.
    needs = site.needs.all() if may_change else visible(request.user, site.needs.all())
    context = {
        "site": site,
        "may_change": may_change,
        "may_merge": scope_of(request.user).is_coordinator,
        "show_private": can(request.user, Action.VIEW_PRIVATE, site),
        "needs": needs,
        "groups": site.groups.all(),
        "slots": site.slots.all(),
    }
    return render(request, "sites/detail.html", context)


def _save_site(request: HttpRequest, site: Site | None, save: Any) -> HttpResponse:
    """Validate the three parts of the form, save them together or show why."""
    data = request.POST or None
    form = SiteForm(data, instance=site, user=request.user)
    groups = GroupsForm(data, site=site)
    slots = slot_formset(data, site)
    confirm = DuplicateConfirmation(data)
    context: dict[str, Any] = {
        "site": site,
        "form": form,
        "groups_form": groups,
        "slots": slots,
        "confirm_form": None,
        "candidates": [],
    }
    parts = (form, groups, slots, confirm)
    if request.method == "POST" and all([part.is_valid() for part in parts]):
        try:
            saved = save(
                confirm.cleaned_data["confirm_duplicate"],
                {**form.cleaned_data, "groups": groups.groups(),
                 "slots": slots_of(slots)},
            )  # fmt: skip
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
            return redirect("sites:detail", pk=saved.pk)
    return render(request, "sites/form.html", context)


@login_required
def site_create(request: HttpRequest) -> HttpResponse:
    if not managed(request.user, Unit, Action.CHANGE).exists():
        raise AccessDenied()

    def save(confirm: bool, data: dict[str, Any]) -> Site:
        return services.create_site(by=request.user, confirm_duplicate=confirm, **data)

    return _save_site(request, None, save)


@login_required
def site_edit(request: HttpRequest, pk: int) -> HttpResponse:
    site = get_managed(request.user, Site, pk=pk)

    def save(confirm: bool, data: dict[str, Any]) -> Site:
        return services.update_site(
            by=request.user, site=site, confirm_duplicate=confirm, **data
        )

    return _save_site(request, site, save)


@login_required
def site_merge(request: HttpRequest) -> HttpResponse:
    return merge_page(
        request,
        model=Site,
        merge=services.merge_sites,
        detail="sites:detail",
        template="sites/merge.html",
    )


# Needs ---------------------------------------------------------------


def _need_of(request: HttpRequest, pk: int, need_pk: int) -> tuple[Site, Need]:
    site = get_managed(request.user, Site, pk=pk)
    need = get_object_or_404(Need, pk=need_pk, site=site)
    return site, need


@login_required
def need_create(request: HttpRequest, pk: int) -> HttpResponse:
    site = get_managed(request.user, Site, pk=pk)
    form = NeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.create_need(by=request.user, site=site, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("sites:detail", pk=site.pk)
    return render(request, "sites/need_form.html", {"form": form, "site": site})


@login_required
def need_edit(request: HttpRequest, pk: int, need_pk: int) -> HttpResponse:
    site, need = _need_of(request, pk, need_pk)
    form = NeedForm(request.POST or None, instance=need)
    if request.method == "POST" and form.is_valid():
        services.update_need(by=request.user, need=need, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("sites:detail", pk=site.pk)
    context = {"form": form, "site": site, "need": need}
    return render(request, "sites/need_form.html", context)


@require_POST
@login_required
def need_status(request: HttpRequest, pk: int, need_pk: int) -> HttpResponse:
    site, need = _need_of(request, pk, need_pk)
    require(request.user, Action.CHANGE, site)
    form = NeedStatusForm(request.POST)
    if form.is_valid():
        services.set_need_status(
            by=request.user, need=need, status=form.cleaned_data["status"]
        )
        messages.success(request, _("Saved."))
    return redirect("sites:detail", pk=site.pk)
