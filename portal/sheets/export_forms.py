"""What a person picks before downloading a list."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.access.policy import scope_of
from portal.rounds.models import Round
from portal.sheets.downloads import exportable_units


class ExportForm(forms.Form):
    list = forms.ChoiceField(
        label=_("List"),
        choices=[
            ("teams", _("Form 1: clubs, teams and groups")),
            ("sites", _("Form 2: volunteer addresses")),
        ],
    )
    filetype = forms.ChoiceField(
        label=_("File type"),
        choices=[("xlsx", _("Excel workbook (.xlsx)")), ("csv", _("CSV (.csv)"))],
        initial="xlsx",
    )
    unit = forms.CharField(label=_("Unit"), required=False, max_length=40)
    round = forms.IntegerField(label=_("Collection round"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope = scope_of(user)
        everything = _("The whole city") if scope.is_coordinator else _("All my units")
        units = exportable_units(user).order_by("path").values_list("code", "name")
        self.fields["unit"].widget = forms.Select(
            choices=[("", everything), *units[:500]]
        )
        if scope.is_coordinator:
            rounds = Round.objects.order_by("-opens_on").values_list("pk", "title")
            self.fields["round"].widget = forms.Select(
                choices=[("", _("None: the current lists")), *rounds[:100]]
            )
            self.fields["round"].help_text = _(
                "A round's merged list holds what units sent and the city approved."
            )
        else:
            # Kept, so that asking for a round is refused rather than ignored.
            self.fields["round"].widget = forms.HiddenInput()
