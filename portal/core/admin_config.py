from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    """The Django admin with a site that lets only coordinators in."""

    default_site = "portal.core.admin.CoordinatorAdminSite"
