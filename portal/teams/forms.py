import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from portal.access.policy import Action, can, managed
from portal.places.models import Ward
from portal.teams.models import Field, Team
from portal.units.forms import PhoneField, WardChoiceField
from portal.units.models import Unit

# Addresses people paste without "https://": Zalo and Facebook pages.
_BARE_SOCIAL = re.compile(
    r"^(www\.|m\.)?(zalo\.me|chat\.zalo\.me|facebook\.com|fb\.com|fb\.me)/",
    re.IGNORECASE,
)
_is_url = URLValidator(schemes=["http", "https"])

WARD_UNKNOWN = _("This ward is not on the official list of Ho Chi Minh City.")


class CheckboxList(forms.CheckboxSelectMultiple):
    """A list of boxes to tick.

    The shared form template draws a widget whose type is "checkbox" as a
    single box; this one reports another type so that it is drawn as a
    list, and gives each of its options the checkbox type back.
    """

    input_type = "checkbox-list"

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        option["type"] = "checkbox"
        return option


class LinksField(forms.CharField):
    """Contact channels, one address a line, kept as a list."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def clean(self, value: Any) -> list[str]:
        text = super().clean(value) or ""
        links = []
        for number, line in enumerate(text.splitlines(), start=1):
            address = line.strip()
            if not address:
                continue
            if _BARE_SOCIAL.match(address):
                address = f"https://{address}"
            try:
                _is_url(address)
            except ValidationError:
                raise ValidationError(
                    _(
                        'Contact channels, line %(number)s: "%(line)s" is not '
                        "a web, Zalo or Facebook address."
                    ),
                    params={"number": number, "line": address[:80]},
                ) from None
            links.append(address)
        return list(dict.fromkeys(links))


def area_wards_field() -> forms.ModelMultipleChoiceField:
    field = forms.ModelMultipleChoiceField(
        queryset=Ward.objects.in_city().order_by("name"),
        required=False,
        label=_("Wards of activity"),
    )
    field.error_messages["invalid_choice"] = WARD_UNKNOWN
    field.error_messages["invalid_pk_value"] = WARD_UNKNOWN
    return field


def name_negative_counts(form: forms.BaseForm, messages: dict[str, Any]) -> None:
    """Give "cannot be negative" messages that say which number is wrong."""
    for name, message in messages.items():
        form.fields[name].error_messages["min_value"] = message


class DuplicateConfirmation(forms.Form):
    """The box shown under a duplicate warning."""

    confirm_duplicate = forms.BooleanField(
        required=False,
        label=_("I have checked: this is really a different one. Save it."),
    )


class TeamForm(forms.ModelForm):
    phone = PhoneField(label=_("Phone number"))
    ward = WardChoiceField(label=_("Main ward"))
    fields = forms.ModelMultipleChoiceField(
        queryset=Field.objects.filter(is_active=True),
        required=False,
        widget=CheckboxList,
        label=_("Fields of activity"),
    )
    links = LinksField(
        label=_("Contact channels"),
        help_text=_("Fanpage, Zalo, website: one address per line."),
    )

    class Meta:
        model = Team
        fields = [
            "unit", "name", "kind", "inside_union", "founded_year",
            "founded_on", "member_count", "ward", "area_wards", "area_text",
            "fields", "leader_name", "phone", "email", "links", "status",
            "verification", "notes",
        ]  # fmt: skip
        widgets = {"founded_on": forms.DateInput(attrs={"type": "date"})}
        error_messages = {
            "name": {"required": _("Enter the name of the team.")},
            "leader_name": {"required": _("Enter the name of the team's leader.")},
            "unit": {"required": _("Choose the managing unit.")},
            "kind": {"required": _("Choose the kind: club, team or group.")},
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area_wards"] = area_wards_field()
        self.fields["founded_on"].widget.format = "%Y-%m-%d"
        name_negative_counts(
            self, {"member_count": _("The number of members cannot be negative.")}
        )
        # Only units the person manages can be picked; only their officers
        # may set the verification state.
        self.fields["unit"].queryset = managed(user, Unit, Action.CHANGE)
        if self.instance.pk and not can(user, Action.VERIFY, self.instance):
            self.fields["verification"].disabled = True
            self.fields["unit"].disabled = True
            self.fields["unit"].queryset = Unit.objects.filter(pk=self.instance.unit_id)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        founded_on, year = data.get("founded_on"), data.get("founded_year")
        if founded_on and year and founded_on.year != year:
            self.add_error(
                "founded_year",
                _("The year founded does not match the date founded."),
            )
        elif founded_on and not year:
            data["founded_year"] = founded_on.year
        return data


class MergeForm(forms.Form):
    """Which record absorbs which: both are asked for by their number."""

    keep = forms.IntegerField(label=_("Number of the record to keep"), min_value=1)
    absorb = forms.IntegerField(
        label=_("Number of the record merged into it and then deleted"),
        min_value=1,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("keep") and data.get("keep") == data.get("absorb"):
            self.add_error("absorb", _("Choose two different records."))
        return data
