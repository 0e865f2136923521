from django.utils.translation import gettext_lazy as _

from portal.core.errors import PortalError


class EmailTaken(PortalError):
    status = 409
    code = "email_taken"
    default_message = _("An account with this e-mail address already exists.")


class PhoneTaken(PortalError):
    status = 409
    code = "phone_taken"
    default_message = _("An account with this phone number already exists.")


class ConsentMissing(PortalError):
    code = "consent_missing"
    default_message = _("Please agree to the processing of your personal data.")
