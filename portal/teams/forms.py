from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.access.policy import Action, can, managed
from portal.teams.models import Team
from portal.units.forms import PhoneField, WardChoiceField
from portal.units.models import Unit


class TeamForm(forms.ModelForm):
    phone = PhoneField(label=_("Phone number"))
    ward = WardChoiceField(label=_("Main ward"))

    class Meta:
        model = Team
        fields = [
            "unit", "name", "kind", "inside_union", "founded_year",
            "member_count", "ward", "leader_name", "phone", "email",
            "status", "verification", "notes",
        ]  # fmt: skip

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only units the person manages can be picked; only their officers
        # may set the verification state.
        self.fields["unit"].queryset = managed(user, Unit, Action.CHANGE)
        if self.instance.pk and not can(user, Action.VERIFY, self.instance):
            self.fields["verification"].disabled = True
            self.fields["unit"].disabled = True
            self.fields["unit"].queryset = Unit.objects.filter(pk=self.instance.unit_id)
