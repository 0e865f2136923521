"""Business-rule errors and the one place that turns them into responses.

Each rule the portal enforces raises a subclass of ``PortalError`` with a
translated message, a stable code and an HTTP status. Views and the API do
not catch them one by one: ``PortalErrorMiddleware`` renders them for pages
and ``api_exception_handler`` for the API.
"""

import logging
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions as drf_exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler

logger = logging.getLogger(__name__)


class PortalError(Exception):
    status: int = 400
    code: str = "invalid"
    default_message: Any = _("The request could not be carried out.")

    def __init__(self, message: Any = None, *, field: str | None = None) -> None:
        self.message = message or self.default_message
        self.field = field
        super().__init__(str(self.message))

    def as_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": self.code, "message": str(self.message)}
        if self.field:
            body["field"] = self.field
        return body


class AccessDenied(PortalError):
    status = 403
    code = "forbidden"
    default_message = _("You do not have permission to do this.")


class NotFound(PortalError):
    status = 404
    code = "not_found"
    default_message = _("Not found, or outside what you may see.")


class PortalErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        if not isinstance(exception, PortalError):
            return None
        logger.info("refused %s: %s", request.path, exception.code)
        if request.headers.get("HX-Request"):
            messages.error(request, exception.message)
        return render(
            request,
            "core/error.html",
            {"error": exception},
            status=exception.status,
        )


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, PortalError):
        return Response(exc.as_dict(), status=exc.status)

    if isinstance(exc, Http404):
        exc = NotFound()
        return Response(exc.as_dict(), status=exc.status)
    if isinstance(exc, DjangoPermissionDenied):
        exc = AccessDenied()
        return Response(exc.as_dict(), status=exc.status)

    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, drf_exceptions.ValidationError):
        response.data = {
            "code": "invalid",
            "message": str(_("Some fields are not valid.")),
            "fields": response.data,
        }
    elif isinstance(exc, drf_exceptions.APIException):
        response.data = {"code": exc.default_code, "message": str(exc.detail)}
    return response
