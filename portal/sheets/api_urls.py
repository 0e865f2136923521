"""The sheets app's endpoints under /api/v1/."""

from django.urls import include, path

from portal.api.routers import IdRouter
from portal.sheets.export_api import ExportView

router = IdRouter()

app_name = "sheets-api"

urlpatterns = [
    path("sheets/export/", ExportView.as_view(), name="export"),
    path("", include(router.urls)),
]
