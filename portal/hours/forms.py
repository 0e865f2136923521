from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.units.models import Unit


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Check-in code"),
        max_length=60,
        help_text=_("If the camera does not work, type the code under the QR code."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters"}
        ),
    )


class VerifyForm(forms.Form):
    hours = forms.CharField(
        label=_("Hours"),
        max_length=10,
        required=False,
        help_text=_("Leave empty to accept the hours from the check-in times."),
    )
    reason = forms.CharField(
        label=_("Reason for a correction"), max_length=500, required=False
    )


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)


class ReportForm(forms.Form):
    work_date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    hours = forms.CharField(label=_("Hours"), max_length=10)
    description = forms.CharField(
        label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3})
    )
    organisation = forms.CharField(
        label=_("Where, with whom"), max_length=200, required=False
    )
    unit = forms.ModelChoiceField(
        label=_("Unit that approves the hours"),
        queryset=Unit.objects.filter(is_active=True),
        to_field_name="code",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["work_date"].initial = timezone.localdate()


class HoursPerDayForm(forms.Form):
    hours_per_day = forms.CharField(label=_("Hours per social-work day"), max_length=6)


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
