"""The rounds app's endpoints under /api/v1/."""

from django.urls import include, path

from portal.api.routers import IdRouter
from portal.rounds import api

router = IdRouter()
router.register("rounds/units", api.AssignmentViewSet, basename="round-unit")
router.register(
    "rounds/submissions", api.SubmissionViewSet, basename="round-submission"
)
router.register("rounds/questions", api.QuestionViewSet, basename="round-question")
router.register(
    "rounds/announcements", api.AnnouncementViewSet, basename="round-announcement"
)
router.register("rounds", api.RoundViewSet, basename="round")

app_name = "rounds-api"

urlpatterns = [
    path("", include(router.urls)),
]
