from django.urls import path

from portal.hours import views

app_name = "hours"

urlpatterns = [
    path("", views.record, name="record"),
    path("quet/", views.scan, name="scan"),
    path("ma/<int:signup_id>/", views.my_code, name="my_code"),
    path("ca/<int:shift_id>/", views.shift_page, name="shift"),
    path("cho-duyet/", views.awaiting, name="awaiting"),
    path("gio/<int:record_id>/xac-nhan/", views.verify, name="verify"),
    path("gio/<int:record_id>/tu-choi/", views.reject, name="reject"),
    path("bao-gio/", views.report, name="report"),
    path(
        "chung-nhan/hoat-dong/<int:activity_id>.pdf",
        views.certificate_pdf,
        name="certificate_pdf",
    ),
    path(
        "chung-nhan/<str:public_id>/",
        views.certificate_check,
        name="certificate_check",
    ),
    path("don-vi/<slug:code>/ngay-ctxh/", views.hours_per_day, name="hours_per_day"),
    path("toi/du-lieu/", views.my_data, name="my_data"),
    path("toi/du-lieu.json", views.my_data_json, name="my_data_json"),
    path("toi/xoa-tai-khoan/", views.delete_account, name="delete_account"),
]
