from django.urls import path

from portal.teams import views

app_name = "teams"

urlpatterns = [
    path("", views.team_list, name="list"),
    path("them/", views.team_create, name="create"),
    path("gop/", views.team_merge, name="merge"),
    path("<int:pk>/", views.team_detail, name="detail"),
    path("<int:pk>/sua/", views.team_edit, name="edit"),
]
