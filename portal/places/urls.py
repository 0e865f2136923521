from django.urls import path

from portal.places import views

app_name = "places"

urlpatterns = [path("phuong-xa/", views.wards, name="wards")]
