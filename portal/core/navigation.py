"""The menu each person sees, built from their scope."""

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.access.policy import scope_of


@dataclass(frozen=True)
class MenuItem:
    key: str
    label: Any
    url: str


def menu_for(user: Any) -> list[MenuItem]:
    items = [MenuItem("home", _("Home"), reverse("core:home"))]
    items.append(MenuItem("wards", _("Wards"), reverse("places:wards")))
    items.append(MenuItem("directory", _("Directory"), reverse("directory:teams")))
    items.append(MenuItem("map", _("Map"), reverse("directory:map")))
    items.append(
        MenuItem("channels", _("Community channels"), reverse("directory:channels"))
    )
    items.append(MenuItem("activities", _("Activities"), reverse("activities:list")))
    if not user.is_authenticated:
        items.append(
            MenuItem("figures", _("Figures"), reverse("planning:public_figures"))
        )
        return items

    scope = scope_of(user)
    items.append(MenuItem("dashboard", _("My page"), reverse("core:dashboard")))
    items.append(MenuItem("notices", _("Notices"), reverse("notices:list")))
    items.append(MenuItem("hours", _("My volunteer hours"), reverse("hours:record")))
    items.append(MenuItem("my_shifts", _("My shifts"), reverse("activities:mine")))
    if scope.is_staff_like or scope.team_ids:
        items.append(
            MenuItem("organise", _("Organise activities"), reverse("activities:manage"))
        )
    if scope.is_staff_like:
        items.append(MenuItem("units", _("Units"), reverse("units:list")))
    if scope.is_staff_like or scope.team_ids:
        items.append(MenuItem("teams", _("Teams"), reverse("teams:list")))
    if scope.is_staff_like or scope.site_ids:
        items.append(MenuItem("sites", _("Sites"), reverse("sites:list")))
    if scope.is_staff_like or scope.team_ids or scope.site_ids:
        items.append(
            MenuItem("coordination", _("Coordination"), reverse("coordination:index"))
        )
    if scope.is_staff_like:
        items.append(
            MenuItem("coverage", _("Coverage of sites"), reverse("coordination:board"))
        )
    if scope.is_staff_like:
        items.append(MenuItem("import", _("Import a list"), reverse("sheets:import")))
        items.append(MenuItem("rounds", _("Collection rounds"), reverse("rounds:list")))
    if scope.is_staff_like or scope.team_ids:
        items.append(
            MenuItem(
                "suggestions",
                _("Suggested visits"),
                reverse("planning:my_suggestions"),
            )
        )
    if scope.is_coordinator:
        items.append(MenuItem("plans", _("City plans"), reverse("planning:plans")))
    figures = "planning:figures" if scope.is_staff_like else "planning:public_figures"
    items.append(MenuItem("figures", _("Figures"), reverse(figures)))
    if scope.is_coordinator:
        items.append(MenuItem("admin", _("Administration"), reverse("admin:index")))
    return items
