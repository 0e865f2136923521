from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SitesConfig(AppConfig):
    name = "portal.sites"
    label = "sites"
    verbose_name = _("Volunteer sites")

    def ready(self) -> None:
        # Connect the map's cache invalidation in every process that can
        # change a site (web, workers, shells), not only where the API ran.
        from portal.sites import geojson  # noqa: F401
