"""Pages of collection rounds: the city's side and each unit's side."""

import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from portal.access.policy import (
    Action,
    can,
    get_managed,
    get_visible,
    managed,
    require,
    scope_of,
)
from portal.core.errors import AccessDenied, PortalError
from portal.rounds import board_xlsx, merging, selectors, services, snapshots
from portal.rounds.errors import RefusedRecords
from portal.rounds.forms import (
    AnnouncementForm,
    AnswerForm,
    AskUnitsForm,
    DuplicateForm,
    QuestionForm,
    ReturnForm,
    RoundForm,
)
from portal.rounds.models import Announcement, Assignment, Question, Round, Submission
from portal.sheets.columns import COLUMNS


def _may_run(user: Any, round: Round) -> bool:
    return can(user, Action.CHANGE, round)


def _may_open_rounds(user: Any) -> bool:
    return scope_of(user).is_coordinator


def _upload_url() -> str:
    """The spreadsheet upload page, when the sheets app offers one."""
    for name in ("sheets:upload", "sheets:import"):
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return ""


# Lists ---------------------------------------------------------------


@login_required
def round_list(request: HttpRequest) -> HttpResponse:
    """The rounds asking the user's units (with what is missing), or all."""
    assignments = list(selectors.assignments_for(request.user)[:200])
    today = timezone.localdate()
    for assignment in assignments:
        assignment.days_left = (assignment.round.due_on - today).days
    context = {
        "rounds": selectors.rounds_for(request.user)[:100],
        "assignments": assignments,
        "may_open": _may_open_rounds(request.user),
        "unread": selectors.unread_announcements(request.user),
    }
    return render(request, "rounds/round_list.html", context)


@login_required
def round_create(request: HttpRequest) -> HttpResponse:
    if not _may_open_rounds(request.user):
        raise AccessDenied()
    form = RoundForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            round = services.open_round(by=request.user, **data)
        except PortalError as error:
            form.add_error(
                error.field if error.field in form.fields else None, error.message
            )
        else:
            messages.success(request, _("The round is open."))
            return redirect("rounds:detail", pk=round.pk)
    return render(request, "rounds/round_form.html", {"form": form, "round": None})


@login_required
def round_edit(request: HttpRequest, pk: int) -> HttpResponse:
    round = get_managed(request.user, Round, pk=pk)
    form = RoundForm(
        request.POST or None, request.FILES or None, instance=round, editing=True
    )
    if request.method == "POST" and form.is_valid():
        changes = {
            name: form.cleaned_data[name]
            for name in form.changed_data
            if name in form.cleaned_data
        }
        try:
            services.update_round(by=request.user, round=round, **changes)
        except PortalError as error:
            form.add_error(
                error.field if error.field in form.fields else None, error.message
            )
        else:
            messages.success(request, _("Saved."))
            return redirect("rounds:detail", pk=round.pk)
    return render(request, "rounds/round_form.html", {"form": form, "round": round})


@login_required
def round_add_units(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask more units once the round is open, from the same tree."""
    round = get_managed(request.user, Round, pk=pk)
    units = services.askable_units(request.user).exclude(
        pk__in=round.assignments.values("unit_id")
    )
    # Bound on any POST: ticking nothing is an answer to say something about.
    data = request.POST if request.method == "POST" else None
    form = AskUnitsForm(data, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            added = services.ask_more_units(
                by=request.user,
                round=round,
                units=form.cleaned_data["units"],
                all_direct_units=form.cleaned_data["all_direct_units"],
            )
        except PortalError as error:
            if error.status in (403, 404):
                raise
            form.add_error(
                error.field if error.field in form.fields else None, error.message
            )
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s more unit asked by this round.",
                    "%(count)s more units asked by this round.",
                    len(added),
                )
                % {"count": len(added)},
            )
            return redirect("rounds:detail", pk=round.pk)
    context = {"form": form, "round": round, "asked": round.assignments.count()}
    return render(request, "rounds/round_units_form.html", context)


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round = get_visible(request.user, selectors.rounds_for(request.user), pk=pk)
    context = {
        "round": round,
        "may_run": _may_run(request.user, round),
        "mine": selectors.assignments_for(request.user).filter(round=round),
        "progress": selectors.progress(request.user, round),
        "questions": selectors.questions_for(request.user, round),
        "question_form": QuestionForm(),
        "answer_form": AnswerForm(),
    }
    return render(request, "rounds/round_detail.html", context)


@login_required
def round_history(request: HttpRequest, pk: int) -> HttpResponse:
    round = get_managed(request.user, Round, pk=pk)
    versions = round.history.select_related("history_user").order_by("-history_date")
    changes = (
        managed(request.user, Assignment)
        .filter(round=round)
        .values_list("pk", flat=True)
    )
    from portal.rounds.models import StateChange

    log = (
        StateChange.objects.filter(assignment_id__in=changes)
        .select_related("assignment__unit", "by")
        .order_by("-at", "-pk")[:500]
    )
    return render(
        request,
        "rounds/round_history.html",
        {"round": round, "versions": versions, "log": log},
    )


# The follow-up board ---------------------------------------------------


@login_required
def board(request: HttpRequest, pk: int) -> HttpResponse:
    round = get_visible(request.user, selectors.rounds_for(request.user), pk=pk)
    filters = selectors.BoardFilters.from_params(request.GET)
    context = {
        "round": round,
        "filters": filters,
        "rows": selectors.board_table(request.user, round, filters),
        "progress": selectors.progress(request.user, round),
        "chart": selectors.done_over_time(request.user, round),
        "states": Assignment.State.choices,
        "may_run": _may_run(request.user, round),
    }
    return render(request, "rounds/board.html", context)


@login_required
def board_download(request: HttpRequest, pk: int) -> HttpResponse:
    round = get_visible(request.user, selectors.rounds_for(request.user), pk=pk)
    filters = selectors.BoardFilters.from_params(request.GET)
    rows = selectors.board_rows(request.user, round, filters)
    content = board_xlsx.write(round, rows)
    return FileResponse(
        io.BytesIO(content),
        as_attachment=True,
        filename=f"theo-doi-dot-{round.pk}.xlsx",
        content_type=board_xlsx.CONTENT_TYPE,
    )


# A unit's side -------------------------------------------------------


@login_required
def assignment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_visible(
        request.user, Assignment.objects.select_related("round", "unit"), pk=pk
    )
    round = assignment.round
    submissions = assignment.submissions.select_related(
        "submitted_by"
    ).prefetch_related("comments")
    context = {
        "assignment": assignment,
        "round": round,
        "may_submit": can(request.user, Action.CHANGE, assignment),
        "may_run": _may_run(request.user, round),
        "missing": selectors.missing_for(assignment),
        "branches": selectors.branches_of(assignment),
        "submissions": submissions,
        "changes": assignment.changes.select_related("by"),
        "upload_url": _upload_url(),
        "days_left": selectors.deadline_days_left(round),
        "faq": round.questions.filter(answered_at__isnull=False),
    }
    return render(request, "rounds/assignment.html", context)


@login_required
@require_POST
def assignment_start(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_managed(request.user, Assignment, pk=pk)
    services.start(by=request.user, assignment=assignment)
    return redirect("rounds:assignment", pk=pk)


@login_required
@require_POST
def assignment_submit(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_managed(
        request.user, Assignment.objects.select_related("round", "unit"), pk=pk
    )
    with_branches = request.POST.get("include_branches") == "on"
    try:
        made = services.submit(
            by=request.user, assignment=assignment, include_branches=with_branches
        )
    except RefusedRecords as refused:
        messages.error(request, refused.message)
        for refusal in refused.refusals[:50]:
            messages.error(request, _describe_refusal(refusal))
    except PortalError as error:
        if error.status in (403, 404):
            raise
        messages.error(request, error.message)
    else:
        late = made[0].is_late
        messages.success(
            request,
            _("Submitted late; the city accepts it and marks it late.")
            if late
            else _("Submitted. The city will review it."),
        )
    return redirect("rounds:assignment", pk=pk)


def _describe_refusal(refusal: snapshots.Refusal) -> str:
    label = _("Team") if refusal.kind == "teams" else _("Site")
    return _("%(label)s “%(name)s” (%(unit)s): missing %(missing)s.") % {
        "label": label,
        "name": refusal.name,
        "unit": refusal.unit,
        "missing": ", ".join(refusal.missing),
    }


@login_required
@require_POST
def question_ask(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_managed(request.user, Assignment, pk=pk)
    form = QuestionForm(request.POST)
    if form.is_valid():
        services.ask_question(
            by=request.user, assignment=assignment, text=form.cleaned_data["text"]
        )
        messages.success(request, _("Your question was sent to the focal person."))
    else:
        messages.error(request, _("Your question: write it before sending."))
    return redirect("rounds:detail", pk=assignment.round_id)


@login_required
@require_POST
def question_answer(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_visible(
        request.user, Question.objects.select_related("round"), pk=pk
    )
    require(request.user, Action.CHANGE, question.round)
    form = AnswerForm(request.POST)
    if form.is_valid():
        services.answer_question(
            by=request.user, question=question, answer=form.cleaned_data["answer"]
        )
        messages.success(request, _("Answered; every unit now sees it in the FAQ."))
    else:
        messages.error(request, _("Answer: write it before sending."))
    return redirect("rounds:detail", pk=question.round_id)


# Submissions and review ------------------------------------------------


@login_required
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = get_visible(
        request.user,
        Submission.objects.select_related("assignment__round", "assignment__unit"),
        pk=pk,
    )
    assignment = submission.assignment
    previous = selectors.previous_submission(submission)
    lists = []
    comments = {(c.kind, c.record_id): c.text for c in submission.comments.all()}
    for kind in assignment.round.kinds:
        columns = COLUMNS[kind]  # type: ignore[index]
        entries = submission.records(kind)
        lists.append(
            {
                "kind": kind,
                "columns": columns,
                "rows": [
                    {
                        "id": e["id"],
                        "unit": e["unit"],
                        "values": [e["record"].get(c.key, "") for c in columns],
                        "comment": comments.get((kind, e["id"]), ""),
                    }
                    for e in entries
                ],
                "diff": snapshots.diff(kind, previous.records(kind), entries)
                if previous
                else None,
            }
        )
    context = {
        "submission": submission,
        "assignment": assignment,
        "round": assignment.round,
        "previous": previous,
        "lists": lists,
        "may_review": _may_run(request.user, assignment.round)
        and submission.status == Submission.Status.SUBMITTED,
        "may_withdraw": can(request.user, Action.CHANGE, assignment)
        and submission.status == Submission.Status.SUBMITTED,
        "return_form": ReturnForm(),
    }
    return render(request, "rounds/submission.html", context)


def _review_target(request: HttpRequest, pk: int) -> Submission:
    submission = get_visible(
        request.user, Submission.objects.select_related("assignment__round"), pk=pk
    )
    require(request.user, Action.CHANGE, submission.assignment.round)
    return submission


@login_required
@require_POST
def submission_approve(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _review_target(request, pk)
    try:
        services.approve(
            by=request.user, submission=submission, note=request.POST.get("note", "")
        )
    except PortalError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Approved."))
    return redirect("rounds:submission", pk=pk)


@login_required
@require_POST
def submission_return(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _review_target(request, pk)
    comments = []
    for name, text in request.POST.items():
        # Fields named "comment-teams-12": the reviewer's note on one record.
        parts = name.split("-")
        if len(parts) == 3 and parts[0] == "comment" and parts[2].isdigit():
            comments.append((parts[1], int(parts[2]), text))
    try:
        services.return_submission(
            by=request.user,
            submission=submission,
            note=request.POST.get("note", ""),
            comments=comments,
        )
    except PortalError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Returned to the unit with your comments."))
    return redirect("rounds:submission", pk=pk)


@login_required
@require_POST
def submission_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    submission = get_visible(request.user, Submission, pk=pk)
    try:
        services.withdraw(by=request.user, submission=submission)
    except PortalError as error:
        if error.status in (403, 404):
            raise
        messages.error(request, error.message)
    else:
        messages.success(request, _("Withdrawn. Update your lists and submit again."))
    return redirect("rounds:assignment", pk=submission.assignment_id)


# The merged list -----------------------------------------------------


@login_required
def merged(request: HttpRequest, pk: int) -> HttpResponse:
    round = get_managed(request.user, Round, pk=pk)
    approved_only = request.GET.get("include") != "submitted"
    lists = []
    for kind in round.kinds:
        lists.append(
            {
                "kind": kind,
                "count": len(
                    merging.merged_records(round, kind, approved_only=approved_only)
                ),
                "pairs": merging.duplicate_pairs(
                    round, kind, approved_only=approved_only
                ),
            }
        )
    context = {"round": round, "lists": lists, "approved_only": approved_only}
    return render(request, "rounds/merged.html", context)


@login_required
@require_POST
def merged_decide(request: HttpRequest, pk: int) -> HttpResponse:
    round = get_managed(request.user, Round, pk=pk)
    form = DuplicateForm(request.POST)
    if form.is_valid():
        services.decide_duplicate(by=request.user, round=round, **form.cleaned_data)
        messages.success(request, _("Saved."))
    return redirect("rounds:merged", pk=pk)


@login_required
def merged_download(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    round = get_managed(request.user, Round, pk=pk)
    if kind not in round.kinds:
        raise AccessDenied()
    approved_only = request.GET.get("include") != "submitted"
    output = io.BytesIO()
    merging.write_merged(
        round,
        kind,  # type: ignore[arg-type]
        output=output,
        approved_only=approved_only,
    )
    name = "mau-1-doi-nhom" if kind == "teams" else "mau-2-dia-chi"
    return FileResponse(
        io.BytesIO(output.getvalue()),
        as_attachment=True,
        filename=f"{name}-dot-{round.pk}.xlsx",
        content_type=board_xlsx.CONTENT_TYPE,
    )


# Announcements -------------------------------------------------------


@login_required
def announcement_list(request: HttpRequest) -> HttpResponse:
    context = {
        "announcements": selectors.announcements_for(request.user)[:100],
        "may_post": _may_open_rounds(request.user),
    }
    return render(request, "rounds/announcements.html", context)


@login_required
def announcement_create(request: HttpRequest) -> HttpResponse:
    if not _may_open_rounds(request.user):
        raise AccessDenied()
    form = AnnouncementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.post_announcement(
                by=request.user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                round=form.cleaned_data["round"],
                units=form.chosen_units(),
            )
        except PortalError as error:
            form.add_error("units", error.message)
        else:
            messages.success(request, _("Posted."))
            return redirect("rounds:announcements")
    return render(request, "rounds/announcement_form.html", {"form": form})


@login_required
def announcement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    announcement = get_visible(request.user, Announcement, pk=pk)
    services.mark_announcement_read(by=request.user, announcement=announcement)
    return render(request, "rounds/announcement.html", {"announcement": announcement})
