from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.access.policy import Action, managed, scope_of
from portal.activities.models import Activity, ActivityPhoto, CampaignTag, Shift
from portal.sites.models import Site
from portal.teams.models import Field, Team
from portal.units.forms import WardChoiceField
from portal.units.models import Unit

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]
LOCAL_INPUT = forms.DateTimeInput(
    attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
)


class ActivityForm(forms.ModelForm):
    ward = WardChoiceField(required=False)

    class Meta:
        model = Activity
        fields = [
            "title", "team", "unit", "description", "field", "tag", "site",
            "place", "ward", "minimum_age", "skills", "cancellation_cutoff_hours",
        ]  # fmt: skip
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope = scope_of(user)
        teams = Team.objects.filter(pk__in=scope.team_ids) | managed(user, Team)
        self.fields["team"].queryset = teams.distinct().order_by("name")
        self.fields["unit"].queryset = managed(user, Unit, Action.CHANGE)
        self.fields["unit"].required = False
        self.fields["field"].queryset = Field.objects.filter(is_active=True)
        self.fields["tag"].queryset = CampaignTag.objects.filter(is_active=True)
        self.fields["site"].queryset = Site.objects.order_by("name")
        self.fields["site"].widget = forms.NumberInput()
        self.fields["site"].help_text = _("Number of the site on the portal, if any.")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("team") and not data.get("unit"):
            self.add_error("team", _("Choose the team or the unit that organises it."))
        return data


class ShiftForm(forms.ModelForm):
    class Meta:
        model = Shift
        fields = ["label", "starts_at", "ends_at", "capacity", "skills"]
        widgets = {"starts_at": LOCAL_INPUT, "ends_at": LOCAL_INPUT}


class WeeklyShiftsForm(forms.Form):
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Days of the week"),
        choices=WEEKDAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    start_time = forms.TimeField(
        label=_("From"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    end_time = forms.TimeField(
        label=_("To"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    first_day = forms.DateField(
        label=_("First day"), widget=forms.DateInput(attrs={"type": "date"})
    )
    last_day = forms.DateField(
        label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"})
    )
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=100_000)


class PhotoForm(forms.ModelForm):
    class Meta:
        model = ActivityPhoto
        fields = ["image", "caption"]


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=100_000)


class AddVolunteerForm(forms.Form):
    contact = forms.CharField(
        label=_("E-mail or phone number of the volunteer"), max_length=254
    )
