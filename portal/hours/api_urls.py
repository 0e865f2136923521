"""The hours app's endpoints under /api/v1/."""

from django.urls import include, path

from portal.api.routers import IdRouter
from portal.hours import api

router = IdRouter()
router.register("check-ins", api.CheckInViewSet, basename="check-in")
router.register("hour-records", api.HourRecordViewSet, basename="hour-record")

app_name = "hours-api"

urlpatterns = [
    path("", include(router.urls)),
    path("me/record/", api.MyRecordView.as_view(), name="my-record"),
    path(
        "me/check-in-codes/<int:signup_id>/",
        api.MyCodeView.as_view(),
        name="my-check-in-code",
    ),
    path(
        "certificates/<str:public_id>/check/",
        api.CertificateCheckView.as_view(),
        name="certificate-check",
    ),
]
