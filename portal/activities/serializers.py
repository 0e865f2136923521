"""The activities API's shapes, for the Union's mobile app."""

from typing import Any

from rest_framework import serializers

from portal.activities.models import Activity, CampaignTag, Shift, SignUp
from portal.api.serializers import CodeRelatedField, FieldCodeField, WardCodeField
from portal.teams.models import Field, Team


class ShiftSerializer(serializers.ModelSerializer):
    places_left = serializers.IntegerField(read_only=True)

    class Meta:
        model = Shift
        fields = [
            "id", "activity", "label", "starts_at", "ends_at", "capacity",
            "confirmed_count", "places_left", "skills", "is_cancelled",
        ]  # fmt: skip
        read_only_fields = ["id", "activity", "confirmed_count", "is_cancelled"]


class ActivitySerializer(serializers.ModelSerializer):
    ward = WardCodeField(required=False, allow_null=True)
    field = FieldCodeField(
        slug_field="code",
        queryset=Field.objects.all(),
        required=False,
        allow_null=True,
    )
    tag = CodeRelatedField(
        slug_field="code",
        queryset=CampaignTag.objects.filter(is_active=True),
        required=False,
        allow_null=True,
    )
    team = serializers.PrimaryKeyRelatedField(
        queryset=Team.objects.all(), required=False, allow_null=True
    )
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    team_name = serializers.CharField(
        source="team.name", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = Activity
        fields = [
            "id", "title", "description", "team", "team_name", "unit",
            "unit_name", "field", "tag", "site", "place", "ward",
            "minimum_age", "skills", "cancellation_cutoff_hours", "state",
            "starts_at", "ends_at",
        ]  # fmt: skip
        read_only_fields = ["id", "state", "starts_at", "ends_at"]
        extra_kwargs = {"unit": {"required": False}}

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.instance is None and not attrs.get("team") and not attrs.get("unit"):
            raise serializers.ValidationError(
                {"team": "Chọn đội hoặc đơn vị tổ chức (team or unit required)."}
            )
        return attrs


class ActivityDetailSerializer(ActivitySerializer):
    shifts = ShiftSerializer(many=True, read_only=True)

    class Meta(ActivitySerializer.Meta):
        fields = [*ActivitySerializer.Meta.fields, "shifts"]


class SignUpSerializer(serializers.ModelSerializer):
    shift = ShiftSerializer(read_only=True)
    activity_title = serializers.CharField(
        source="shift.activity.title", read_only=True
    )

    class Meta:
        model = SignUp
        fields = ["id", "status", "shift", "activity_title", "created_at"]
        read_only_fields = fields


class SignUpResultSerializer(serializers.Serializer):
    """What a sign-up answers: confirmed or waitlisted, kept short.

    Fields declared by hand: a model serializer would work them out from
    the model again on every answer of the busiest endpoint.
    """

    id = serializers.IntegerField(read_only=True)
    shift = serializers.IntegerField(source="shift_id", read_only=True)
    status = serializers.ChoiceField(choices=SignUp.Status.choices, read_only=True)
    created_at = serializers.DateTimeField(read_only=True)


class AddVolunteerSerializer(serializers.Serializer):
    volunteer = serializers.IntegerField(min_value=1)


class CapacitySerializer(serializers.Serializer):
    capacity = serializers.IntegerField(min_value=1, max_value=100_000)
