from django.urls import path

from portal.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("trang-cua-toi/", views.dashboard, name="dashboard"),
    path("-/ping", views.ping, name="ping"),
    path("-/ready", views.ready, name="ready"),
]
