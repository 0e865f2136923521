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
from portal.core.errors import AccessDenied
from portal.lib.text import fold
from portal.units import services
from portal.units.forms import UnitForm
from portal.units.models import Unit


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    qs = managed(request.user, Unit).select_related("parent", "ward")
    query = request.GET.get("q", "").strip()[:100]
    if query:
        qs = qs.filter(name_folded__contains=fold(query))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "units/list.html", {"page": page, "query": query})


@login_required
def unit_detail(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_visible(request.user, Unit.objects.select_related("ward"), code=code)
    children = managed(request.user, Unit).filter(parent=unit)
    context = {
        "unit": unit,
        "children": children,
        "may_change": can(request.user, Action.CHANGE, unit),
        "may_see_history": scope_of(request.user).is_coordinator,
    }
    return render(request, "units/detail.html", context)


@login_required
def unit_edit(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_managed(request.user, Unit, code=code)
    form = UnitForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        services.update_unit(by=request.user, unit=unit, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("units:detail", code=unit.code)
    return render(request, "units/form.html", {"form": form, "unit": unit})


@login_required
def unit_create(request: HttpRequest, code: str) -> HttpResponse:
    parent = get_managed(request.user, Unit, code=code)
    form = UnitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        unit = services.create_unit(by=request.user, parent=parent, **form.cleaned_data)
        messages.success(request, _("Unit created."))
        return redirect("units:detail", code=unit.code)
    return render(request, "units/form.html", {"form": form, "parent": parent})


@login_required
def unit_history(request: HttpRequest, code: str) -> HttpResponse:
    if not scope_of(request.user).is_coordinator:
        raise AccessDenied()
    unit = get_visible(request.user, Unit, code=code)
    records = unit.history.select_related("history_user")[:100]
    return render(request, "units/history.html", {"unit": unit, "records": records})
