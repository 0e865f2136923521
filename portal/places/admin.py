from django.contrib import admin

from portal.core.admin import CoordinatorAdmin
from portal.places.models import Ward


@admin.register(Ward)
class WardAdmin(CoordinatorAdmin):
    list_display = ["code", "name", "kind", "province"]
    list_filter = ["kind"]
    search_fields = ["name", "name_folded"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False
