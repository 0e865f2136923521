from django.urls import path

from portal.notices import views

app_name = "notices"

urlpatterns = [
    path("", views.notice_list, name="list"),
    path("da-doc/", views.notice_read, name="read"),
]
