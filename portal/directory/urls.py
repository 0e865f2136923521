from django.urls import path

from portal.directory import views

app_name = "directory"

urlpatterns = [
    path("danh-ba/", views.team_directory, name="teams"),
    path("danh-ba/<int:pk>/", views.team_page, name="team"),
    path("dia-chi-tinh-nguyen/<int:pk>/", views.site_page, name="site"),
    path("ban-do/", views.site_map, name="map"),
    path("kenh-cong-dong/", views.channels, name="channels"),
]
