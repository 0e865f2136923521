from django.contrib import admin

from portal.core.admin import CoordinatorAdmin
from portal.teams.models import Field, Team, TeamMembership


@admin.register(Field)
class FieldAdmin(CoordinatorAdmin):
    """Fields of activity; switching one off keeps it on the teams that have it."""

    list_display = ["name", "code", "position", "is_active"]
    list_editable = ["position", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "code"]


@admin.register(Team)
class TeamAdmin(CoordinatorAdmin):
    list_display = ["name", "kind", "unit", "verification", "status"]
    list_filter = ["kind", "verification", "status", "inside_union"]
    search_fields = ["name", "name_folded", "phone"]
    raw_id_fields = ["unit", "ward"]


@admin.register(TeamMembership)
class TeamMembershipAdmin(CoordinatorAdmin):
    list_display = ["team", "user", "role"]
    raw_id_fields = ["team", "user"]
