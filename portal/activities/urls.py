from django.urls import path

from portal.activities import views

app_name = "activities"

urlpatterns = [
    path("", views.activity_list, name="list"),
    path("<int:pk>/", views.activity_detail, name="detail"),
    path("tao/", views.activity_create, name="create"),
    path("quan-ly/", views.manage_list, name="manage"),
    path("<int:pk>/sua/", views.activity_edit, name="edit"),
    path("<int:pk>/ca/", views.activity_shifts, name="shifts"),
    path("<int:pk>/<slug:verb>/", views.activity_transition, name="transition"),
    path("ca/<int:pk>/dang-ky/", views.shift_signup, name="signup"),
    path("ca/<int:pk>/danh-sach/", views.shift_roster, name="roster"),
    path("ca/<int:pk>/danh-sach.csv", views.roster_csv, name="roster-csv"),
    path("dang-ky/<int:pk>/huy/", views.signup_cancel, name="signup-cancel"),
    path("dang-ky/<int:pk>/lich.ics", views.signup_ics, name="signup-ics"),
    path("cua-toi/", views.my_signup_list, name="mine"),
    path("lich/<str:token>.ics", views.calendar_feed, name="feed"),
]
