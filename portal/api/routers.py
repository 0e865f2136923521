"""The router every app's API uses."""

from typing import Any

from rest_framework.routers import SimpleRouter


class IdRouter(SimpleRouter):
    """A router whose detail URLs match numeric ids only.

    DRF's default matches any text, so "/visits/abc/accept/" would reach
    the view and fail converting "abc" to an id; here it is a plain 404.
    A viewset that looks rows up by something else sets
    ``lookup_value_regex`` itself.
    """

    def get_lookup_regex(self, viewset: Any, lookup_prefix: str = "") -> str:
        lookup_field = getattr(viewset, "lookup_field", "pk")
        kwarg = getattr(viewset, "lookup_url_kwarg", None) or lookup_field
        value = getattr(viewset, "lookup_value_regex", r"[0-9]+")
        return f"(?P<{lookup_prefix}{kwarg}>{value})"
