"""The planning app's endpoints under /api/v1/."""

from django.urls import include, path

from portal.api.routers import IdRouter
from portal.planning import api

router = IdRouter()
router.register("plans", api.PlanViewSet, basename="plan")
router.register("plan-assignments", api.AssignmentViewSet, basename="plan-assignment")

app_name = "planning-api"

urlpatterns = [
    path(
        "teams/<int:team_id>/suggestions/",
        api.TeamSuggestionsView.as_view(),
        name="team-suggestions",
    ),
    path("figures/", api.FiguresView.as_view(), name="figures"),
    path("figures/public/", api.PublicFiguresView.as_view(), name="public-figures"),
    path("", include(router.urls)),
]
