"""What the coordination API reads and writes."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from portal.activities.models import Activity
from portal.coordination.models import NeedClaim, Visit
from portal.sites.models import Need, Site
from portal.teams.models import Team


class VisitSerializer(serializers.ModelSerializer):
    site_name = serializers.CharField(source="site.name", read_only=True)
    team_name = serializers.CharField(
        source="team.name", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = Visit
        fields = [
            "id", "site", "site_name", "team", "team_name", "activity",
            "starts_at", "ends_at", "head_count", "purpose", "note", "status",
            "proposed_starts_at", "proposed_ends_at", "response_note",
            "created_at",
        ]  # fmt: skip
        read_only_fields = fields


class VisitAskSerializer(serializers.Serializer):
    site = serializers.PrimaryKeyRelatedField(
        queryset=Site.objects.all(),
        error_messages={"does_not_exist": _("There is no site number {pk_value}.")},
    )
    team = serializers.PrimaryKeyRelatedField(
        queryset=Team.objects.all(),
        error_messages={"does_not_exist": _("There is no team number {pk_value}.")},
    )
    activity = serializers.PrimaryKeyRelatedField(
        queryset=Activity.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text="The activity at this site the visit is for, if any",
        error_messages={"does_not_exist": _("There is no activity number {pk_value}.")},
    )
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    head_count = serializers.IntegerField(min_value=1, max_value=10_000)
    purpose = serializers.ChoiceField(choices=Visit.Purpose.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    confirm_clash = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Ask even though another team comes the same day for the same "
        "purpose (answered with 409 and the warnings otherwise)",
    )


class VisitAnswerSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class VisitProposeSerializer(VisitAnswerSerializer):
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()


class ClaimSerializer(serializers.ModelSerializer):
    site = serializers.IntegerField(source="need.site_id", read_only=True)
    team_name = serializers.CharField(source="team.name", read_only=True)

    class Meta:
        model = NeedClaim
        fields = [
            "id", "need", "site", "team", "team_name", "quantity", "deliver_by",
            "status", "note", "delivered_at", "lapsed_at", "created_at",
        ]  # fmt: skip
        read_only_fields = fields


class ClaimCreateSerializer(serializers.Serializer):
    need = serializers.PrimaryKeyRelatedField(
        queryset=Need.objects.all(),
        error_messages={"does_not_exist": _("There is no need number {pk_value}.")},
    )
    team = serializers.PrimaryKeyRelatedField(
        queryset=Team.objects.all(),
        error_messages={"does_not_exist": _("There is no team number {pk_value}.")},
    )
    quantity = serializers.IntegerField(
        min_value=1,
        required=False,
        allow_null=True,
        default=None,
        help_text="Empty for all that is left (or the whole need, without a quantity)",
    )
    deliver_by = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class CoverageSerializer(serializers.Serializer):
    site = serializers.IntegerField()
    name = serializers.CharField()
    ward = serializers.IntegerField(allow_null=True)
    ward_name = serializers.CharField()
    visits_30 = serializers.IntegerField()
    visits_90 = serializers.IntegerField()
    volunteers_30 = serializers.IntegerField()
    volunteers_90 = serializers.IntegerField()
    days_since_last_visit = serializers.IntegerField(allow_null=True)
    open_needs = serializers.IntegerField()
    oldest_open_need_days = serializers.IntegerField(allow_null=True)
    beneficiaries = serializers.IntegerField(allow_null=True)
    beneficiaries_per_visit = serializers.FloatField(allow_null=True)
    neglect = serializers.FloatField(help_text="0 (well looked after) to 100")


class TetWindowSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    start = serializers.DateField()
    end = serializers.DateField()
    visits = serializers.IntegerField()
    gini = serializers.FloatField()


class GiniSerializer(serializers.Serializer):
    months = serializers.ListField(child=serializers.CharField())
    gini = serializers.ListField(child=serializers.FloatField())
    mean = serializers.FloatField()
    tet = TetWindowSerializer(many=True)
