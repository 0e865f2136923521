import datetime as dt
import json
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.access.policy import Action, get_managed, get_visible, managed, scope_of
from portal.activities.models import Activity, Shift, SignUp
from portal.activities.selectors import is_organiser
from portal.core.errors import NotFound, PortalError
from portal.hours import certificates, codes, privacy, services
from portal.hours.forms import (
    CodeForm,
    DeleteAccountForm,
    HoursPerDayForm,
    RejectForm,
    ReportForm,
    VerifyForm,
)
from portal.hours.models import Certificate, HourRecord
from portal.hours.selectors import awaiting_decision, units_with_rules, volunteer_record
from portal.units.models import Unit


def _qr_svg(text: str) -> str:
    # The server draws the QR code: the page needs no script to show it.
    return mark_safe(segno.make(text, error="m").svg_inline(scale=6, border=2))


def _back(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


@login_required
def record(request: HttpRequest) -> HttpResponse:
    rules = units_with_rules()
    chosen = request.GET.get("don-vi", "")
    rule_unit = rules.filter(code=chosen).first() if chosen else None
    now = timezone.now()
    upcoming = (
        SignUp.objects.filter(
            volunteer=request.user,
            status=SignUp.Status.CONFIRMED,
            shift__ends_at__gte=now - services.CLOSES_AFTER,
        )
        .select_related("shift__activity")
        .order_by("shift__starts_at")[:20]
    )
    organising = (
        Shift.objects.filter(
            activity__in=managed(request.user, Activity),
            ends_at__gte=now - dt.timedelta(days=2),
            starts_at__lte=now + dt.timedelta(days=7),
        )
        .select_related("activity")
        .order_by("starts_at")[:20]
    )
    context = {
        "record": volunteer_record(request.user, rule_unit),
        "rules": rules,
        "chosen": chosen,
        "upcoming": upcoming,
        "organising": organising,
        "awaiting_count": awaiting_decision(request.user).count(),
        # Officers set the day rule of the units they work for.
        "rule_units": managed(request.user, Unit, Action.CHANGE).filter(
            pk__in=scope_of(request.user).officer_unit_ids
        ),
    }
    return render(request, "hours/record.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def scan(request: HttpRequest) -> HttpResponse:
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            done = services.check_in(by=request.user, code=form.cleaned_data["code"])
        except PortalError as error:
            form.add_error("code", str(error.message))
            status = error.status
        else:
            messages.success(request, _checked_message(done))
            return redirect(_back(request, reverse("hours:scan")))
    context = {"form": form, "next": _back(request, "")}
    return render(request, "hours/scan.html", context, status=status)


def _checked_message(record: HourRecord) -> str:
    name = record.volunteer.full_name if record.volunteer else ""
    if record.check_out_at is not None:
        return _("%(name)s checked out at %(time)s.") % {
            "name": name,
            "time": timezone.localtime(record.check_out_at).strftime("%H:%M"),
        }
    return _("%(name)s checked in at %(time)s.") % {
        "name": name,
        "time": timezone.localtime(record.check_in_at).strftime("%H:%M"),
    }


@login_required
def my_code(request: HttpRequest, signup_id: int) -> HttpResponse:
    signup = (
        SignUp.objects.filter(
            pk=signup_id, volunteer=request.user, status=SignUp.Status.CONFIRMED
        )
        .select_related("shift__activity")
        .first()
    )
    if signup is None:
        raise NotFound()
    code = codes.volunteer_code(signup.pk)
    context = {
        "signup": signup,
        "code": code,
        "qr": _qr_svg(code),
        "record": HourRecord.objects.filter(signup=signup).first(),
        "refresh_seconds": codes.WINDOW_SECONDS // 2,
    }
    return render(request, "hours/my_code.html", context)


def _organised_shift(request: HttpRequest, shift_id: int) -> Shift:
    shift = Shift.objects.select_related("activity").filter(pk=shift_id).first()
    if shift is None or not is_organiser(request.user, shift.activity):
        raise NotFound()
    return shift


@login_required
def shift_page(request: HttpRequest, shift_id: int) -> HttpResponse:
    shift = _organised_shift(request, shift_id)
    records = {
        r.signup_id: r
        for r in HourRecord.objects.filter(shift=shift).select_related("volunteer")
    }
    roster = [
        (signup, records.get(signup.pk))
        for signup in shift.signups.filter(status=SignUp.Status.CONFIRMED)
        .select_related("volunteer")
        .order_by("volunteer__full_name")
    ]
    code_in = codes.shift_code(shift.pk, checking_out=False)
    code_out = codes.shift_code(shift.pk, checking_out=True)
    context = {
        "shift": shift,
        "roster": roster,
        "code_in": code_in,
        "code_out": code_out,
        "qr_in": _qr_svg(code_in),
        "qr_out": _qr_svg(code_out),
        "verify_form": VerifyForm(),
        "ended": shift.ends_at <= timezone.now(),
    }
    return render(request, "hours/shift.html", context)


@login_required
def awaiting(request: HttpRequest) -> HttpResponse:
    records = awaiting_decision(request.user)[:200]
    context = {"records": records, "verify_form": VerifyForm()}
    return render(request, "hours/awaiting.html", context)


def _decide(request: HttpRequest, record_id: int, decide: Any, form_class: Any) -> Any:
    record = get_visible(request.user, HourRecord, pk=record_id)
    form = form_class(request.POST)
    back = _back(request, reverse("hours:awaiting"))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    try:
        decide(by=request.user, record=record, **form.cleaned_data)
    except PortalError as error:
        if error.status in (403, 404):
            raise
        messages.error(request, error.message)
        return redirect(back)
    messages.success(request, _("Saved."))
    return redirect(back)


@login_required
@require_POST
def verify(request: HttpRequest, record_id: int) -> HttpResponse:
    return _decide(request, record_id, services.verify_hours, VerifyForm)


@login_required
@require_POST
def reject(request: HttpRequest, record_id: int) -> HttpResponse:
    return _decide(request, record_id, services.reject_hours, RejectForm)


@login_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.report_hours(volunteer=request.user, **form.cleaned_data)
        except PortalError as error:
            form.add_error(
                error.field if error.field in form.fields else None,
                str(error.message),
            )
            status = error.status
        else:
            messages.success(
                request, _("Your hours were sent for approval to the unit.")
            )
            return redirect("hours:record")
    return render(request, "hours/report.html", {"form": form}, status=status)


@login_required
def certificate_pdf(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = Activity.objects.select_related("unit").filter(pk=activity_id).first()
    if activity is None:
        raise NotFound()
    certificate = services.issue_certificate(volunteer=request.user, activity=activity)
    pdf = certificates.render_pdf(certificate, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="chung-nhan-{certificate.public_id}.pdf"'
    )
    return response


def certificate_check(request: HttpRequest, public_id: str) -> HttpResponse:
    """The public page a certificate's QR code opens: is it genuine?"""
    certificate = Certificate.objects.filter(public_id=public_id[:24]).first()
    if certificate is None:
        state = "unknown"
    elif not certificates.is_genuine(certificate):
        state = "altered"
    elif certificate.revoked_at is not None:
        state = "revoked"
    else:
        state = "genuine"
    context = {"certificate": certificate, "state": state, "public_id": public_id}
    status = 200 if state == "genuine" else (404 if state == "unknown" else 409)
    return render(request, "hours/certificate_check.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def hours_per_day(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_managed(request.user, Unit, code=code)
    rule = getattr(unit, "social_work_rule", None)
    form = HoursPerDayForm(
        request.POST or None,
        initial={"hours_per_day": rule.hours_per_day if rule else 8},
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.set_hours_per_day(
                by=request.user,
                unit=unit,
                hours_per_day=form.cleaned_data["hours_per_day"],
            )
        except PortalError as error:
            if error.status == 403:
                raise
            form.add_error("hours_per_day", str(error.message))
            status = error.status
        else:
            messages.success(request, _("Saved."))
            return redirect("hours:hours_per_day", code=unit.code)
    context = {"unit": unit, "form": form, "rule": rule}
    return render(request, "hours/hours_per_day.html", context, status=status)


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    context = {
        "data": privacy.personal_data(request.user),
        "purposes": privacy.PURPOSES,
    }
    return render(request, "hours/my_data.html", context)


@login_required
def my_data_json(request: HttpRequest) -> HttpResponse:
    data = privacy.personal_data(request.user)
    privacy.log_export(
        user=request.user,
        what="own personal data (JSON)",
        count=privacy.rows_in(data),
        subject=request.user,
    )
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="du-lieu-ca-nhan-{stamp}.json"'
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            privacy.delete_account(
                user=request.user, password=form.cleaned_data["password"]
            )
        except PortalError as error:
            form.add_error("password", str(error.message))
            status = error.status
        else:
            logout(request)
            messages.success(request, _("Your account has been deleted."))
            return redirect("core:home")
    return render(request, "hours/delete_account.html", {"form": form}, status=status)
