"""The signed-in person's notices under /api/v1/notices/."""

from django.urls import include, path

from portal.api.routers import IdRouter
from portal.notices.api import NoticeViewSet

router = IdRouter()
router.register("notices", NoticeViewSet, basename="notice")

app_name = "notices-api"

urlpatterns = [
    path("", include(router.urls)),
]
