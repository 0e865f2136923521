from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.rounds.models import DEFAULT_REMINDER_DAYS, Round
from portal.rounds.services import LETTER_MAX_BYTES
from portal.teams.forms import CheckboxList
from portal.units.forms import PhoneField
from portal.units.models import Unit

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def check_reminder_days(value: str) -> str:
    parts = [p.strip() for p in value.split(",") if p.strip()]
    if not parts or not all(p.isdigit() and 0 < int(p) <= 60 for p in parts):
        raise ValidationError(
            _(
                "Reminder days: whole numbers from 1 to 60 separated by "
                "commas, e.g. 7,3,1."
            )
        )
    return ",".join(parts)


class LetterInput(forms.ClearableFileInput):
    """The letter on file, a box to remove it, and a file to replace it."""

    initial_text = _("Letter on file")
    input_text = _("Replace with")
    clear_checkbox_label = _("Remove the letter")


class LetterField(forms.FileField):
    widget = LetterInput
    default_error_messages = {
        "contradiction": _(
            "Letter: either choose a new file or tick “Remove the letter”, not both."
        ),
    }

    def clean(self, data: Any, initial: Any = None) -> Any:
        value = super().clean(data, initial)
        if not value or value is initial:
            return value
        if value.size > LETTER_MAX_BYTES:
            raise ValidationError(_("Letter: the file is larger than 10 MB."))
        head = value.read(5)
        value.seek(0)
        if head != b"%PDF-":
            raise ValidationError(_("Letter: this file is not a PDF."))
        return value


class RoundForm(forms.ModelForm):
    focal_phone = PhoneField(label=_("Focal person's phone"), required=True)
    letter = LetterField(label=_("Letter (PDF, at most 10 MB)"), required=False)
    units = forms.ModelMultipleChoiceField(
        label=_("Units asked"),
        queryset=Unit.objects.none(),
        required=False,
        widget=CheckboxList,
    )
    all_direct_units = forms.BooleanField(
        label=_("Ask all direct units of the City Union"), required=False
    )

    class Meta:
        model = Round
        fields = [
            "reference",
            "title",
            "lists",
            "opens_on",
            "due_on",
            "focal_name",
            "focal_phone",
            "focal_email",
            "letter",
            "reminder_days",
        ]
        widgets = {"opens_on": DATE, "due_on": DATE}

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reminder_days"].initial = DEFAULT_REMINDER_DAYS
        if editing:
            del self.fields["units"]
            del self.fields["all_direct_units"]
        else:
            self.fields["units"].queryset = Unit.objects.filter(
                is_active=True, depth__gte=1
            ).order_by("path")
            self.fields["units"].label_from_instance = _indented

    def clean_reminder_days(self) -> str:
        return check_reminder_days(self.cleaned_data["reminder_days"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        opens, due = data.get("opens_on"), data.get("due_on")
        if opens and due and due < opens:
            self.add_error(
                "due_on",
                _("Deadline: the deadline must not be before the opening date."),
            )
        if (
            "units" in self.fields
            and not data.get("units")
            and not data.get("all_direct_units")
        ):
            self.add_error(
                "units", _("Units asked: pick at least one unit, or all direct units.")
            )
        return data


def _indented(unit: Unit) -> str:
    return f"{'— ' * max(unit.depth - 1, 0)}{unit.name}"


class AskUnitsForm(forms.Form):
    """More units for an open round: those it does not ask yet."""

    units = forms.ModelMultipleChoiceField(
        label=_("More units to ask"),
        queryset=Unit.objects.none(),
        required=False,
        widget=CheckboxList,
        error_messages={
            "invalid_choice": _(
                "Units asked: %(value)s is already asked, closed or outside "
                "your scope; choose from the list."
            ),
            "invalid_pk_value": _("Units asked: “%(pk)s” is not a unit."),
        },
    )
    all_direct_units = forms.BooleanField(
        label=_("Ask all direct units of the City Union not asked yet"),
        required=False,
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units.select_related("parent").order_by("path")
        shown = set(units.values_list("pk", flat=True))

        # A branch whose parent is asked already would sit, indented, under
        # an unrelated unit: its parent is named beside it instead.
        def label(unit: Unit) -> str:
            if unit.depth < 2 or unit.parent_id in shown:
                return _indented(unit)
            return f"{_indented(unit)} ({unit.parent.name})"

        self.fields["units"].label_from_instance = label

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.errors and not (data.get("units") or data.get("all_direct_units")):
            self.add_error(
                "units", _("Units asked: pick at least one unit, or all direct units.")
            )
        return data


class ReturnForm(forms.Form):
    note = forms.CharField(
        label=_("What to fix, overall"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Your question"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AnnouncementForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 5}))
    round = forms.ModelChoiceField(
        label=_("About the round"), queryset=Round.objects.all(), required=False
    )
    units = forms.ModelMultipleChoiceField(
        label=_("Units"),
        queryset=Unit.objects.filter(is_active=True, depth__gte=1).order_by("path"),
        widget=CheckboxList,
        required=False,
    )
    all_direct_units = forms.BooleanField(
        label=_("All direct units of the City Union"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].label_from_instance = _indented

    def chosen_units(self) -> list[Unit]:
        chosen = {u.pk: u for u in self.cleaned_data.get("units") or []}
        if self.cleaned_data.get("all_direct_units"):
            for unit in Unit.objects.filter(depth=1, is_active=True):
                chosen[unit.pk] = unit
        return list(chosen.values())


class DuplicateForm(forms.Form):
    kind = forms.ChoiceField(choices=[("teams", "teams"), ("sites", "sites")])
    first = forms.CharField(max_length=40)
    second = forms.CharField(max_length=40)
    decision = forms.ChoiceField(choices=[("same", "same"), ("distinct", "distinct")])
