"""The activities app's endpoints under /api/v1/."""

from django.urls import include, path

from portal.activities import api
from portal.api.routers import IdRouter

router = IdRouter()
router.register("activities", api.ActivityViewSet, basename="activity")
router.register("shifts", api.ShiftViewSet, basename="shift")
router.register("signups", api.SignUpViewSet, basename="signup")

app_name = "activities-api"

urlpatterns = [
    path("", include(router.urls)),
]
