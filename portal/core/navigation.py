"""The menu each person sees, built from their scope.

A visitor gets a short flat menu. Someone signed in gets the pages they
use most at the top level and the rest in a few named groups (explore,
mine, organise, manage), so that a coordinator's twenty pages still fit
on one line of a laptop screen.
"""

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.access.policy import scope_of


@dataclass(frozen=True)
class MenuItem:
    key: str
    label: Any
    url: str


@dataclass
class MenuGroup:
    key: str
    label: Any
    items: list[MenuItem] = field(default_factory=list)

    def add(self, key: str, label: Any, url_name: str) -> None:
        self.items.append(MenuItem(key, label, reverse(url_name)))


MenuEntry = MenuItem | MenuGroup


def menu_for(user: Any) -> list[MenuEntry]:
    home = MenuItem("home", _("Home"), reverse("core:home"))
    activities = MenuItem("activities", _("Activities"), reverse("activities:list"))

    explore = MenuGroup("explore", _("Explore"))
    explore.add("directory", _("Directory"), "directory:teams")
    explore.add("map", _("Map"), "directory:map")
    explore.add("wards", _("Wards"), "places:wards")
    explore.add("channels", _("Community channels"), "directory:channels")
    if not user.is_authenticated:
        explore.add("figures", _("Figures"), "planning:public_figures")
        return [home, activities, *explore.items]

    scope = scope_of(user)
    organiser = scope.is_staff_like or bool(scope.team_ids)
    explore.add(
        "figures",
        _("Figures"),
        "planning:figures" if scope.is_staff_like else "planning:public_figures",
    )

    mine = MenuGroup("mine", _("Mine"))
    mine.add("dashboard", _("My page"), "core:dashboard")
    mine.add("notices", _("Notices"), "notices:list")
    mine.add("my_shifts", _("My shifts"), "activities:mine")
    mine.add("hours", _("My volunteer hours"), "hours:record")

    organise = MenuGroup("organise", _("Organise"))
    if organiser:
        organise.add("organise", _("Organise activities"), "activities:manage")
    if organiser or scope.site_ids:
        organise.add("coordination", _("Coordination"), "coordination:index")
    if organiser:
        organise.add("suggestions", _("Suggested visits"), "planning:my_suggestions")
    if scope.is_staff_like:
        organise.add("coverage", _("Coverage of sites"), "coordination:board")
    if scope.is_coordinator:
        organise.add("plans", _("City plans"), "planning:plans")

    manage = MenuGroup("manage", _("Manage"))
    if scope.is_staff_like:
        manage.add("units", _("Units"), "units:list")
    if organiser:
        manage.add("teams", _("Teams"), "teams:list")
    if scope.is_staff_like or scope.site_ids:
        manage.add("sites", _("Sites"), "sites:list")
    if scope.is_staff_like:
        manage.add("rounds", _("Collection rounds"), "rounds:list")
        manage.add("import", _("Import a list"), "sheets:import")
    if scope.is_coordinator:
        manage.add("admin", _("Administration"), "admin:index")

    groups = [explore, mine, organise, manage]
    return [home, activities, *(group for group in groups if group.items)]
