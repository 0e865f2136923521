"""The page where a coordinator merges one record into another."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from portal.access.policy import get_visible, scope_of
from portal.core.errors import AccessDenied
from portal.teams.forms import MergeForm


def merge_page(
    request: HttpRequest,
    *,
    model: type[Model],
    merge: Callable[..., Any],
    detail: str,
    template: str,
) -> HttpResponse:
    """Ask which record absorbs which, merge through the service, report."""
    if not scope_of(request.user).is_coordinator:
        raise AccessDenied()

    form = MergeForm(request.POST or None, initial={"keep": request.GET.get("keep")})
    if request.method != "POST" or not form.is_valid():
        return render(request, template, {"form": form})

    keep = get_visible(request.user, model, pk=form.cleaned_data["keep"])
    absorb = get_visible(request.user, model, pk=form.cleaned_data["absorb"])
    absorbed_name = absorb.name  # type: ignore[attr-defined]
    kept = merge(by=request.user, keep=keep, absorb=absorb)

    messages.success(
        request,
        _("%(absorbed)s was merged into %(kept)s.")
        % {"absorbed": absorbed_name, "kept": kept.name},
    )
    return redirect(detail, pk=kept.pk)
