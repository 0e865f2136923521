from django.contrib import admin

from portal.core.admin import CoordinatorAdmin
from portal.teams.models import Team, TeamMembership


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
