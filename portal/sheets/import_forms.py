"""The upload form of a Mẫu 1 or Mẫu 2 list."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.access.policy import Action, managed
from portal.sheets.models import SheetImport
from portal.units.models import Unit


class ImportForm(forms.Form):
    list = forms.ChoiceField(label=_("List"), choices=SheetImport.Kind.choices)
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.none(),
        help_text=_("The records are added to this unit (or to its branches)."),
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "Excel (.xlsx, .xls), OpenDocument (.ods) or CSV, laid out like "
            "the Form 1 or Form 2 template. Nothing is written until you "
            "review the report and confirm."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls,.ods,.csv"}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = managed(user, Unit, Action.CHANGE).filter(is_active=True)
        self.fields["unit"].queryset = units.order_by("path")
