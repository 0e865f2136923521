from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from portal.core.selectors import dashboard_for, public_figures


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"figures": public_figures()})


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "core/dashboard.html", dashboard_for(request.user))


def ping(request: HttpRequest) -> HttpResponse:
    """Liveness for load balancers; touches neither database nor cache."""
    return HttpResponse("ok", content_type="text/plain")


def ready(request: HttpRequest) -> JsonResponse:
    """Readiness: this process can reach its database and cache."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    cache.set("core:ready", "1", 5)
    return JsonResponse({"database": "ok", "cache": cache.get("core:ready") == "1"})
