from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from portal.notices import services
from portal.notices.models import Notice


@login_required
def notice_list(request: HttpRequest) -> HttpResponse:
    # Unread first, newest first within each part.
    notices = Notice.objects.filter(user=request.user).order_by(
        F("read_at").asc(nulls_first=True), "-created_at", "-pk"
    )
    page = Paginator(notices, 20).get_page(request.GET.get("page"))
    return render(request, "notices/notice_list.html", {"page": page})


@login_required
@require_POST
def notice_read(request: HttpRequest) -> HttpResponse:
    ids = [int(i) for i in request.POST.getlist("notice") if i.isdigit()]
    services.mark_read(request.user, ids or None)
    return redirect("notices:list")
