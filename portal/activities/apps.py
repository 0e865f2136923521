from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "portal.activities"
    label = "activities"
    verbose_name = _("Activities")


# The main menu (portal.core.navigation) shows these; they are marked here
# so this app's catalogue carries their translations.
MENU_LABELS = (_("Activities"), _("My shifts"), _("Organise activities"))
