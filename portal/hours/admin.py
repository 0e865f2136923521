from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from portal.core.admin import CoordinatorAdmin
from portal.hours.models import Certificate, ExportLog, HourRecord, SocialWorkRule


@admin.register(HourRecord)
class HourRecordAdmin(CoordinatorAdmin):
    list_display = ["work_date", "volunteer", "activity", "unit", "status", "minutes"]
    list_filter = ["status", "kind"]
    raw_id_fields = [
        "volunteer", "signup", "shift", "activity", "unit", "checked_in_by",
        "decided_by",
    ]  # fmt: skip


@admin.register(SocialWorkRule)
class SocialWorkRuleAdmin(CoordinatorAdmin):
    list_display = ["unit", "hours_per_day"]
    raw_id_fields = ["unit"]


class ReadOnlyAdmin(CoordinatorAdmin):
    """Rows that vouch for something: changing them here would void them."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = ["public_id", "holder_name", "activity_title", "issued_at"]
    search_fields = ["public_id"]


@admin.register(ExportLog)
class ExportLogAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "user", "what", "count", "subject"]
    search_fields = ["what"]
