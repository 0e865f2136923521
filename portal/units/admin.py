from django.contrib import admin

from portal.core.admin import CoordinatorAdmin
from portal.units.models import Membership, Unit


@admin.register(Unit)
class UnitAdmin(CoordinatorAdmin):
    list_display = ["code", "name", "kind", "parent", "ward", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "name", "name_folded"]
    raw_id_fields = ["parent", "ward"]
    readonly_fields = ["path", "depth"]


@admin.register(Membership)
class MembershipAdmin(CoordinatorAdmin):
    list_display = ["user", "unit", "role"]
    list_filter = ["role"]
    raw_id_fields = ["user", "unit"]
