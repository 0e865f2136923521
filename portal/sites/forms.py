from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.access.policy import Action, managed
from portal.sites.models import Site
from portal.units.forms import PhoneField, WardChoiceField
from portal.units.models import Unit


class SiteForm(forms.ModelForm):
    phone = PhoneField(label=_("Phone number"))
    ward = WardChoiceField()

    class Meta:
        model = Site
        fields = [
            "unit", "name", "category", "street", "ward", "old_district",
            "old_ward", "managing_body", "beneficiary_count", "contact_name",
            "phone", "latitude", "longitude", "is_protected", "notes",
        ]  # fmt: skip

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = managed(user, Unit, Action.CHANGE)
        self.fields["unit"].queryset = units
        if not units.exists():
            # A site contact keeps the site's details, not its unit.
            self.fields["unit"].disabled = True
            self.fields["unit"].queryset = Unit.objects.filter(pk=self.instance.unit_id)
