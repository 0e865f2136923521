from typing import Any

from django.conf import settings
from django.http import HttpRequest

from portal.core.navigation import menu_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    return {
        "menu": menu_for(request.user),
        "map_tile_url": settings.MAP_TILE_URL,
    }
