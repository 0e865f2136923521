from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

FOCUS_CHOICES = [
    (100, _("All sites")),
    (50, _("The most neglected half")),
    (25, _("The most neglected quarter")),
]


def next_monday() -> object:
    today = timezone.localdate()
    return today + timedelta(days=(7 - today.weekday()) % 7 or 7)


class PlanForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    starts_on = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("To"), widget=forms.DateInput(attrs={"type": "date"})
    )
    focus_percent = forms.TypedChoiceField(
        label=_("Sites to include"), choices=FOCUS_CHOICES, coerce=int, initial=100
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        monday = next_monday()
        self.fields["starts_on"].initial = monday
        self.fields["ends_on"].initial = monday + timedelta(days=6)  # type: ignore[operator]
