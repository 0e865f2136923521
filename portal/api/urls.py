from django.urls import include, path
from rest_framework.routers import DefaultRouter

from portal.api import views

router = DefaultRouter()
router.register("wards", views.WardViewSet, basename="ward")
router.register("units", views.UnitViewSet, basename="unit")
router.register("teams", views.TeamViewSet, basename="team")
router.register("sites", views.SiteViewSet, basename="site")

app_name = "api"

urlpatterns = [
    path("me/", views.MeView.as_view(), name="me"),
    path("", include(router.urls)),
]
