"""Rounds under /api/v1/rounds/: progress, asked units, submissions, review.

Reads ask ``portal.access`` for the rows the caller may see; writes go
through ``portal.rounds.services``, which asks it again.
"""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from portal.access.policy import get_managed, get_visible, scope_of, visible
from portal.api.serializers import CodeRelatedField
from portal.core.errors import AccessDenied
from portal.rounds import selectors, services
from portal.rounds.errors import NoUnitsAsked
from portal.rounds.forms import check_reminder_days
from portal.rounds.models import (
    Announcement,
    Assignment,
    Question,
    Round,
    Submission,
)
from portal.units.models import Unit


class RoundSerializer(serializers.ModelSerializer):
    deadline = serializers.DateTimeField(read_only=True)

    class Meta:
        model = Round
        fields = [
            "id",
            "reference",
            "title",
            "lists",
            "opens_on",
            "due_on",
            "deadline",
            "focal_name",
            "focal_phone",
            "focal_email",
            "reminder_days",
            "letter",
            "created_at",
        ]
        read_only_fields = ["id", "deadline", "letter", "created_at"]


class RoundCreateSerializer(RoundSerializer):
    units = CodeRelatedField(
        slug_field="code",
        queryset=Unit.objects.filter(is_active=True),
        many=True,
        required=False,
    )
    all_direct_units = serializers.BooleanField(default=False)

    class Meta(RoundSerializer.Meta):
        fields = [*RoundSerializer.Meta.fields, "units", "all_direct_units"]

    def validate_reminder_days(self, value: str) -> str:
        try:
            return check_reminder_days(value)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from None


class RoundAskUnitsSerializer(serializers.Serializer):
    units = CodeRelatedField(
        slug_field="code",
        queryset=Unit.objects.filter(is_active=True),
        many=True,
        required=False,
        error_messages={
            "does_not_exist": _(
                "Units asked: there is no open unit with the code {value}."
            )
        },
    )
    all_direct_units = serializers.BooleanField(default=False)

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if not data.get("units") and not data["all_direct_units"]:
            raise serializers.ValidationError({"units": [NoUnitsAsked.default_message]})
        return data


class RoundUnitSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = Assignment
        fields = [
            "id",
            "round",
            "unit",
            "unit_name",
            "state",
            "submitted_at",
            "is_late",
            "team_count",
            "site_count",
        ]


class RoundSubmissionSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="assignment.unit.code", read_only=True)
    round = serializers.IntegerField(source="assignment.round_id", read_only=True)

    class Meta:
        model = Submission
        fields = [
            "id",
            "round",
            "unit",
            "number",
            "status",
            "submitted_at",
            "is_late",
            "team_count",
            "site_count",
            "teams",
            "sites",
            "review_note",
            "reviewed_at",
        ]


class RoundQuestionSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Question
        fields = ["id", "round", "unit", "text", "asked_at", "answer", "answered_at"]
        read_only_fields = ["round", "unit", "asked_at", "answer", "answered_at"]


class RoundAnnouncementSerializer(serializers.ModelSerializer):
    is_read = serializers.BooleanField(read_only=True)

    class Meta:
        model = Announcement
        fields = ["id", "round", "title", "body", "created_at", "is_read"]


class RoundProgressSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    done = serializers.IntegerField()
    late = serializers.IntegerField()
    percent = serializers.IntegerField()
    by_state = serializers.DictField(child=serializers.IntegerField())
    units = RoundUnitSerializer(many=True)


class RoundSubmitSerializer(serializers.Serializer):
    include_branches = serializers.BooleanField(default=False)


class RoundReviewSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")
    comments = serializers.ListField(
        child=inline_serializer(
            "RoundRecordComment",
            fields={
                "list": serializers.ChoiceField(choices=["teams", "sites"]),
                "id": serializers.IntegerField(),
                "text": serializers.CharField(),
            },
        ),
        required=False,
        default=list,
    )


class RoundAnswerSerializer(serializers.Serializer):
    answer = serializers.CharField()


class RoundViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Rounds asking the caller's units (all of them for coordinators)."""

    permission_classes = [permissions.IsAuthenticated]
    # Numeric ids only, so /rounds/units/ and the others are not read as ids.
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[Round]:
        return selectors.rounds_for(self.request.user)

    def get_serializer_class(self) -> type[Any]:
        return RoundCreateSerializer if self.action == "create" else RoundSerializer

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # Refuse before reading the body, as the other creating endpoints do.
        if not scope_of(request.user).is_coordinator:
            raise AccessDenied()
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.open_round(
            by=self.request.user, **serializer.validated_data
        )

    @extend_schema(
        responses=RoundProgressSerializer,
        parameters=[
            OpenApiParameter("state", str, enum=Assignment.State.values),
            OpenApiParameter("timing", str, enum=["on_time", "late"]),
        ],
    )
    @action(detail=True, methods=["get"])
    def progress(self, request: Request, pk: str) -> Response:
        """Where each asked unit in the caller's scope stands."""
        round = get_visible(request.user, self.get_queryset(), pk=pk)
        filters = selectors.BoardFilters.from_params(request.query_params)
        rows = selectors.board_rows(request.user, round, filters)
        body = {
            **selectors.progress(request.user, round),
            "units": RoundUnitSerializer(rows, many=True).data,
        }
        return Response(body)

    @extend_schema(
        request=RoundAskUnitsSerializer,
        responses={201: RoundUnitSerializer(many=True)},
        operation_id="v1_rounds_ask_more_units",
    )
    @action(detail=True, methods=["post"], url_path="units")
    def ask_units(self, request: Request, pk: str) -> Response:
        """Ask more units by code; answers with the units newly asked."""
        round = get_managed(request.user, self.get_queryset(), pk=pk)
        data = RoundAskUnitsSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        added = services.ask_more_units(
            by=request.user, round=round, **data.validated_data
        )
        return Response(RoundUnitSerializer(added, many=True).data, status=201)

    @extend_schema(
        responses=RoundQuestionSerializer(many=True),
        operation_id="v1_rounds_thread_list",
    )
    @action(detail=True, methods=["get"])
    def questions(self, request: Request, pk: str) -> Response:
        round = get_visible(request.user, self.get_queryset(), pk=pk)
        rows = selectors.questions_for(request.user, round)
        return Response(RoundQuestionSerializer(rows, many=True).data)


class AssignmentViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The asked units in the caller's scope, and submitting for them."""

    serializer_class = RoundUnitSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self) -> QuerySet[Assignment]:
        return selectors.assignments_for(self.request.user)

    @extend_schema(
        request=RoundSubmitSerializer, responses=RoundSubmissionSerializer(many=True)
    )
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str) -> Response:
        assignment = get_managed(
            request.user, Assignment.objects.select_related("round", "unit"), pk=pk
        )
        data = RoundSubmitSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        made = services.submit(
            by=request.user,
            assignment=assignment,
            include_branches=data.validated_data["include_branches"],
        )
        return Response(RoundSubmissionSerializer(made, many=True).data, status=201)

    @extend_schema(
        request=inline_serializer("RoundAsk", fields={"text": serializers.CharField()}),
        responses=RoundQuestionSerializer,
    )
    @action(detail=True, methods=["post"])
    def ask(self, request: Request, pk: str) -> Response:
        assignment = get_managed(request.user, Assignment, pk=pk)
        data = RoundQuestionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        question = services.ask_question(
            by=request.user, assignment=assignment, text=data.validated_data["text"]
        )
        return Response(RoundQuestionSerializer(question).data, status=201)


class SubmissionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Frozen submissions; coordinators approve or return them."""

    serializer_class = RoundSubmissionSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self) -> QuerySet[Submission]:
        return (
            visible(self.request.user, Submission)
            .select_related("assignment__unit")
            .order_by("-submitted_at", "-pk")
        )

    @extend_schema(request=RoundReviewSerializer, responses=RoundSubmissionSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str) -> Response:
        submission = self.get_object()
        data = RoundReviewSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        done = services.approve(
            by=request.user, submission=submission, note=data.validated_data["note"]
        )
        return Response(RoundSubmissionSerializer(done).data)

    @extend_schema(request=RoundReviewSerializer, responses=RoundSubmissionSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request: Request, pk: str) -> Response:
        submission = self.get_object()
        data = RoundReviewSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        done = services.return_submission(
            by=request.user,
            submission=submission,
            note=data.validated_data["note"],
            comments=[
                (c["list"], c["id"], c["text"]) for c in data.validated_data["comments"]
            ],
        )
        return Response(RoundSubmissionSerializer(done).data)

    @extend_schema(request=None, responses=RoundSubmissionSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str) -> Response:
        submission = self.get_object()
        done = services.withdraw(by=request.user, submission=submission)
        return Response(RoundSubmissionSerializer(done).data)


class QuestionViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = RoundQuestionSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self) -> QuerySet[Question]:
        # Answered questions are a round's FAQ: for those the round concerns.
        rounds = selectors.rounds_for(self.request.user).values("pk")
        return (
            visible(self.request.user, Question)
            .filter(round__in=rounds)
            .order_by("-asked_at", "-pk")
        )

    @extend_schema(request=RoundAnswerSerializer, responses=RoundQuestionSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request: Request, pk: str) -> Response:
        question = get_visible(
            request.user, Question.objects.select_related("round"), pk=pk
        )
        data = RoundAnswerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        done = services.answer_question(
            by=request.user, question=question, answer=data.validated_data["answer"]
        )
        return Response(RoundQuestionSerializer(done).data)


class AnnouncementViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Announcements for the caller's units, unread first."""

    serializer_class = RoundAnnouncementSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self) -> QuerySet[Announcement]:
        return selectors.announcements_for(self.request.user)
