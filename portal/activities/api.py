"""The activities API: the list, one activity, shifts and sign-ups.

Every endpoint asks ``portal.access`` who may see or change what; the
business rules live in ``portal.activities.services``.
"""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from portal.access.policy import Action, get_managed, get_visible, require, visible
from portal.accounts.models import User
from portal.activities import serializers, services
from portal.activities.models import Activity, Shift, SignUp
from portal.activities.selectors import (
    ActivityFilters,
    managed_activities,
    my_signups,
    public_activities,
)
from portal.api.views import clean_params, model_errors_as_fields
from portal.core.errors import NotFound

ACTIVITY_FILTERS = [
    OpenApiParameter("search", str, description="Words of the title or place"),
    OpenApiParameter("date_from", str, description="YYYY-MM-DD: not over before"),
    OpenApiParameter("date_to", str, description="YYYY-MM-DD: starting by"),
    OpenApiParameter("ward", int, description="Official ward code"),
    OpenApiParameter("field", str, description="Code of a field of activity"),
    OpenApiParameter("tag", str, description="Code of a campaign"),
    OpenApiParameter("has_places", bool, description="Only with places left"),
    OpenApiParameter(
        "mine", bool, description="The activities the caller organises, any state"
    ),
]


@extend_schema_view(list=extend_schema(parameters=ACTIVITY_FILTERS))
class ActivityViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Published activities for everyone; organisers create and change theirs."""

    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_permissions(self) -> list[Any]:
        if self.action in ("list", "retrieve"):
            return [permissions.AllowAny()]
        return [permissions.IsAuthenticated()]

    def get_serializer_class(self) -> type[Any]:
        if self.action == "retrieve":
            return serializers.ActivityDetailSerializer
        return serializers.ActivitySerializer

    def get_queryset(self) -> QuerySet[Activity]:
        params = clean_params(self.request)
        if self.action == "list":
            if params.get("mine") in ("1", "true"):
                return managed_activities(self.request.user)
            return public_activities(ActivityFilters.from_params(params))
        return visible(self.request.user, Activity).select_related(
            "unit", "team", "field", "tag", "ward"
        )

    def get_object(self) -> Activity:
        pk = str(self.kwargs["pk"])
        if not pk.isdigit():
            raise NotFound()
        qs = self.get_queryset()
        if self.action == "retrieve":
            qs = qs.prefetch_related("shifts")
        return get_visible(self.request.user, qs, pk=int(pk))

    def perform_create(self, serializer: Any) -> None:
        with model_errors_as_fields():
            serializer.instance = services.create_activity(
                by=self.request.user, **serializer.validated_data
            )

    def perform_update(self, serializer: Any) -> None:
        require(self.request.user, Action.CHANGE, serializer.instance)
        with model_errors_as_fields():
            services.update_activity(
                by=self.request.user,
                activity=serializer.instance,
                **serializer.validated_data,
            )

    def _managed(self, pk: Any) -> Activity:
        return get_managed(
            self.request.user, Activity, pk=int(pk) if str(pk).isdigit() else 0
        )

    @extend_schema(request=None, responses=serializers.ActivitySerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, pk: Any = None) -> Response:
        """Publish, or send to the managing unit when it reviews activities."""
        activity = services.publish(by=request.user, activity=self._managed(pk))
        return Response(serializers.ActivitySerializer(activity).data)

    @extend_schema(request=None, responses=serializers.ActivitySerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: Any = None) -> Response:
        activity = services.approve(by=request.user, activity=self._managed(pk))
        return Response(serializers.ActivitySerializer(activity).data)

    @extend_schema(request=None, responses=serializers.ActivitySerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: Any = None) -> Response:
        activity = services.cancel_activity(by=request.user, activity=self._managed(pk))
        return Response(serializers.ActivitySerializer(activity).data)

    @extend_schema(
        request=serializers.ShiftSerializer,
        responses={201: serializers.ShiftSerializer},
    )
    @action(detail=True, methods=["post"])
    def shifts(self, request: Request, pk: Any = None) -> Response:
        """Add a shift to the activity."""
        activity = self._managed(pk)
        data = serializers.ShiftSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        with model_errors_as_fields():
            shift = services.add_shift(
                by=request.user, activity=activity, **data.validated_data
            )
        return Response(
            serializers.ShiftSerializer(shift).data, status=status.HTTP_201_CREATED
        )


class ShiftViewSet(viewsets.GenericViewSet, mixins.RetrieveModelMixin):
    """One shift; volunteers sign up here, organisers change its places."""

    serializer_class = serializers.ShiftSerializer
    http_method_names = ["get", "post", "head", "options"]

    def get_permissions(self) -> list[Any]:
        if self.action == "retrieve":
            return [permissions.AllowAny()]
        return [permissions.IsAuthenticated()]

    def get_queryset(self) -> QuerySet[Shift]:
        return visible(self.request.user, Shift)

    def get_object(self) -> Shift:
        pk = str(self.kwargs["pk"])
        return get_visible(
            self.request.user, self.get_queryset(), pk=int(pk) if pk.isdigit() else 0
        )

    @extend_schema(
        request=None,
        responses={
            201: OpenApiResponse(
                serializers.SignUpResultSerializer,
                description="Signed up: status is confirmed or waitlisted",
            ),
            409: OpenApiResponse(
                description="Shift past, cancelled or closed; already signed "
                "up; an overlapping shift; under the activity's minimum age "
                "(too_young) or no date of birth given (birth_date_missing)"
            ),
        },
    )
    @action(detail=True, methods=["post"])
    def signup(self, request: Request, pk: Any = None) -> Response:
        """Sign up in one tap; a full shift puts the caller on its waitlist."""
        # The service reads the shift itself, with only what it needs: no
        # separate visibility query on the busiest endpoint. A shift of an
        # unpublished activity is refused there as closed.
        if not str(pk).isdigit():
            raise NotFound()
        signup = services.sign_up(volunteer=request.user, shift=int(pk))
        return Response(
            serializers.SignUpResultSerializer(signup).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        request=serializers.AddVolunteerSerializer,
        responses={201: serializers.SignUpResultSerializer},
    )
    @action(detail=True, methods=["post"], url_path="add-volunteer")
    def add_volunteer(self, request: Request, pk: Any = None) -> Response:
        """An organiser adds a person by hand (waitlisted when full)."""
        shift = get_managed(request.user, Shift, pk=int(pk) if str(pk).isdigit() else 0)
        data = serializers.AddVolunteerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        volunteer = User.objects.filter(
            pk=data.validated_data["volunteer"], is_active=True
        ).first()
        if volunteer is None:
            raise NotFound()
        signup = services.sign_up(
            volunteer=volunteer, shift=shift, added_by=request.user
        )
        return Response(
            serializers.SignUpResultSerializer(signup).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        request=serializers.CapacitySerializer, responses=serializers.ShiftSerializer
    )
    @action(detail=True, methods=["post"])
    def capacity(self, request: Request, pk: Any = None) -> Response:
        """Change the number of places; never below those confirmed."""
        shift = get_managed(request.user, Shift, pk=int(pk) if str(pk).isdigit() else 0)
        data = serializers.CapacitySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        shift = services.update_shift(
            by=request.user, shift=shift, capacity=data.validated_data["capacity"]
        )
        return Response(serializers.ShiftSerializer(shift).data)


class SignUpViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The caller's own sign-ups (organisers also see their shifts' ones)."""

    serializer_class = serializers.SignUpSerializer
    permission_classes = [permissions.IsAuthenticated]
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self) -> QuerySet[SignUp]:
        if self.action == "list":
            return my_signups(self.request.user)
        return visible(self.request.user, SignUp).select_related("shift__activity")

    def get_object(self) -> SignUp:
        pk = str(self.kwargs["pk"])
        return get_visible(
            self.request.user, self.get_queryset(), pk=int(pk) if pk.isdigit() else 0
        )

    @extend_schema(request=None, responses=serializers.SignUpSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: Any = None) -> Response:
        """Cancel; the first on the waitlist moves up and is told."""
        signup = services.cancel_signup(by=request.user, signup=self.get_object())
        return Response(serializers.SignUpSerializer(signup).data)
