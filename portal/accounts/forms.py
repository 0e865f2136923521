import datetime as dt
from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.template import loader
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import User, age_on
from portal.core.tasks import send_email
from portal.lib.phones import InvalidPhone, normalize_phone


class SignInForm(AuthenticationForm):
    username = forms.CharField(
        label=_("E-mail or phone number"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        "invalid_login": _(
            "The e-mail, phone number or password is not right. "
            "Check them and try again."
        ),
        "inactive": _("This account is disabled."),
    }


MAX_AGE = 120


def birth_date_field() -> forms.DateField:
    """An optional date of birth, written the Vietnamese way (dd/mm/yyyy)."""
    return forms.DateField(
        label=_("Date of birth"),
        required=False,
        input_formats=["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"],
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        help_text=_(
            "Optional, as dd/mm/yyyy. Some activities have a minimum age; "
            "they need it to take your sign-up."
        ),
        error_messages={
            "invalid": _("Write the date of birth as dd/mm/yyyy, e.g. 15/08/2004.")
        },
    )


def check_birth_date(born: dt.date | None) -> dt.date | None:
    if born is None:
        return None
    today = timezone.localdate()
    if born > today:
        raise forms.ValidationError(_("The date of birth cannot be in the future."))
    if age_on(born, today) > MAX_AGE:
        raise forms.ValidationError(
            _(
                "This date of birth gives an age over %(max)s years; "
                "please check the year."
            )
            % {"max": MAX_AGE}
        )
    return born


class RegistrationForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone number"), max_length=20, required=False)
    birth_date = birth_date_field()
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the portal keeps my name and contact details to "
            "organise volunteering, as its privacy notice explains."
        ),
        required=True,
        error_messages={
            "required": _("Please agree to the processing of your personal data.")
        },
    )

    def clean_phone(self) -> str:
        raw = self.cleaned_data["phone"].strip()
        if not raw:
            return ""
        try:
            phone = normalize_phone(raw)
        except InvalidPhone:
            raise forms.ValidationError(
                _("This is not a Vietnamese phone number, e.g. 0908123456.")
            ) from None
        if User.objects.filter(phone=phone).exists():
            raise forms.ValidationError(
                _("An account with this phone number already exists.")
            )
        return phone

    def clean_birth_date(self) -> dt.date | None:
        return check_birth_date(self.cleaned_data["birth_date"])

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if email and User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("An account with this e-mail address already exists.")
            )
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("email") and not data.get("phone") and not self.errors:
            raise forms.ValidationError(
                _("Give an e-mail address or a phone number to sign in with.")
            )
        password = data.get("password")
        if password:
            candidate = User(
                full_name=data.get("full_name", ""), email=data.get("email") or None
            )
            try:
                password_validation.validate_password(password, candidate)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data


class BirthDateForm(forms.Form):
    """A volunteer sets or clears their own date of birth."""

    birth_date = birth_date_field()

    def clean_birth_date(self) -> dt.date | None:
        return check_birth_date(self.cleaned_data["birth_date"])


class QueuedPasswordResetForm(PasswordResetForm):
    """Sends the reset mail from the task worker, not inside the request."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(
            loader.render_to_string(subject_template_name, context).splitlines()
        )
        body = loader.render_to_string(email_template_name, context)
        send_email.enqueue(to=[to_email], subject=subject, body=body)
