from django.urls import path

from portal.sites import views

app_name = "sites"

urlpatterns = [
    path("", views.site_list, name="list"),
    path("them/", views.site_create, name="create"),
    path("gop/", views.site_merge, name="merge"),
    path("<int:pk>/", views.site_detail, name="detail"),
    path("<int:pk>/sua/", views.site_edit, name="edit"),
    path("<int:pk>/nhu-cau/them/", views.need_create, name="need_create"),
    path("<int:pk>/nhu-cau/<int:need_pk>/sua/", views.need_edit, name="need_edit"),
    path(
        "<int:pk>/nhu-cau/<int:need_pk>/trang-thai/",
        views.need_status,
        name="need_status",
    ),
]
