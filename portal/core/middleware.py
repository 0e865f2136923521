"""Request ids, so that every log line of one request can be followed."""

import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

_request_id: ContextVar[str] = ContextVar("request_id", default="-")
_user_id: ContextVar[str] = ContextVar("user_id", default="-")

# A load balancer may pass its own id; accept only a harmless shape of it.
_INCOMING_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-Id", "")
        request_id = incoming if _INCOMING_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
            _user_id.set("-")
        response["X-Request-Id"] = request_id
        return response


def note_user(user_id: int | None) -> None:
    """Attach the signed-in user's id to the log lines that follow."""
    _user_id.set(str(user_id) if user_id else "-")


def install_log_record_factory() -> None:
    """Stamp every log record with the current request and user ids.

    A record factory reaches every handler, including ones added later
    (test log capture, an error tracker), where a handler filter would not.
    """
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        record.request_id = _request_id.get()
        record.user_id = _user_id.get()
        return record

    logging.setLogRecordFactory(factory)


class RequestIdFilter(logging.Filter):
    """Fill the ids in for records made before the factory was installed."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = _request_id.get()
            record.user_id = _user_id.get()
        return True


class UserLogMiddleware:
    """Put the signed-in user's id on the request's log lines."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            note_user(user.pk)
        return self.get_response(request)


class LanguageMiddleware:
    """Vietnamese unless the visitor chose another language on the page.

    Many phones here are set to English, so the browser's Accept-Language
    would turn the portal English for people who read Vietnamese best;
    only an explicit choice (the language cookie) changes it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        available = {code for code, _ in settings.LANGUAGES}
        language = chosen if chosen in available else settings.LANGUAGE_CODE

        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
