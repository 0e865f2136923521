from django.urls import path

from portal.sheets import export_views, import_views

app_name = "sheets"

urlpatterns: list = [
    path("xuat/", export_views.export_page, name="export"),
    path("xuat/tai-ve/", export_views.export_download, name="export-download"),
    path("nhap/", import_views.import_start, name="import"),
    path("nhap/<int:pk>/", import_views.import_detail, name="import-detail"),
    path(
        "nhap/<int:pk>/tien-do/", import_views.import_progress, name="import-progress"
    ),
    path("nhap/<int:pk>/ghi/", import_views.import_commit, name="import-commit"),
    path("nhap/<int:pk>/bao-cao/", import_views.import_report, name="import-report"),
]
