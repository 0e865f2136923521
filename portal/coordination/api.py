"""The coordination API: visits, claims on needs, coverage of sites."""

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from portal.access.policy import get_visible, managed, scope_of, visible
from portal.activities.models import Activity
from portal.coordination import board, serializers, services
from portal.coordination.models import NeedClaim, Visit
from portal.coordination.snapshot import board_in_scope
from portal.core.errors import AccessDenied
from portal.sites.models import Need, Site
from portal.teams.models import Team

VISIT_FILTERS = [
    OpenApiParameter("site", int, description="Id of the site"),
    OpenApiParameter("team", int, description="Id of the team"),
    OpenApiParameter("status", str, enum=Visit.Status.values),
    OpenApiParameter("start", str, description="From this date (YYYY-MM-DD)"),
    OpenApiParameter("end", str, description="Before this date (YYYY-MM-DD)"),
]
CLAIM_FILTERS = [
    OpenApiParameter("need", int, description="Id of the need"),
    OpenApiParameter("team", int, description="Id of the team"),
    OpenApiParameter("status", str, enum=NeedClaim.Status.values),
]
WARD_FILTER = [OpenApiParameter("ward", int, description="Official ward code")]


def _int(params: Any, name: str) -> int | None:
    raw = str(params.get(name, ""))
    return int(raw) if raw.isdigit() and len(raw) < 10 else None


def _day(params: Any, name: str) -> date | None:
    try:
        return date.fromisoformat(str(params.get(name, ""))[:10])
    except ValueError:
        return None


def _visible_or_404(user: Any, model: Any, obj: Any) -> Any:
    """Refuse what the caller may not see as "not found", before the
    services' "forbidden" could tell them it exists."""
    return get_visible(user, model, pk=obj.pk)


@extend_schema_view(list=extend_schema(parameters=VISIT_FILTERS))
class VisitViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Visits to sites: a site's calendar, a team's requests, the answers.

    Teams ask (POST); the site's contacts and its unit's officers accept,
    propose another time or decline; the team takes the proposed time or
    cancels.
    """

    serializer_class = serializers.VisitSerializer
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]

    def get_queryset(self) -> QuerySet[Visit]:
        qs = visible(self.request.user, Visit).select_related("site", "team")
        if self.action == "list":
            params = self.request.query_params
            if (site := _int(params, "site")) is not None:
                qs = qs.filter(site_id=site)
            if (team := _int(params, "team")) is not None:
                qs = qs.filter(team_id=team)
            if params.get("status") in Visit.Status.values:
                qs = qs.filter(status=params["status"])
            if (start := _day(params, "start")) is not None:
                qs = qs.filter(starts_at__date__gte=start)
            if (end := _day(params, "end")) is not None:
                qs = qs.filter(starts_at__date__lt=end)
        return qs.order_by("starts_at", "pk")

    def _visit(self, pk: Any) -> Visit:
        return get_visible(
            self.request.user,
            Visit.objects.select_related("site", "team"),
            pk=int(pk) if str(pk).isdigit() else 0,
        )

    def _answer(self, visit: Visit) -> Response:
        return Response(serializers.VisitSerializer(visit).data)

    @extend_schema(
        request=serializers.VisitAskSerializer,
        responses={201: serializers.VisitSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = serializers.VisitAskSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        _visible_or_404(request.user, Site, fields["site"])
        _visible_or_404(request.user, Team, fields["team"])
        if fields["activity"] is not None:
            _visible_or_404(request.user, Activity, fields["activity"])
        visit = services.ask_visit(by=request.user, **fields)
        return Response(
            serializers.VisitSerializer(visit).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        request=serializers.VisitAnswerSerializer,
        responses=serializers.VisitSerializer,
    )
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: Any = None) -> Response:
        data = serializers.VisitAnswerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        visit = services.accept_visit(
            by=request.user, visit=self._visit(pk), **data.validated_data
        )
        return self._answer(visit)

    @extend_schema(
        request=serializers.VisitAnswerSerializer,
        responses=serializers.VisitSerializer,
    )
    @action(detail=True, methods=["post"])
    def decline(self, request: Request, pk: Any = None) -> Response:
        data = serializers.VisitAnswerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        visit = services.decline_visit(
            by=request.user, visit=self._visit(pk), **data.validated_data
        )
        return self._answer(visit)

    @extend_schema(
        request=serializers.VisitProposeSerializer,
        responses=serializers.VisitSerializer,
    )
    @action(detail=True, methods=["post"])
    def propose(self, request: Request, pk: Any = None) -> Response:
        data = serializers.VisitProposeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        visit = services.propose_visit_time(
            by=request.user, visit=self._visit(pk), **data.validated_data
        )
        return self._answer(visit)

    @extend_schema(request=None, responses=serializers.VisitSerializer)
    @action(detail=True, methods=["post"], url_path="take-proposed-time")
    def take_proposed_time(self, request: Request, pk: Any = None) -> Response:
        visit = services.take_proposed_time(by=request.user, visit=self._visit(pk))
        return self._answer(visit)

    @extend_schema(request=None, responses=serializers.VisitSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: Any = None) -> Response:
        visit = services.cancel_visit(by=request.user, visit=self._visit(pk))
        return self._answer(visit)


@extend_schema_view(list=extend_schema(parameters=CLAIM_FILTERS))
class ClaimViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Promises of teams to bring all or part of a site's need by a date.

    A claim never goes past what is left of the need; the site confirms the
    delivery; a claim not delivered by its date lapses.
    """

    serializer_class = serializers.ClaimSerializer
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]

    def get_queryset(self) -> QuerySet[NeedClaim]:
        qs = visible(self.request.user, NeedClaim).select_related("need", "team")
        if self.action == "list":
            params = self.request.query_params
            if (need := _int(params, "need")) is not None:
                qs = qs.filter(need_id=need)
            if (team := _int(params, "team")) is not None:
                qs = qs.filter(team_id=team)
            if params.get("status") in NeedClaim.Status.values:
                qs = qs.filter(status=params["status"])
        return qs.order_by("deliver_by", "pk")

    def _claim(self, pk: Any) -> NeedClaim:
        return get_visible(
            self.request.user,
            NeedClaim.objects.select_related("need__site", "team"),
            pk=int(pk) if str(pk).isdigit() else 0,
        )

    @extend_schema(
        request=serializers.ClaimCreateSerializer,
        responses={201: serializers.ClaimSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = serializers.ClaimCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        _visible_or_404(request.user, Need, fields["need"])
        _visible_or_404(request.user, Team, fields["team"])
        claim = services.claim_need(by=request.user, **fields)
        return Response(
            serializers.ClaimSerializer(claim).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=None, responses=serializers.ClaimSerializer)
    @action(detail=True, methods=["post"], url_path="confirm-delivery")
    def confirm_delivery(self, request: Request, pk: Any = None) -> Response:
        claim = services.confirm_delivery(by=request.user, claim=self._claim(pk))
        return Response(serializers.ClaimSerializer(claim).data)

    @extend_schema(request=None, responses=serializers.ClaimSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: Any = None) -> Response:
        claim = services.withdraw_claim(by=request.user, claim=self._claim(pk))
        return Response(serializers.ClaimSerializer(claim).data)


class CoverageViewSet(viewsets.GenericViewSet):
    """Coverage of the sites in the caller's scope, most neglected first.

    For city coordinators (the whole city) and unit officers (their units).
    """

    serializer_class = serializers.CoverageSerializer
    permission_classes = [permissions.IsAuthenticated]

    def _sites(self) -> QuerySet[Site]:
        if not scope_of(self.request.user).is_staff_like:
            raise AccessDenied()
        sites = managed(self.request.user, Site)
        ward = _int(self.request.query_params, "ward")
        return sites if ward is None else sites.filter(ward_id=ward)

    @extend_schema(parameters=WARD_FILTER)
    def list(self, request: Request) -> Response:
        if not scope_of(request.user).is_staff_like:
            raise AccessDenied()
        # The figures the coverage board shows, from the same snapshot.
        rows = board_in_scope(request.user, timezone.localdate()).rows
        ward = _int(request.query_params, "ward")
        if ward is not None:
            rows = [row for row in rows if row.ward_code == ward]
        page = self.paginate_queryset(rows)
        data = [
            {
                "site": row.site_id,
                "name": row.name,
                "ward": row.ward_code,
                "ward_name": row.ward_name,
                **{
                    key: value
                    for key, value in vars(row.coverage).items()
                    if key != "site_id"
                },
            }
            for row in page
        ]
        return self.get_paginated_response(
            serializers.CoverageSerializer(data, many=True).data
        )

    @extend_schema(parameters=WARD_FILTER, responses=serializers.GiniSerializer)
    @action(detail=False, methods=["get"], pagination_class=None)
    def gini(self, request: Request) -> Response:
        """Gini coefficient of visits per person cared for, by month and in
        the weeks around Tết."""
        data = board.gini_over_time(self._sites(), today=timezone.localdate())
        return Response(serializers.GiniSerializer(data).data)
