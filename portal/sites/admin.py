from django.contrib import admin

from portal.core.admin import CoordinatorAdmin
from portal.sites.models import Site, SiteContact


@admin.register(Site)
class SiteAdmin(CoordinatorAdmin):
    list_display = ["name", "category", "unit", "ward", "is_protected"]
    list_filter = ["category", "is_protected"]
    search_fields = ["name", "name_folded", "phone"]
    raw_id_fields = ["unit", "ward"]


@admin.register(SiteContact)
class SiteContactAdmin(CoordinatorAdmin):
    list_display = ["site", "user"]
    raw_id_fields = ["site", "user"]
