"""The activities app's endpoints under /api/v1/."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

router = SimpleRouter()

app_name = "activities-api"

urlpatterns = [
    path("", include(router.urls)),
]
