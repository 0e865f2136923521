from django import forms
from django.utils.translation import gettext_lazy as _

from portal.lib.phones import InvalidPhone, normalize_phone
from portal.places.models import Ward
from portal.units.models import Unit


class PhoneField(forms.CharField):
    """A Vietnamese phone number, stored in the national form."""

    def __init__(self, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value: str | None) -> str:
        value = super().clean(value)
        if not value:
            return ""
        try:
            return normalize_phone(value)
        except InvalidPhone:
            raise forms.ValidationError(
                _("This is not a Vietnamese phone number, e.g. 0908123456.")
            ) from None


class WardChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Ward"))
        super().__init__(queryset=Ward.objects.in_city().order_by("name"), **kwargs)
        self.error_messages["invalid_choice"] = _(
            "This ward is not on the official list of Ho Chi Minh City."
        )


class UnitForm(forms.ModelForm):
    phone = PhoneField(label=_("Phone number"))
    ward = WardChoiceField()

    class Meta:
        model = Unit
        fields = ["code", "name", "kind", "ward", "email", "phone"]
