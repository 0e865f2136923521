"""Pages for activities: the public list and page, sign-up, organisers' pages."""

import contextlib
import csv
import logging
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.access.policy import get_managed, get_visible, scope_of
from portal.accounts.models import User
from portal.activities import calendar, forms, services
from portal.activities.models import (
    Activity,
    RosterExport,
    Shift,
    SignUp,
)
from portal.activities.selectors import (
    ActivityFilters,
    active_signups_for,
    is_organiser,
    list_choices,
    listed_activities,
    managed_activities,
    my_signups,
    roster,
    waitlist_position,
)
from portal.core.errors import AccessDenied, NotFound, PortalError
from portal.lib.phones import InvalidPhone, normalize_phone

logger = logging.getLogger(__name__)

PAGE_SIZE = 20


def activity_list(request: HttpRequest) -> HttpResponse:
    filters = ActivityFilters.from_params(
        {k: v.replace("\x00", "") for k, v in request.GET.items()}
    )
    number = _page_number(request.GET.get("page"))
    choices = list_choices()
    # One row more than a page says whether there is a next one; counting
    # every match of a city-wide list would cost more than the page itself.
    rows = listed_activities(
        filters, choices, offset=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE + 1
    )
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "rows": rows[:PAGE_SIZE],
        "number": number,
        "has_next": len(rows) > PAGE_SIZE,
        "query_string": params.urlencode(),
        "filters": filters,
        "query": filters.text,
        "choices": choices,
    }
    return render(request, "activities/list.html", context)


def _page_number(value: str | None) -> int:
    text = str(value or "1")
    return min(int(text), 10_000) if text.isdigit() and text != "0" else 1


def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_visible(
        request.user,
        Activity.objects.select_related("unit", "team", "ward", "field", "tag", "site"),
        pk=pk,
    )
    shifts = list(activity.shifts.order_by("starts_at", "id"))
    mine = active_signups_for(request.user, shifts)
    rows = [
        {
            "shift": shift,
            "signup": mine.get(shift.pk),
            "position": waitlist_position(mine[shift.pk]) if shift.pk in mine else None,
        }
        for shift in shifts
    ]
    context = {
        "activity": activity,
        "rows": rows,
        "photos": activity.photos.all(),
        "organiser": is_organiser(request.user, activity),
        "may_approve": _may_approve(request.user, activity),
        "age_notice": _age_notice(request.user, activity, shifts),
    }
    return render(request, "activities/detail.html", context)


def _age_notice(user: Any, activity: Activity, shifts: list[Shift]) -> str:
    """What keeps this person from signing up for their age, told up front.

    "missing" without a date of birth, "too_young" when under the minimum
    even on the last shift's day; empty when nothing stands in the way.
    """
    if not activity.minimum_age or not user.is_authenticated:
        return ""
    upcoming = [shift for shift in shifts if shift.starts_at > timezone.now()]
    if not upcoming:
        return ""
    age = services.age_on_shift_day(user, upcoming[-1].starts_at)
    if age is None:
        return "missing"
    return "too_young" if age < activity.minimum_age else ""


def _may_approve(user: Any, activity: Activity) -> bool:
    return (
        activity.state == Activity.State.AWAITING_APPROVAL
        and user.is_authenticated
        and scope_of(user).covers_path(activity.unit.path)
    )


@login_required
@require_POST
def shift_signup(request: HttpRequest, pk: int) -> HttpResponse:
    shift = get_visible(request.user, Shift.objects.select_related("activity"), pk=pk)
    try:
        signup = services.sign_up(volunteer=request.user, shift=shift)
    except (AccessDenied, NotFound):
        raise
    except PortalError as error:
        messages.error(request, error.message)
    else:
        if signup.status == SignUp.Status.CONFIRMED:
            messages.success(request, _("You are signed up. See you there!"))
        else:
            messages.info(
                request,
                _("The shift is full: you are on the waitlist and will be told."),
            )
    return redirect("activities:detail", pk=shift.activity_id)


@login_required
@require_POST
def signup_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    signup = get_visible(
        request.user, SignUp.objects.select_related("shift__activity"), pk=pk
    )
    try:
        services.cancel_signup(by=request.user, signup=signup)
    except (AccessDenied, NotFound):
        raise
    except PortalError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The sign-up is cancelled."))
    if request.POST.get("next") == "roster":
        return redirect("activities:roster", pk=signup.shift_id)
    return redirect("activities:detail", pk=signup.shift.activity_id)


@login_required
def signup_ics(request: HttpRequest, pk: int) -> HttpResponse:
    signup = get_visible(
        request.user,
        SignUp.objects.select_related("shift__activity__ward"),
        pk=pk,
        volunteer=request.user,
    )
    body = calendar.calendar_for([signup], signup.shift.activity.title)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ca-{signup.pk}.ics"'
    return response


@login_required
def my_signup_list(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and request.POST.get("renew"):
        calendar.renew_feed_token(volunteer=request.user)
        messages.success(request, _("Your calendar address was changed."))
        return redirect("activities:mine")
    token = calendar.feed_token(request.user)
    feed_url = request.build_absolute_uri(reverse("activities:feed", args=[token]))
    page = Paginator(my_signups(request.user), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "activities/mine.html",
        {"page": page, "feed_url": feed_url, "query": ""},
    )


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A volunteer's private feed: the secret in the address is the key."""
    found = calendar.feed_signups(token[:64])
    if found is None:
        raise Http404()
    _volunteer, signups = found
    body = calendar.calendar_for(signups, _("My volunteer shifts"))
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


# Organisers ---------------------------------------------------------------


@login_required
def manage_list(request: HttpRequest) -> HttpResponse:
    qs = managed_activities(request.user)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "activities/manage.html", {"page": page, "query": ""})


def _save(form: Any, save: Any) -> Any:
    """Save through the service; a refused rule shows under its field."""
    if not form.is_valid():
        return None
    try:
        return save(form.cleaned_data)
    except (AccessDenied, NotFound):
        raise
    except PortalError as error:
        field = error.field if error.field in form.fields else None
        form.add_error(field, error.message)
        return None


@login_required
def activity_create(request: HttpRequest) -> HttpResponse:
    form = forms.ActivityForm(request.POST or None, user=request.user)
    if request.method == "POST":
        activity = _save(
            form, lambda data: services.create_activity(by=request.user, **data)
        )
        if activity is not None:
            messages.success(request, _("Saved. Now add its shifts."))
            return redirect("activities:shifts", pk=activity.pk)
    return render(
        request, "activities/form.html", {"form": form, "title": _("New activity")}
    )


@login_required
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_managed(request.user, Activity, pk=pk)
    form = forms.ActivityForm(
        request.POST or None,
        request.FILES or None,
        instance=activity,
        user=request.user,
    )
    photo_form = forms.PhotoForm(None)
    if request.method == "POST" and "image" in request.FILES:
        photo_form = forms.PhotoForm(request.POST, request.FILES)
        if photo_form.is_valid():
            photo = photo_form.save(commit=False)
            photo.activity = activity
            photo.save()
            messages.success(request, _("Photo added."))
            return redirect("activities:edit", pk=activity.pk)
    elif request.method == "POST":
        saved = _save(
            form,
            lambda data: services.update_activity(
                by=request.user, activity=Activity.objects.get(pk=pk), **data
            ),
        )
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect("activities:detail", pk=pk)
    context = {
        "form": form,
        "photo_form": photo_form,
        "activity": activity,
        "title": _("Edit activity"),
    }
    return render(request, "activities/form.html", context)


@login_required
def activity_shifts(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_managed(request.user, Activity, pk=pk)
    shift_form = forms.ShiftForm(
        request.POST if request.POST.get("kind") == "one" else None
    )
    weekly_form = forms.WeeklyShiftsForm(
        request.POST if request.POST.get("kind") == "weekly" else None,
        prefix="weekly",
    )
    if request.method == "POST":
        if request.POST.get("kind") == "weekly":
            done = _save(
                weekly_form,
                lambda data: services.add_weekly_shifts(
                    by=request.user, activity=activity, **data
                ),
            )
        else:
            done = _save(
                shift_form,
                lambda data: services.add_shift(
                    by=request.user, activity=activity, **data
                ),
            )
        if done is not None:
            messages.success(request, _("Shifts added."))
            return redirect("activities:shifts", pk=activity.pk)
    context = {
        "activity": activity,
        "shifts": activity.shifts.order_by("starts_at"),
        "shift_form": shift_form,
        "weekly_form": weekly_form,
    }
    return render(request, "activities/shifts.html", context)


TRANSITIONS = {
    "publish": services.publish,
    "approve": services.approve,
    "send-back": services.send_back,
    "complete": services.complete,
    "cancel": services.cancel_activity,
}


@login_required
@require_POST
def activity_transition(request: HttpRequest, pk: int, verb: str) -> HttpResponse:
    if verb not in TRANSITIONS:
        raise Http404()
    activity = get_visible(request.user, Activity.objects.select_related("unit"), pk=pk)
    try:
        activity = TRANSITIONS[verb](by=request.user, activity=activity)
    except (AccessDenied, NotFound):
        raise
    except PortalError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The activity is now: %(state)s")
            % {"state": activity.get_state_display()},
        )
    return redirect("activities:detail", pk=pk)


def _organised_shift(request: HttpRequest, pk: int) -> Shift:
    return get_managed(
        request.user, Shift.objects.select_related("activity__unit"), pk=pk
    )


@login_required
def shift_roster(request: HttpRequest, pk: int) -> HttpResponse:
    """Who comes to a shift, with phone numbers: for its organisers only."""
    shift = _organised_shift(request, pk)
    add_form = forms.AddVolunteerForm(
        request.POST if request.POST.get("do") == "add" else None
    )
    capacity_form = forms.CapacityForm(
        request.POST if request.POST.get("do") == "capacity" else None,
        initial={"capacity": shift.capacity},
    )
    if request.method == "POST":
        if request.POST.get("do") == "add":
            done = _save(add_form, lambda data: _add_by_hand(request, shift, data))
        else:
            done = _save(
                capacity_form,
                lambda data: services.update_shift(
                    by=request.user, shift=shift, capacity=data["capacity"]
                ),
            )
        if done is not None:
            messages.success(request, _("Saved."))
            return redirect("activities:roster", pk=shift.pk)
    context = {
        "shift": shift,
        "activity": shift.activity,
        "rows": roster(shift),
        "add_form": add_form,
        "capacity_form": capacity_form,
    }
    return render(request, "activities/roster.html", context)


def _add_by_hand(request: HttpRequest, shift: Shift, data: dict) -> SignUp:
    contact = data["contact"].strip()
    condition = Q(email__iexact=contact)
    with contextlib.suppress(InvalidPhone):
        condition |= Q(phone=normalize_phone(contact))
    volunteer = User.objects.filter(condition, is_active=True).first()
    if volunteer is None:
        raise PortalError(
            _("Volunteer: nobody with this e-mail or phone has an account."),
            field="contact",
        )
    return services.sign_up(volunteer=volunteer, shift=shift, added_by=request.user)


@login_required
def roster_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """The roster as CSV; every export of these contacts is logged."""
    shift = _organised_shift(request, pk)
    rows = list(roster(shift))
    RosterExport.objects.create(
        activity=shift.activity,
        shift=shift,
        exported_by=request.user,
        row_count=len(rows),
    )
    logger.info(
        "roster of shift %s exported by user %s: %s rows",
        shift.pk,
        request.user.pk,
        len(rows),
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ca-{shift.pk}.csv"'
    response.write("\ufeff")  # Excel reads UTF-8 only with the mark
    writer = csv.writer(response)
    writer.writerow([_("Full name"), _("Phone number"), _("E-mail"), _("Status")])
    for signup in rows:
        volunteer = signup.volunteer
        writer.writerow(
            [
                volunteer.full_name,
                volunteer.phone or "",
                volunteer.email or "",
                signup.get_status_display(),
            ]
        )
    return response
