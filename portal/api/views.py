"""The JSON API. Each view asks ``portal.access`` what the caller may see."""

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, mixins, permissions, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.access.policy import Action, managed, require, visible
from portal.api import serializers
from portal.core.errors import AccessDenied, NotFound
from portal.places.models import Ward
from portal.sites import geojson
from portal.sites import services as site_services
from portal.sites.models import BeneficiaryGroup, Need, Site
from portal.sites.selectors import SiteFilters, search_sites
from portal.teams import services as team_services
from portal.teams.models import Team
from portal.teams.selectors import TeamFilters, search_teams
from portal.units import services as unit_services
from portal.units.models import Unit

SEARCH_HELP = (
    "Words of the name, leader or phone, in any order; accents, case and "
    "one typo per word are forgiven"
)


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


CONFIRM_DUPLICATE = [
    OpenApiParameter(
        "confirm_duplicate",
        bool,
        description="Save even though a record with the same name in the same "
        "ward, or the same phone, exists (answered with 409 otherwise)",
    )
]
WITH_CONFIRMATION = {
    action: extend_schema(parameters=CONFIRM_DUPLICATE)
    for action in ("create", "update", "partial_update")
}

TEAM_FILTERS = [
    OpenApiParameter("search", str, description=SEARCH_HELP),
    OpenApiParameter("ward", int, description="Official ward code (main or area)"),
    OpenApiParameter("field", str, description="Code of a field of activity"),
    OpenApiParameter("unit", str, description="Code of the managing unit"),
    OpenApiParameter("verification", str, enum=Team.Verification.values),
    OpenApiParameter("inside_union", bool),
    OpenApiParameter("status", str, enum=Team.Status.values),
]

SITE_FILTERS = [
    OpenApiParameter("search", str, description=SEARCH_HELP),
    OpenApiParameter("ward", int, description="Official ward code"),
    OpenApiParameter("category", str, enum=Site.Category.values),
    OpenApiParameter("unit", str, description="Code of the reporting unit"),
    OpenApiParameter("group", str, enum=BeneficiaryGroup.Group.values),
    OpenApiParameter("has_open_needs", bool),
]

NEED_FILTERS = [
    OpenApiParameter("site", int, description="Id of the site"),
    OpenApiParameter("status", str, enum=Need.Status.values),
    OpenApiParameter("category", str, enum=Need.Category.values),
    OpenApiParameter("urgency", str, enum=Need.Urgency.values),
]


def clean_params(request: Request) -> dict[str, str]:
    """The query parameters without NUL characters, which PostgreSQL refuses."""
    return {k: v.replace("\x00", "") for k, v in request.query_params.items()}


@contextmanager
def model_errors_as_fields() -> Iterator[None]:
    """Turn a model's own validation into the API's field errors.

    The serializers check the same rules first; this keeps a rule that only
    the model knows from becoming a server error.
    """
    try:
        yield
    except DjangoValidationError as error:
        detail = error.message_dict if hasattr(error, "error_dict") else error.messages
        raise ValidationError(detail) from None


class CreatingViewSet(mixins.CreateModelMixin, ScopedViewSet):
    """Also creates, for those who manage at least one unit."""

    http_method_names = ["get", "post", "patch", "put", "head", "options"]
    create_serializer_class: type[Any]

    def get_serializer_class(self) -> type[Any]:
        if self.action == "create":
            return self.create_serializer_class
        return self.serializer_class

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # Refuse before reading the body: a caller who manages nothing
        # learns nothing about which input would have been accepted.
        if not managed(request.user, Unit, Action.CHANGE).exists():
            raise AccessDenied()
        return super().create(request, *args, **kwargs)


@extend_schema_view(list=extend_schema(parameters=TEAM_FILTERS), **WITH_CONFIRMATION)
class TeamViewSet(CreatingViewSet):
    model = Team
    serializer_class = serializers.TeamSerializer
    create_serializer_class = serializers.TeamCreateSerializer

    def get_queryset(self) -> QuerySet[Team]:
        params = clean_params(self.request) if self.action == "list" else {}
        qs = search_teams(self.request.user, TeamFilters.from_params(params))
        return qs.prefetch_related("fields", "area_wards")

    def perform_create(self, serializer: Any) -> None:
        with model_errors_as_fields():
            serializer.instance = team_services.create_team(
                by=self.request.user,
                confirm_duplicate=confirmed(self.request),
                **serializer.validated_data,
            )

    def save_through_service(self, serializer: Any) -> None:
        with model_errors_as_fields():
            team_services.update_team(
                by=self.request.user,
                team=serializer.instance,
                confirm_duplicate=confirmed(self.request),
                **serializer.validated_data,
            )


@extend_schema_view(list=extend_schema(parameters=SITE_FILTERS), **WITH_CONFIRMATION)
class SiteViewSet(CreatingViewSet):
    model = Site
    serializer_class = serializers.SiteSerializer
    create_serializer_class = serializers.SiteCreateSerializer

    def get_queryset(self) -> QuerySet[Site]:
        params = clean_params(self.request) if self.action == "list" else {}
        qs = search_sites(self.request.user, SiteFilters.from_params(params))
        return qs.prefetch_related("groups", "slots")

    def perform_create(self, serializer: Any) -> None:
        with model_errors_as_fields():
            serializer.instance = site_services.create_site(
                by=self.request.user,
                confirm_duplicate=confirmed(self.request),
                **site_input(serializer.validated_data),
            )

    def save_through_service(self, serializer: Any) -> None:
        with model_errors_as_fields():
            site = site_services.update_site(
                by=self.request.user,
                site=serializer.instance,
                confirm_duplicate=confirmed(self.request),
                **site_input(serializer.validated_data),
            )
        # The lists were replaced under the prefetched ones.
        site._prefetched_objects_cache = {}


@extend_schema_view(list=extend_schema(parameters=NEED_FILTERS))
class NeedViewSet(CreatingViewSet):
    """Needs of sites: open ones for everyone, all of them in scope.

    Site contacts and the officers of the site's unit post and change them.
    """

    model = Need
    serializer_class = serializers.NeedSerializer
    create_serializer_class = serializers.NeedCreateSerializer

    def get_queryset(self) -> QuerySet[Need]:
        qs = visible(self.request.user, Need).select_related("site")
        if self.action == "list":
            qs = filter_needs(qs, clean_params(self.request))
        return qs.order_by("-created_at", "-pk")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # Anyone signed in may try; the site named decides (see below).
        return mixins.CreateModelMixin.create(self, request, *args, **kwargs)

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        site = data.pop("site")
        if not visible(self.request.user, Site).filter(pk=site.pk).exists():
            raise NotFound()
        with model_errors_as_fields():
            serializer.instance = site_services.create_need(
                by=self.request.user, site=site, **data
            )

    def perform_update(self, serializer: Any) -> None:
        with model_errors_as_fields():
            site_services.update_need(
                by=self.request.user,
                need=serializer.instance,
                **serializer.validated_data,
            )


def confirmed(request: Request) -> bool:
    """Whether the caller confirmed that a possible duplicate is distinct."""
    return request.query_params.get("confirm_duplicate", "") in {"1", "true"}


def site_input(data: dict[str, Any]) -> dict[str, Any]:
    """The API's lists of groups and slots in the shape the service takes."""
    data = dict(data)
    if "groups" in data:
        data["groups"] = {item["group"]: item.get("count") for item in data["groups"]}
    if "slots" in data:
        data["slots"] = [
            (item["weekday"], item["starts_at"], item["ends_at"])
            for item in data["slots"]
        ]
    return data


def filter_needs(qs: QuerySet[Need], params: Any) -> QuerySet[Need]:
    site = str(params.get("site", ""))
    if site.isdigit() and len(site) < 10:
        qs = qs.filter(site_id=int(site))
    for name in ("status", "category", "urgency"):
        value = str(params.get(name, ""))[:20]
        if value:
            qs = qs.filter(**{name: value})
    return qs


class GeoJSONRenderer(BaseRenderer):
    """Passes the prepared GeoJSON bytes through unchanged."""

    media_type = "application/geo+json"
    format = "geojson"
    charset = None

    def render(self, data: Any, *args: Any, **kwargs: Any) -> bytes:
        if isinstance(data, bytes):
            return data
        return json.dumps(data, ensure_ascii=False).encode()


class PlainJSONRenderer(GeoJSONRenderer):
    """The same bytes for callers who ask for ``application/json``."""

    media_type = "application/json"
    format = "json"


@extend_schema(
    parameters=[
        OpenApiParameter("category", str, enum=Site.Category.values),
        OpenApiParameter("ward", int, description="Official ward code"),
        OpenApiParameter("has_open_needs", bool),
    ],
    responses={
        (200, "application/geo+json"): OpenApiTypes.OBJECT,
        (200, "application/json"): OpenApiTypes.OBJECT,
    },
    description=(
        "A GeoJSON FeatureCollection of the sites the caller may place on "
        "the map: protected sites only for those who may see their address."
    ),
)
class SitesGeoJSONView(APIView):
    permission_classes = [permissions.AllowAny]
    renderer_classes = [GeoJSONRenderer, PlainJSONRenderer]

    def get(self, request: Request) -> Response:
        body = geojson.sites_geojson(
            request.user, geojson.MapFilters.from_params(request.query_params)
        )
        return Response(body)


class MeView(generics.GenericAPIView):
    serializer_class = serializers.MeSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get(self, request: Request) -> Response:
        return Response(self.get_serializer(request.user).data)
