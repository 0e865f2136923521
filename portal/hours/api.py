"""The hours API for the Union's mobile app: check-ins, hours, the record."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.access.policy import get_visible, visible
from portal.activities.models import Activity, SignUp
from portal.api.serializers import CodeRelatedField
from portal.core.errors import NotFound
from portal.hours import certificates, codes, services
from portal.hours.models import Certificate, HourRecord
from portal.hours.selectors import units_with_rules, volunteer_record
from portal.units.models import Unit


class HourRecordSerializer(serializers.ModelSerializer):
    # Plain strings, not enums: several models have a "status".
    kind = serializers.CharField(read_only=True)
    status = serializers.CharField(read_only=True)
    volunteer_name = serializers.SerializerMethodField()
    activity_title = serializers.SerializerMethodField()
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    # None until the hours are known (no check-out yet, no shift).
    hours = serializers.DecimalField(
        max_digits=6, decimal_places=2, read_only=True, allow_null=True
    )
    computed_hours = serializers.DecimalField(
        max_digits=6, decimal_places=2, read_only=True, allow_null=True
    )
    shift_hours = serializers.DecimalField(
        max_digits=6, decimal_places=2, read_only=True, allow_null=True
    )

    class Meta:
        model = HourRecord
        fields = [
            "id", "kind", "status", "volunteer", "volunteer_name", "shift",
            "activity", "activity_title", "unit", "work_date", "check_in_at",
            "check_out_at", "hours", "computed_hours", "shift_hours",
            "reported_minutes", "counts_as_day", "description", "organisation",
            "reason", "decided_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_volunteer_name(self, record: HourRecord) -> str:
        return record.volunteer.full_name if record.volunteer else ""

    def get_activity_title(self, record: HourRecord) -> str:
        return record.activity.title if record.activity else ""


class CheckInSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=60)


class ReportSerializer(serializers.Serializer):
    work_date = serializers.DateField()
    hours = serializers.CharField(max_length=10)
    description = serializers.CharField(max_length=2000)
    organisation = serializers.CharField(
        max_length=200, required=False, allow_blank=True
    )
    unit = CodeRelatedField(
        slug_field="code",
        queryset=Unit.objects.filter(is_active=True),
        required=False,
        allow_null=True,
    )
    activity = serializers.PrimaryKeyRelatedField(
        queryset=Activity.objects.all(), required=False, allow_null=True
    )


class VerifySerializer(serializers.Serializer):
    hours = serializers.CharField(max_length=10, required=False, allow_blank=True)
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True)


class RejectSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


class CheckInViewSet(viewsets.GenericViewSet):
    """Send a scanned or typed check-in code; the first checks in, the next out."""

    permission_classes = [IsAuthenticated]
    serializer_class = CheckInSerializer

    @extend_schema(request=CheckInSerializer, responses={200: HourRecordSerializer})
    def create(self, request: Request) -> Response:
        data = CheckInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        record = services.check_in(by=request.user, code=data.validated_data["code"])
        return Response(HourRecordSerializer(record).data)


class HourRecordViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Hour records: one's own, and those of activities and units one runs."""

    permission_classes = [IsAuthenticated]
    serializer_class = HourRecordSerializer

    def get_queryset(self) -> QuerySet[HourRecord]:
        qs = visible(self.request.user, HourRecord).select_related(
            "volunteer", "activity", "unit"
        )
        params = self.request.query_params
        if params.get("mine") in ("1", "true"):
            qs = qs.filter(volunteer=self.request.user)
        if params.get("status"):
            qs = qs.filter(status=params["status"])
        if params.get("shift", "").isdigit():
            qs = qs.filter(shift_id=int(params["shift"]))
        return qs.order_by("-work_date", "-pk")

    @extend_schema(
        parameters=[
            OpenApiParameter("mine", bool, description="Only my own records."),
            OpenApiParameter("status", str),
            OpenApiParameter("shift", int),
        ]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(request=ReportSerializer, responses={201: HourRecordSerializer})
    def create(self, request: Request) -> Response:
        """Report hours done elsewhere, for the activity's or unit's approval."""
        data = ReportSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        record = services.report_hours(volunteer=request.user, **data.validated_data)
        return Response(HourRecordSerializer(record).data, status=201)

    @extend_schema(request=VerifySerializer, responses={200: HourRecordSerializer})
    @action(detail=True, methods=["post"])
    def verify(self, request: Request, pk: str | None = None) -> Response:
        """Accept the hours, or correct them (with a reason)."""
        record = get_visible(request.user, HourRecord, pk=pk)
        data = VerifySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        record = services.verify_hours(
            by=request.user, record=record, **data.validated_data
        )
        return Response(HourRecordSerializer(record).data)

    @extend_schema(request=RejectSerializer, responses={200: HourRecordSerializer})
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: str | None = None) -> Response:
        record = get_visible(request.user, HourRecord, pk=pk)
        data = RejectSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        record = services.reject_hours(
            by=request.user, record=record, reason=data.validated_data["reason"]
        )
        return Response(HourRecordSerializer(record).data)


RECORD_RESPONSE = inline_serializer(
    "VolunteerRecord",
    {
        "shifts_done": serializers.IntegerField(),
        "verified_hours": serializers.DecimalField(max_digits=8, decimal_places=2),
        "social_work_days": serializers.DecimalField(max_digits=8, decimal_places=2),
        "hours_per_day": serializers.DecimalField(max_digits=4, decimal_places=2),
        "blood_donations": serializers.IntegerField(),
        "activities": serializers.ListField(child=serializers.DictField()),
        "certificates": serializers.ListField(child=serializers.DictField()),
    },
)


class MyRecordView(APIView):
    """The signed-in volunteer's shifts, verified hours and social-work days."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[
            OpenApiParameter("unit", str, description="Count days by this unit's rule.")
        ],
        responses={200: RECORD_RESPONSE},
    )
    def get(self, request: Request) -> Response:
        code = request.query_params.get("unit", "")
        rule_unit = units_with_rules().filter(code=code).first() if code else None
        record = volunteer_record(request.user, rule_unit)
        return Response(
            {
                "shifts_done": record.shifts_done,
                "verified_hours": str(record.verified_hours),
                "social_work_days": str(record.days),
                "hours_per_day": str(record.hours_per_day),
                "blood_donations": record.donations,
                "activities": [
                    {
                        "activity": row["activity_id"],
                        "title": row["activity__title"],
                        "unit": row["unit__name"],
                        "hours": str(row["hours"]),
                    }
                    for row in record.activities
                ],
                "certificates": [
                    certificates.describe(c) | {"url": certificates.public_path(c)}
                    for c in record.certificates
                ],
            }
        )


class MyCodeView(APIView):
    """The volunteer's current check-in code for one of their shifts."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        responses={
            200: inline_serializer(
                "CheckInCode",
                {
                    "code": serializers.CharField(),
                    "valid_for_seconds": serializers.IntegerField(),
                },
            )
        }
    )
    def get(self, request: Request, signup_id: int) -> Response:
        signup = SignUp.objects.filter(
            pk=signup_id, volunteer=request.user, status=SignUp.Status.CONFIRMED
        ).first()
        if signup is None:
            raise NotFound()
        return Response(
            {
                "code": codes.volunteer_code(signup.pk),
                "valid_for_seconds": codes.WINDOW_SECONDS,
            }
        )


class CertificateCheckView(APIView):
    """Anyone: is this certificate genuine, and what does it say?"""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        responses={
            200: inline_serializer(
                "CertificateCheck",
                {
                    "genuine": serializers.BooleanField(),
                    "revoked": serializers.BooleanField(),
                    "certificate": serializers.DictField(allow_null=True),
                },
            )
        }
    )
    def get(self, request: Request, public_id: str) -> Response:
        certificate = Certificate.objects.filter(public_id=public_id[:24]).first()
        if certificate is None:
            raise NotFound()
        genuine = certificates.is_genuine(certificate)
        return Response(
            {
                "genuine": genuine and certificate.revoked_at is None,
                "revoked": certificate.revoked_at is not None,
                "certificate": certificates.describe(certificate) if genuine else None,
            },
            status=status.HTTP_200_OK if genuine else status.HTTP_409_CONFLICT,
        )
