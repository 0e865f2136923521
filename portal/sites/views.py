from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from portal.access.policy import Action, can, get_managed, get_visible, managed
from portal.lib.text import fold
from portal.sites import services
from portal.sites.forms import SiteForm
from portal.sites.models import Site


@login_required
def site_list(request: HttpRequest) -> HttpResponse:
    qs = managed(request.user, Site).select_related("unit", "ward")
    query = request.GET.get("q", "").strip()[:100]
    if query:
        qs = qs.filter(name_folded__contains=fold(query))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "sites/list.html", {"page": page, "query": query})


def site_detail(request: HttpRequest, pk: int) -> HttpResponse:
    site = get_visible(request.user, Site.objects.select_related("unit", "ward"), pk=pk)
    context = {
        "site": site,
        "may_change": can(request.user, Action.CHANGE, site),
        "show_private": can(request.user, Action.VIEW_PRIVATE, site),
    }
    return render(request, "sites/detail.html", context)


@login_required
def site_edit(request: HttpRequest, pk: int) -> HttpResponse:
    site = get_managed(request.user, Site, pk=pk)
    form = SiteForm(request.POST or None, instance=site, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.update_site(by=request.user, site=site, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("sites:detail", pk=site.pk)
    return render(request, "sites/form.html", {"form": form, "site": site})
