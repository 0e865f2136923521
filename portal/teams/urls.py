from django.urls import path

from portal.teams import views

app_name = "teams"

urlpatterns = [
    path("", views.team_list, name="list"),
    path("<int:pk>/", views.team_detail, name="detail"),
    path("<int:pk>/sua/", views.team_edit, name="edit"),
]
