from datetime import date, datetime, time
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.coordination.models import Visit
from portal.coordination.selectors import teams_user_acts_for


def _aware(day: date, moment: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, moment))


class _TimesMixin:
    """A date and two times of day, read in Vietnam time."""

    cleaned_data: dict[str, Any]

    def times(self) -> tuple[datetime, datetime]:
        data = self.cleaned_data
        return _aware(data["day"], data["starts"]), _aware(data["day"], data["ends"])

    def check_order(self) -> None:
        data = self.cleaned_data
        starts, ends = data.get("starts"), data.get("ends")
        if starts and ends and ends <= starts:
            self.add_error("ends", _("The end time must be after the start time."))


class VisitRequestForm(_TimesMixin, forms.Form):
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=None,
        error_messages={"required": _("Choose the team that visits.")},
    )
    day = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Enter the date of the visit.")},
    )
    starts = forms.TimeField(
        label=_("From"),
        widget=forms.TimeInput(attrs={"type": "time"}),
        error_messages={"required": _("Enter the start time.")},
    )
    ends = forms.TimeField(
        label=_("To"),
        widget=forms.TimeInput(attrs={"type": "time"}),
        error_messages={"required": _("Enter the end time.")},
    )
    head_count = forms.IntegerField(
        label=_("Number of visitors"),
        min_value=1,
        max_value=10_000,
        error_messages={
            "required": _("Enter how many people will come."),
            "min_value": _("At least one person must come."),
        },
    )
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Visit.Purpose.choices)
    note = forms.CharField(
        label=_("Details"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm_clash = forms.BooleanField(
        label=_("I have read the warnings; send the request anyway"),
        required=False,
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        teams = teams_user_acts_for(user).order_by("name")
        self.fields["team"].queryset = teams
        if len(teams) == 1:
            self.fields["team"].initial = teams[0].pk

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self.check_order()
        return data


class ProposeTimeForm(_TimesMixin, forms.Form):
    day = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Enter the date you propose.")},
    )
    starts = forms.TimeField(
        label=_("From"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    ends = forms.TimeField(
        label=_("To"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    note = forms.CharField(
        label=_("Message to the team"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self.check_order()
        return data


class AnswerForm(forms.Form):
    note = forms.CharField(
        label=_("Message to the team"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ClaimForm(forms.Form):
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=None,
        error_messages={"required": _("Choose the team that brings it.")},
    )
    quantity = forms.IntegerField(
        label=_("Quantity"),
        min_value=1,
        required=False,
        help_text=_("Leave empty to take all that is left."),
        error_messages={"min_value": _("Claim at least 1.")},
    )
    deliver_by = forms.DateField(
        label=_("Deliver by"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Enter the date you will deliver by.")},
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, user: Any, has_quantity: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        teams = teams_user_acts_for(user).order_by("name")
        self.fields["team"].queryset = teams
        if len(teams) == 1:
            self.fields["team"].initial = teams[0].pk
        if not has_quantity:
            del self.fields["quantity"]
