"""The activities app's endpoints under /api/v1/."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from portal.activities import api

router = SimpleRouter()
router.register("activities", api.ActivityViewSet, basename="activity")
router.register("shifts", api.ShiftViewSet, basename="shift")
router.register("signups", api.SignUpViewSet, basename="signup")

app_name = "activities-api"

urlpatterns = [
    path("", include(router.urls)),
]
