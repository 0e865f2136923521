from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.access.policy import Action, managed
from portal.sites.errors import LATITUDE_RANGE, LONGITUDE_RANGE
from portal.sites.models import BeneficiaryGroup, Need, Site, VisitingSlot
from portal.teams.forms import name_negative_counts
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
            "phone", "latitude", "longitude", "is_protected",
            "visiting_times_text", "max_visitors_per_slot", "needs_text",
            "notes",
        ]  # fmt: skip
        widgets = {"needs_text": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "name": {"required": _("Enter the name of the site.")},
            "category": {"required": _("Choose the category of the site.")},
            "unit": {"required": _("Choose the reporting unit.")},
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        name_negative_counts(
            self,
            {
                "beneficiary_count": _(
                    "The number of people cared for cannot be negative."
                ),
                "max_visitors_per_slot": _(
                    "The most visitors per slot cannot be negative."
                ),
            },
        )
        units = managed(user, Unit, Action.CHANGE)
        self.fields["unit"].queryset = units
        if not units.exists():
            # A site contact keeps the site's details, not its unit.
            self.fields["unit"].disabled = True
            self.fields["unit"].queryset = Unit.objects.filter(pk=self.instance.unit_id)

    def _within(
        self, name: str, bounds: tuple[int, int], message: Any
    ) -> Decimal | None:
        value = self.cleaned_data.get(name)
        low, high = bounds
        if value is not None and not low <= value <= high:
            raise forms.ValidationError(
                message, params={"low": low, "high": high}, code="outside_vietnam"
            )
        return value

    def clean_latitude(self) -> Decimal | None:
        return self._within(
            "latitude",
            LATITUDE_RANGE,
            _("The latitude must be between %(low)s and %(high)s (in Vietnam)."),
        )

    def clean_longitude(self) -> Decimal | None:
        return self._within(
            "longitude",
            LONGITUDE_RANGE,
            _("The longitude must be between %(low)s and %(high)s (in Vietnam)."),
        )


class GroupsForm(forms.Form):
    """Each group a site may care for: a box to tick and how many."""

    def __init__(self, *args: Any, site: Site | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "groups")
        super().__init__(*args, **kwargs)
        held = {}
        if site is not None and site.pk:
            held = {g.group: g.count for g in site.groups.all()}
        for code, label in BeneficiaryGroup.Group.choices:
            self.fields[f"has_{code}"] = forms.BooleanField(
                required=False, label=label, initial=code in held
            )
            count = forms.IntegerField(
                required=False,
                min_value=0,
                label=_("How many: %(group)s") % {"group": label},
                initial=held.get(code),
            )
            count.error_messages["min_value"] = _(
                "The number of %(group)s cannot be negative."
            ) % {"group": str(label).lower()}
            self.fields[f"count_{code}"] = count

    def groups(self) -> dict[str, int | None]:
        """The groups ticked, or given a number, with their counts."""
        chosen = {}
        for code, _label in BeneficiaryGroup.Group.choices:
            count = self.cleaned_data.get(f"count_{code}")
            if self.cleaned_data.get(f"has_{code}") or count is not None:
                chosen[code] = count
        return chosen


class SlotForm(forms.Form):
    weekday = forms.TypedChoiceField(
        choices=VisitingSlot.Weekday.choices, coerce=int, label=_("Day")
    )
    starts_at = forms.TimeField(
        label=_("From"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    ends_at = forms.TimeField(
        label=_("To"), widget=forms.TimeInput(attrs={"type": "time"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error(
                "ends_at",
                _('A visiting slot must end ("to") after it starts ("from").'),
            )
        return data


SlotFormSet = forms.formset_factory(SlotForm, extra=1, can_delete=True)


def slot_formset(data: Any, site: Site | None) -> Any:
    initial = []
    if site is not None and site.pk:
        initial = [
            {"weekday": s.weekday, "starts_at": s.starts_at, "ends_at": s.ends_at}
            for s in site.slots.all()
        ]
    return SlotFormSet(data, initial=initial, prefix="slots")


def slots_of(formset: Any) -> list[tuple[int, Any, Any]]:
    """The filled, not deleted rows of a valid slot formset."""
    return [
        (form.cleaned_data["weekday"], form.cleaned_data["starts_at"],
         form.cleaned_data["ends_at"])
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]  # fmt: skip


class NeedForm(forms.ModelForm):
    class Meta:
        model = Need
        fields = [
            "category", "description", "quantity", "quantity_unit",
            "urgency", "due_date", "status",
        ]  # fmt: skip
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        error_messages = {
            "description": {"required": _("Say what the site needs.")},
            "category": {"required": _("Choose the kind of need.")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        name_negative_counts(
            self, {"quantity": _("The quantity needed cannot be negative.")}
        )


class NeedStatusForm(forms.Form):
    status = forms.ChoiceField(choices=Need.Status.choices)
