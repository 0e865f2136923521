"""The coordination app's endpoints under /api/v1/."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from portal.coordination import api

router = SimpleRouter()
router.register("visits", api.VisitViewSet, basename="visit")
router.register("claims", api.ClaimViewSet, basename="claim")
router.register("coverage", api.CoverageViewSet, basename="coverage")

app_name = "coordination-api"

urlpatterns = [
    path("", include(router.urls)),
]
