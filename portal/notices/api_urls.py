"""The signed-in person's notices under /api/v1/notices/."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from portal.notices.api import NoticeViewSet

router = SimpleRouter()
router.register("notices", NoticeViewSet, basename="notice")

app_name = "notices-api"

urlpatterns = [
    path("", include(router.urls)),
]
