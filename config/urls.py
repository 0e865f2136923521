from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.authtoken.views import obtain_auth_token

urlpatterns = [
    path("", include("portal.core.urls")),
    path("tai-khoan/", include("portal.accounts.urls")),
    path("don-vi/", include("portal.units.urls")),
    path("doi-nhom/", include("portal.teams.urls")),
    path("dia-chi/", include("portal.sites.urls")),
    path("", include("portal.places.urls")),
    path("", include("portal.directory.urls")),
    path("thong-bao/", include("portal.notices.urls")),
    path("bang-tinh/", include("portal.sheets.urls")),
    path("dot-ra-soat/", include("portal.rounds.urls")),
    path("hoat-dong/", include("portal.activities.urls")),
    path("gio-tinh-nguyen/", include("portal.hours.urls")),
    path("dieu-phoi/", include("portal.coordination.urls")),
    path("ke-hoach/", include("portal.planning.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("quan-tri/", admin.site.urls),
    path("api/v1/", include("portal.api.urls")),
    path("api/v1/", include("portal.notices.api_urls")),
    path("api/v1/", include("portal.sheets.api_urls")),
    path("api/v1/", include("portal.rounds.api_urls")),
    path("api/v1/", include("portal.activities.api_urls")),
    path("api/v1/", include("portal.hours.api_urls")),
    path("api/v1/", include("portal.coordination.api_urls")),
    path("api/v1/", include("portal.planning.api_urls")),
    path("api/v1/auth/token/", obtain_auth_token, name="api-token"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/docs/",
        SpectacularSwaggerView.as_view(url_name="api-schema"),
        name="api-docs",
    ),
]
