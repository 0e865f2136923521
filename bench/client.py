"""A very small HTTP client: one visitor, timed requests, a cookie jar.

The standard library is enough here and keeps the client's own cost low
and steady. Each request opens a fresh loopback connection because
gunicorn's sync workers close the connection after every response.
"""

import re
import time
from dataclasses import dataclass
from email.message import Message
from http.client import HTTPConnection
from http.cookies import CookieError, SimpleCookie
from urllib.parse import urlencode

# The portal sits behind a TLS proxy in production; this header is how the
# proxy tells Django the visitor came over HTTPS (SECURE_PROXY_SSL_HEADER),
# so the secure-only cookies and CSRF origin checks work as they do there.
_PROXY_HEADERS = {"X-Forwarded-Proto": "https", "Connection": "close"}

_CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass(frozen=True)
class Response:
    status: int
    headers: Message
    body: bytes
    ms: float

    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def form_csrf_token(self) -> str | None:
        found = _CSRF_FIELD.search(self.text())
        return found.group(1) if found else None


class Browser:
    def __init__(self, host: str, port: int, timeout_s: float = 30.0) -> None:
        self.host = host
        self.port = port
        self.timeout_s = timeout_s
        self.cookies: dict[str, str] = {}

    @property
    def origin(self) -> str:
        return f"https://{self.host}:{self.port}"

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post_form(self, path: str, fields: dict[str, str], referer: str) -> Response:
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": self.origin,
            "Referer": f"{self.origin}{referer}",
        }
        return self.request("POST", path, urlencode(fields).encode(), headers)

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        sent = {"User-Agent": "portal-bench", **_PROXY_HEADERS, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())

        started = time.perf_counter()
        connection = HTTPConnection(self.host, self.port, timeout=self.timeout_s)
        try:
            connection.request(method, path, body=body, headers=sent)
            answer = connection.getresponse()
            content = answer.read()
        finally:
            connection.close()
        elapsed_ms = (time.perf_counter() - started) * 1000

        self._remember(answer.msg.get_all("Set-Cookie") or [])
        return Response(answer.status, answer.msg, content, elapsed_ms)

    def _remember(self, set_cookie_headers: list[str]) -> None:
        for header in set_cookie_headers:
            jar: SimpleCookie = SimpleCookie()
            try:
                jar.load(header)
            except CookieError:
                continue
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
