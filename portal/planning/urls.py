from django.urls import path

from portal.planning import views

app_name = "planning"

urlpatterns = [
    path("", views.plan_list, name="plans"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/ban-do.json", views.plan_geojson, name="plan_geojson"),
    path("<int:pk>/gui/", views.plan_send, name="plan_send"),
    path("goi-y/", views.my_suggestions, name="my_suggestions"),
    path("goi-y/<int:pk>/tra-loi/", views.decide, name="decide"),
    path("doi/<int:team_id>/goi-y/", views.team_suggestions, name="team_suggestions"),
    path("so-lieu/", views.city_figures, name="figures"),
    path("so-lieu/tai-ve.xlsx", views.city_figures_xlsx, name="figures_xlsx"),
    path("so-lieu-thanh-pho/", views.public_figures, name="public_figures"),
]
