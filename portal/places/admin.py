from django.contrib import admin
from django.db import models

from portal.core.admin import CoordinatorAdmin
from portal.places.models import CommunityChannel, Ward


@admin.register(Ward)
class WardAdmin(CoordinatorAdmin):
    list_display = ["code", "name", "kind", "province"]
    list_filter = ["kind"]
    search_fields = ["name", "name_folded"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


@admin.register(CommunityChannel)
class CommunityChannelAdmin(CoordinatorAdmin):
    """The Zalo and Facebook groups the city lists on the public pages."""

    list_display = ["name", "platform", "area_text", "is_active"]
    list_filter = ["platform", "is_active"]
    list_editable = ["is_active"]
    search_fields = ["name", "area_text", "url"]
    autocomplete_fields = ["wards"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
