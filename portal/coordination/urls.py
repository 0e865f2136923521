from django.urls import path

from portal.coordination import views

app_name = "coordination"

urlpatterns = [
    path("", views.index, name="index"),
    path("dia-chi/<int:pk>/lich/", views.site_calendar, name="calendar"),
    path("dia-chi/<int:pk>/xin-den-tham/", views.visit_ask, name="ask"),
    path("chuyen-tham/<int:pk>/", views.visit_detail, name="visit"),
    path(
        "chuyen-tham/<int:pk>/<str:action>/",
        views.visit_action,
        name="visit_action",
    ),
    path("nhu-cau/<int:pk>/nhan/", views.need_claim, name="claim"),
    path("cam-ket/<int:pk>/<str:action>/", views.claim_action, name="claim_action"),
    path("bao-phu/", views.coverage_board, name="board"),
    path("bao-phu/ban-do.geojson", views.coverage_geojson, name="coverage_geojson"),
    path("bao-phu/gini.json", views.coverage_gini, name="coverage_gini"),
]
