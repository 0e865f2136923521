from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from portal.access.policy import Action, can
from portal.accounts.models import User
from portal.lib.phones import InvalidPhone, normalize_phone
from portal.places.models import Ward
from portal.sites.models import Site
from portal.teams.models import Team
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


class TeamSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    phone = PhoneSerializerField()

    class Meta:
        model = Team
        fields = [
            "id", "name", "kind", "inside_union", "unit", "unit_name",
            "founded_year", "member_count", "ward", "leader_name", "phone",
            "email", "status", "verification", "notes",
        ]  # fmt: skip
        read_only_fields = ["id", "unit", "verification"]


# Fields of a protected site that only those with the right may read.
PRIVATE_SITE_FIELDS = ("street", "latitude", "longitude", "contact_name", "phone")


class SiteSerializer(serializers.ModelSerializer):
    phone = PhoneSerializerField()
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = Site
        fields = [
            "id", "name", "category", "unit", "unit_name", "street", "ward",
            "old_district", "old_ward", "managing_body", "beneficiary_count",
            "contact_name", "phone", "latitude", "longitude", "is_protected",
            "notes",
        ]  # fmt: skip
        read_only_fields = ["id", "unit"]

    def to_representation(self, instance: Site) -> dict[str, Any]:
        data = super().to_representation(instance)
        request = self.context.get("request")
        user = request.user if request else None
        if not can(user, Action.VIEW_PRIVATE, instance):
            for name in PRIVATE_SITE_FIELDS:
                data.pop(name, None)
        return data


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
