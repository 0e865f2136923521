from django.utils.translation import gettext_lazy as _

from portal.core.errors import PortalError


class UnitCodeTaken(PortalError):
    status = 409
    code = "unit_code_taken"
    default_message = _("Another unit already uses this code.")


class UnitCycle(PortalError):
    code = "unit_cycle"
    default_message = _("A unit cannot be placed under itself or its own branch.")


class UnitOutsideScope(PortalError):
    status = 403
    code = "unit_outside_scope"
    default_message = _("The parent unit must be one you manage.")
