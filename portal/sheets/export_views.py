"""The export page and the download it leads to."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from portal.access.policy import scope_of
from portal.sheets.downloads import ExportNotAllowed, export_response
from portal.sheets.export_forms import ExportForm


@login_required
def export_page(request: HttpRequest) -> HttpResponse:
    if not scope_of(request.user).is_staff_like:
        raise ExportNotAllowed()
    form = ExportForm(user=request.user, initial=request.GET.dict())
    return render(request, "sheets/export.html", {"form": form})


@login_required
def export_download(request: HttpRequest) -> HttpResponse:
    if not scope_of(request.user).is_staff_like:
        raise ExportNotAllowed()
    form = ExportForm(request.GET, user=request.user)
    if not form.is_valid():
        return render(request, "sheets/export.html", {"form": form}, status=400)

    return export_response(
        by=request.user,
        kind=form.cleaned_data["list"],
        filetype=form.cleaned_data["filetype"],
        unit_code=form.cleaned_data["unit"],
        round_id=form.cleaned_data.get("round"),
    )
