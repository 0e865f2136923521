from django.contrib import admin

from portal.core.admin import CoordinatorAdmin
from portal.notices.models import Notice


@admin.register(Notice)
class NoticeAdmin(CoordinatorAdmin):
    list_display = ["title", "user", "created_at", "read_at"]
    search_fields = ["title", "key"]
    raw_id_fields = ["user"]
