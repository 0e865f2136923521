from django.urls import path

from portal.units import views

app_name = "units"

urlpatterns = [
    path("", views.unit_list, name="list"),
    path("<slug:code>/", views.unit_detail, name="detail"),
    path("<slug:code>/sua/", views.unit_edit, name="edit"),
    path("<slug:code>/them-don-vi/", views.unit_create, name="create"),
    path("<slug:code>/lich-su/", views.unit_history, name="history"),
]
