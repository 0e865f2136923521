from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from portal.access.policy import Action, can
from portal.accounts.models import User
from portal.lib.phones import InvalidPhone, normalize_phone
from portal.places.models import Ward
from portal.sites.models import BeneficiaryGroup, Need, Site, VisitingSlot
from portal.teams.models import Field, Team
from portal.units.models import Unit


class PhoneSerializerField(serializers.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("allow_blank", True)
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        value = super().to_internal_value(data)
        if not value:
            return ""
        try:
            return normalize_phone(value)
        except InvalidPhone:
            raise serializers.ValidationError(
                _("This is not a Vietnamese phone number, e.g. 0908123456.")
            ) from None


class WardSerializer(serializers.ModelSerializer):
    class Meta:
        model = Ward
        fields = ["code", "name", "kind", "province"]


class UnitSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )

    class Meta:
        model = Unit
        fields = ["id", "code", "name", "kind", "parent", "ward", "depth", "is_active"]
        read_only_fields = ["id", "code", "kind", "parent", "depth"]


class WardCodeField(serializers.PrimaryKeyRelatedField):
    """A current ward of the city, given by its official code."""

    default_error_messages = {
        "does_not_exist": _("There is no ward with the code {pk_value}."),
        "incorrect_type": _("A ward is given by its official code, a number."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", Ward.objects.in_city())
        super().__init__(**kwargs)


class CodeRelatedField(serializers.SlugRelatedField):
    """A row by its code; text no code can be is refused before the query.

    PostgreSQL refuses NUL characters outright, so without this check a
    stray NUL would surface as a server error instead of a message.
    """

    max_code_length = 64

    def to_internal_value(self, data: Any) -> Any:
        if (
            not isinstance(data, str)
            or "\x00" in data
            or len(data) > self.max_code_length
        ):
            self.fail("does_not_exist", slug_name=self.slug_field, value=data)
        return super().to_internal_value(data)


class FieldCodeField(CodeRelatedField):
    """A field of activity by its code."""

    max_code_length = 40


class TeamSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    phone = PhoneSerializerField()
    ward = WardCodeField(required=False, allow_null=True)
    fields = FieldCodeField(
        slug_field="code",
        many=True,
        required=False,
        queryset=Field.objects.filter(is_active=True),
        error_messages={
            "does_not_exist": _("There is no field of activity {slug_name}={value}.")
        },
    )
    area_wards = WardCodeField(many=True, required=False)
    links = serializers.ListField(
        child=serializers.URLField(max_length=300), required=False, max_length=10
    )

    class Meta:
        model = Team
        fields = [
            "id", "name", "kind", "inside_union", "unit", "unit_name",
            "founded_on", "founded_year", "member_count", "ward", "fields",
            "area_wards", "area_text", "leader_name", "phone", "email", "links",
            "status", "verification", "verified_at", "notes",
        ]  # fmt: skip
        read_only_fields = ["id", "unit", "verification", "verified_at"]


class TeamCreateSerializer(TeamSerializer):
    """A new team names the unit that follows it; the unit stays afterwards."""

    unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all())

    class Meta(TeamSerializer.Meta):
        read_only_fields = ["id", "verification", "verified_at"]


# Fields of a protected site that only those with the right may read.
PRIVATE_SITE_FIELDS = ("street", "latitude", "longitude", "contact_name", "phone")

_OUTSIDE_VIETNAM = _("The position must be inside Vietnam.")


def _coordinate(low: int, high: int) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=9,
        decimal_places=6,
        required=False,
        allow_null=True,
        min_value=low,
        max_value=high,
        error_messages={"min_value": _OUTSIDE_VIETNAM, "max_value": _OUTSIDE_VIETNAM},
    )


class BeneficiaryGroupSerializer(serializers.ModelSerializer):
    class Meta:
        model = BeneficiaryGroup
        fields = ["group", "count"]
        # The site's own list is checked for doubles in SiteSerializer.
        validators: list[Any] = []


@extend_schema_field({"type": "string", "pattern": r"^\d{2}:\d{2}(:\d{2})?$"})
class ClockTimeField(serializers.TimeField):
    """A time of day as people write it, "08:00", with no time zone.

    OpenAPI's "time" format demands an offset, which a weekly slot at a
    site has no use for; hence a plain pattern.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("format", "%H:%M")
        super().__init__(**kwargs)


class VisitingSlotSerializer(serializers.ModelSerializer):
    starts_at = ClockTimeField()
    ends_at = ClockTimeField()

    class Meta:
        model = VisitingSlot
        fields = ["weekday", "starts_at", "ends_at"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["ends_at"] <= attrs["starts_at"]:
            raise serializers.ValidationError(
                {"ends_at": _("A visiting slot must end after it starts.")}
            )
        return attrs


class SiteSerializer(serializers.ModelSerializer):
    phone = PhoneSerializerField()
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    ward = WardCodeField(required=False, allow_null=True)
    latitude = _coordinate(8, 24)
    longitude = _coordinate(102, 110)
    groups = BeneficiaryGroupSerializer(many=True, required=False)
    slots = VisitingSlotSerializer(many=True, required=False)
    has_open_needs = serializers.SerializerMethodField()

    class Meta:
        model = Site
        fields = [
            "id", "name", "category", "unit", "unit_name", "street", "ward",
            "old_district", "old_ward", "managing_body", "beneficiary_count",
            "groups", "contact_name", "phone", "latitude", "longitude",
            "is_protected", "visiting_times_text", "slots",
            "max_visitors_per_slot", "needs_text", "has_open_needs", "notes",
        ]  # fmt: skip
        read_only_fields = ["id", "unit"]

    def validate_groups(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        named = [item["group"] for item in value]
        if len(named) != len(set(named)):
            raise serializers.ValidationError(_("Each group may be listed once."))
        return value

    @extend_schema_field(serializers.BooleanField())
    def get_has_open_needs(self, site: Site) -> bool:
        flag = getattr(site, "has_open_needs", None)
        if flag is None:
            flag = site.needs.filter(status=Need.Status.OPEN).exists()
        return bool(flag)

    def to_representation(self, instance: Site) -> dict[str, Any]:
        data = super().to_representation(instance)
        request = self.context.get("request")
        user = request.user if request else None
        if not can(user, Action.VIEW_PRIVATE, instance):
            for name in PRIVATE_SITE_FIELDS:
                data.pop(name, None)
        return data


class SiteCreateSerializer(SiteSerializer):
    unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all())

    class Meta(SiteSerializer.Meta):
        read_only_fields = ["id"]


class NeedSerializer(serializers.ModelSerializer):
    site_name = serializers.CharField(source="site.name", read_only=True)

    class Meta:
        model = Need
        fields = [
            "id", "site", "site_name", "category", "description", "quantity",
            "quantity_unit", "urgency", "due_date", "status", "created_at",
            "updated_at",
        ]  # fmt: skip
        read_only_fields = ["id", "site", "created_at", "updated_at"]


class NeedCreateSerializer(NeedSerializer):
    site = serializers.PrimaryKeyRelatedField(
        queryset=Site.objects.all(),
        error_messages={"does_not_exist": _("There is no site number {pk_value}.")},
    )

    class Meta(NeedSerializer.Meta):
        read_only_fields = ["id", "created_at", "updated_at"]


class MeSerializer(serializers.ModelSerializer):
    roles = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "full_name", "email", "phone", "roles"]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_roles(self, user: User) -> list[str]:
        from portal.access.policy import scope_of

        scope = scope_of(user)
        roles = ["volunteer"]
        if scope.is_coordinator:
            roles.append("coordinator")
        if scope.is_officer:
            roles.append("officer")
        if scope.team_ids:
            roles.append("team_manager")
        if scope.site_ids:
            roles.append("site_contact")
        return roles
