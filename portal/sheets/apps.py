from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SheetsConfig(AppConfig):
    name = "portal.sheets"
    label = "sheets"
    verbose_name = _("Spreadsheets")
