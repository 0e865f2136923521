from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from portal.places.models import Ward


def wards(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    qs = Ward.objects.in_city()
    if query:
        qs = qs.search(query)
    page = Paginator(qs.order_by("name"), 30).get_page(request.GET.get("page"))

    template = "places/_ward_rows.html" if request.htmx else "places/wards.html"
    return render(request, template, {"page": page, "query": query})
