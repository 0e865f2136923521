"""The Django admin, open to city coordinators only (see portal.access)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from portal.access.policy import may_use_admin


class CoordinatorAdminSite(admin.AdminSite):
    site_header = _("Volunteer portal administration")
    site_title = _("Volunteer portal")

    def has_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and may_use_admin(request.user)


class CoordinatorAdmin(SimpleHistoryAdmin):
    """Coordinators may do everything here; nobody else gets in at all."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return may_use_admin(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_use_admin(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_use_admin(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return may_use_admin(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_use_admin(request.user)
