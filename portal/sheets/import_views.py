"""Uploading a list, reviewing its report, writing it, and the report file."""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.access.policy import get_managed, managed, scope_of
from portal.core.errors import AccessDenied
from portal.sheets.import_forms import ImportForm
from portal.sheets.importing import services
from portal.sheets.importing.errors import ImportNotReady
from portal.sheets.importing.report import report_workbook
from portal.sheets.models import SheetImport

_ROWS_PER_PAGE = 100
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require_staff(request: HttpRequest) -> None:
    if not scope_of(request.user).is_staff_like:
        raise AccessDenied()


@login_required
def import_start(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        initial=request.GET.dict(),
    )
    if request.method == "POST" and form.is_valid():
        record = services.start_import(
            by=request.user,
            kind=form.cleaned_data["list"],
            unit=form.cleaned_data["unit"],
            upload=form.cleaned_data["file"],
        )
        return redirect("sheets:import-detail", pk=record.pk)
    recent = managed(request.user, SheetImport).select_related("unit", "created_by")
    context = {"form": form, "recent": recent[:20]}
    return render(request, "sheets/import_start.html", context)


def _rows(record: SheetImport, only_issues: bool) -> list[dict]:
    """Report rows with their messages, refused rows first when filtered."""
    result = record.result or {}
    messages_by_row: dict[int, list[dict]] = {}
    for level in ("errors", "warnings"):
        for issue in result.get(level, []):
            entry = {**issue, "level": level}
            messages_by_row.setdefault(issue["row"], []).append(entry)
    rows = [
        {**row, "messages": messages_by_row.get(row["row"], [])}
        for row in result.get("rows", [])
    ]
    if only_issues:
        rows = [row for row in rows if row["messages"] or row["status"] == "duplicate"]
    return rows


@login_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_managed(
        request.user, SheetImport.objects.select_related("unit"), pk=pk
    )
    only_issues = request.GET.get("show") == "issues"
    page = Paginator(_rows(record, only_issues), _ROWS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {"record": record, "result": record.result, "page": page}
    context["only_issues"] = only_issues
    return render(request, "sheets/import_detail.html", context)


@login_required
def import_progress(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_managed(request.user, SheetImport, pk=pk)
    if not record.is_working and request.headers.get("HX-Request"):
        # Done: reload the whole page to show the report.
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "sheets/_import_progress.html", {"record": record})


@login_required
@require_POST
def import_commit(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_managed(request.user, SheetImport, pk=pk)
    record = services.commit_import(by=request.user, sheet_import=record)
    if record.status == SheetImport.Status.COMMITTED:
        messages.success(
            request,
            _("Written: %(created)s added, %(updated)s updated.")
            % {
                "created": record.result.get("created", 0),
                "updated": record.result.get("updated", 0),
            },
        )
    return redirect("sheets:import-detail", pk=record.pk)


@login_required
def import_report(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_managed(request.user, SheetImport, pk=pk)
    if not record.result:
        raise ImportNotReady()
    with record.file.open("rb") as stored:
        data = stored.read()
    content = report_workbook(data, record.kind, record.result)
    response = HttpResponse(content, content_type=_XLSX)
    stem = record.original_name.rsplit(".", 1)[0] or "danh-sach"
    filename = f"{stem}-loi.xlsx"
    response["Content-Disposition"] = (
        f"attachment; filename=\"bao-cao-loi.xlsx\"; filename*=UTF-8''{quote(filename)}"
    )
    return response
