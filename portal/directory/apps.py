from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    """Public pages: the team directory, site pages, the map and channels."""

    name = "portal.directory"
    label = "directory"
    verbose_name = _("Public directory")
