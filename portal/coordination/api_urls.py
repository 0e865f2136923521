"""The coordination app's endpoints under /api/v1/."""

from django.urls import include, path

from portal.api.routers import IdRouter
from portal.coordination import api

router = IdRouter()
router.register("visits", api.VisitViewSet, basename="visit")
router.register("claims", api.ClaimViewSet, basename="claim")
router.register("coverage", api.CoverageViewSet, basename="coverage")

app_name = "coordination-api"

urlpatterns = [
    path("", include(router.urls)),
]
