"""Suggestions, city plans and figures in the JSON API."""

from dataclasses import asdict
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.access.policy import Action, get_managed, scope_of, visible
from portal.core.errors import AccessDenied
from portal.planning import figures, services
from portal.planning.models import Plan, PlanAssignment
from portal.planning.selectors import assignments_for
from portal.planning.suggestions import Suggestion, suggestions_for
from portal.teams.models import Team

MAX_SUGGESTIONS = 100


class SuggestionSerializer(serializers.Serializer):
    site = serializers.IntegerField()
    name = serializers.CharField()
    ward = serializers.CharField()
    score = serializers.FloatField(help_text="0..1, higher first")
    neglect = serializers.FloatField(
        help_text="Share of the city's sites that had more help (0..1)"
    )
    fit = serializers.FloatField(help_text="How well the site fits the team's fields")
    near = serializers.FloatField(help_text="1 inside the team's wards")
    distance_km = serializers.FloatField(allow_null=True)
    in_area = serializers.BooleanField()
    open_needs = serializers.IntegerField()
    days_since_last_visit = serializers.IntegerField(allow_null=True)
    reasons = serializers.ListField(child=serializers.CharField())


def suggestion_as_dict(s: Suggestion) -> dict[str, Any]:
    return {
        "site": s.site.id,
        "name": s.site.name,
        "ward": s.site.ward_name,
        "score": s.score,
        "neglect": s.neglect,
        "fit": s.fit,
        "near": s.near,
        "distance_km": s.distance_km,
        "in_area": s.in_area,
        "open_needs": s.site.open_needs,
        "days_since_last_visit": s.site.days_since_last_visit,
        "reasons": list(s.reasons),
    }


class TeamSuggestionsView(APIView):
    """Sites suggested to one team, best first, with the reasons.

    For the team's managers and the officers of its unit and above.
    """

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "limit", int, description=f"How many (1-{MAX_SUGGESTIONS}, 20)"
            )
        ],
        responses=SuggestionSerializer(many=True),
    )
    def get(self, request: Request, team_id: int) -> Response:
        team = get_managed(request.user, Team, Action.VIEW, pk=team_id)
        try:
            limit = int(request.query_params.get("limit", 20))
        except ValueError:
            limit = 20
        limit = max(1, min(MAX_SUGGESTIONS, limit))
        found = suggestions_for(team, limit=limit)
        return Response([suggestion_as_dict(s) for s in found])


class PlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = Plan
        fields = [
            "id",
            "name",
            "starts_on",
            "ends_on",
            "focus_percent",
            "created_at",
            "sent_at",
            "team_count",
            "site_count",
            "covered_sites",
            "gini_before",
            "gini_with_plan",
            "solve_ms",
        ]
        read_only_fields = [
            f for f in fields if f not in ("name", "starts_on", "ends_on")
        ] + ["focus_percent"]


class PlanCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    focus_percent = serializers.ChoiceField(choices=[100, 50, 25], default=100)


class AssignmentSerializer(serializers.ModelSerializer):
    team_name = serializers.CharField(source="team.name", read_only=True)
    site_name = serializers.CharField(source="site.name", read_only=True)
    plan_name = serializers.CharField(source="plan.name", read_only=True)
    starts_on = serializers.DateField(source="plan.starts_on", read_only=True)
    ends_on = serializers.DateField(source="plan.ends_on", read_only=True)

    class Meta:
        model = PlanAssignment
        fields = [
            "id",
            "plan",
            "plan_name",
            "starts_on",
            "ends_on",
            "team",
            "team_name",
            "site",
            "site_name",
            "distance_km",
            "neglect",
            "fit",
            "head_count",
            "status",
            "decided_at",
            "visit",
        ]
        read_only_fields = fields


class PlanViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """City plans, for coordinators: make one for a week, send it to teams."""

    serializer_class = PlanSerializer
    permission_classes = [permissions.IsAuthenticated]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if not scope_of(request.user).is_coordinator:
            raise AccessDenied()

    def get_queryset(self) -> QuerySet[Plan]:
        return visible(self.request.user, Plan)

    @extend_schema(request=PlanCreateSerializer, responses={201: PlanSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        given = PlanCreateSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        data["focus_percent"] = int(data.get("focus_percent", 100))
        data.setdefault("name", "")
        plan = services.create_plan(by=request.user, **data)
        return Response(PlanSerializer(plan).data, status=201)

    @extend_schema(request=None, responses={200: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["post"])
    def send(self, request: Request, pk: str) -> Response:
        plan = self.get_object()
        told = services.send_plan(by=request.user, plan=plan)
        return Response({"sent_at": Plan.objects.get(pk=plan.pk).sent_at, "told": told})

    @extend_schema(responses=AssignmentSerializer(many=True))
    @action(detail=True, methods=["get"])
    def assignments(self, request: Request, pk: str) -> Response:
        plan = self.get_object()
        rows = plan.assignments.select_related("team", "site", "plan").order_by(
            "-neglect", "pk"
        )
        page = self.paginate_queryset(rows)
        data = AssignmentSerializer(page, many=True).data
        return self.get_paginated_response(data)


class AssignmentViewSet(viewsets.ReadOnlyModelViewSet):
    """The city's suggestions to the caller's teams, to accept or decline."""

    serializer_class = AssignmentSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self) -> QuerySet[PlanAssignment]:
        return assignments_for(self.request.user)

    def _decide(self, request: Request, pk: str, accept: bool) -> Response:
        assignment = get_managed(request.user, self.get_queryset(), pk=pk)
        done = services.decide_assignment(
            by=request.user, assignment=assignment, accept=accept
        )
        return Response(AssignmentSerializer(done).data)

    @extend_schema(request=None, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: str) -> Response:
        """Accept: the site is asked for the visit."""
        return self._decide(request, pk, accept=True)

    @extend_schema(request=None, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request: Request, pk: str) -> Response:
        return self._decide(request, pk, accept=False)


class FiguresView(APIView):
    """Figures for the caller's area: the city for coordinators, the
    officer's units and below."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request) -> Response:
        if not scope_of(request.user).is_staff_like:
            raise AccessDenied()
        data = figures.city_figures(request.user)
        return Response(asdict(data))


class PublicFiguresView(APIView):
    """The city's headline figures, for anyone."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request) -> Response:
        return Response(figures.headline())
