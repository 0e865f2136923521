from django.urls import include, path
from rest_framework.routers import DefaultRouter

from portal.api import views

router = DefaultRouter()
router.register("wards", views.WardViewSet, basename="ward")
router.register("units", views.UnitViewSet, basename="unit")
router.register("teams", views.TeamViewSet, basename="team")
router.register("sites", views.SiteViewSet, basename="site")
router.register("needs", views.NeedViewSet, basename="need")

app_name = "api"

urlpatterns = [
    path("me/", views.MeView.as_view(), name="me"),
    # Before the router, whose format suffixes would read ".geojson" as a
    # format of the site list.
    path("sites.geojson", views.SitesGeoJSONView.as_view(), name="sites-geojson"),
    path("", include(router.urls)),
]
