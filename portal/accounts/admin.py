from django.contrib import admin

from portal.accounts.models import User
from portal.core.admin import CoordinatorAdmin


@admin.register(User)
class UserAdmin(CoordinatorAdmin):
    list_display = ["full_name", "email", "phone", "is_active", "date_joined"]
    search_fields = ["full_name", "email", "phone"]
    list_filter = ["is_active"]
    exclude = ["password", "user_permissions", "groups"]
    readonly_fields = ["last_login", "date_joined", "consented_at"]
