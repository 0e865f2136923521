"""The JSON API. Each view asks ``portal.access`` what the caller may see."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, mixins, permissions, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from portal.access.policy import Action, require, visible
from portal.api import serializers
from portal.places.models import Ward
from portal.sites import services as site_services
from portal.sites.models import Site
from portal.teams import services as team_services
from portal.teams.models import Team
from portal.units import services as unit_services
from portal.units.models import Unit


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "search", str, description="Part of the name, accents optional"
            )
        ]
    )
)
class WardViewSet(viewsets.ReadOnlyModelViewSet):
    """The wards of Ho Chi Minh City; ``search`` ignores accents."""

    serializer_class = serializers.WardSerializer
    permission_classes = [permissions.AllowAny]
    lookup_field = "code"
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[Ward]:
        qs = Ward.objects.in_city().order_by("name")
        query = self.request.query_params.get("search", "").strip()[:100]
        return qs.search(query) if query else qs


class ScopedViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """List and read what the caller may see; change what they manage."""

    model: type[Any]
    http_method_names = ["get", "patch", "put", "head", "options"]

    def get_queryset(self) -> QuerySet[Any]:
        return visible(self.request.user, self.model).order_by("pk")

    def perform_update(self, serializer: Any) -> None:
        require(self.request.user, Action.CHANGE, serializer.instance)
        self.save_through_service(serializer)

    def save_through_service(self, serializer: Any) -> None:
        raise NotImplementedError


class UnitViewSet(ScopedViewSet):
    model = Unit
    serializer_class = serializers.UnitSerializer
    permission_classes = [permissions.IsAuthenticated]
    lookup_field = "code"

    def get_queryset(self) -> QuerySet[Unit]:
        return super().get_queryset().select_related("parent")

    def save_through_service(self, serializer: Any) -> None:
        unit_services.update_unit(
            by=self.request.user, unit=serializer.instance, **serializer.validated_data
        )


class TeamViewSet(ScopedViewSet):
    model = Team
    serializer_class = serializers.TeamSerializer

    def get_queryset(self) -> QuerySet[Team]:
        return super().get_queryset().select_related("unit")

    def save_through_service(self, serializer: Any) -> None:
        team_services.update_team(
            by=self.request.user, team=serializer.instance, **serializer.validated_data
        )


class SiteViewSet(ScopedViewSet):
    model = Site
    serializer_class = serializers.SiteSerializer

    def get_queryset(self) -> QuerySet[Site]:
        return super().get_queryset().select_related("unit")

    def save_through_service(self, serializer: Any) -> None:
        site_services.update_site(
            by=self.request.user, site=serializer.instance, **serializer.validated_data
        )


class MeView(generics.GenericAPIView):
    serializer_class = serializers.MeSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get(self, request: Request) -> Response:
        return Response(self.get_serializer(request.user).data)
