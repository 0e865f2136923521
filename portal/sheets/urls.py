from django.urls import path

from portal.sheets import export_views

app_name = "sheets"

urlpatterns: list = [
    path("xuat/", export_views.export_page, name="export"),
    path("xuat/tai-ve/", export_views.export_download, name="export-download"),
]
