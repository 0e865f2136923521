"""The coordination app's endpoints under /api/v1/."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

router = SimpleRouter()

app_name = "coordination-api"

urlpatterns = [
    path("", include(router.urls)),
]
