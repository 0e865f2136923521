from django.urls import path

from portal.rounds import views

app_name = "rounds"

urlpatterns = [
    path("", views.round_list, name="list"),
    path("mo-dot/", views.round_create, name="create"),
    path("<int:pk>/", views.round_detail, name="detail"),
    path("<int:pk>/sua/", views.round_edit, name="edit"),
    path("<int:pk>/them-don-vi/", views.round_add_units, name="add-units"),
    path("<int:pk>/lich-su/", views.round_history, name="history"),
    path("<int:pk>/theo-doi/", views.board, name="board"),
    path("<int:pk>/theo-doi.xlsx", views.board_download, name="board-xlsx"),
    path("<int:pk>/tong-hop/", views.merged, name="merged"),
    path("<int:pk>/tong-hop/trung-lap/", views.merged_decide, name="merged-decide"),
    path(
        "<int:pk>/tong-hop/<str:kind>.xlsx",
        views.merged_download,
        name="merged-xlsx",
    ),
    path("don-vi/<int:pk>/", views.assignment_detail, name="assignment"),
    path("don-vi/<int:pk>/bat-dau/", views.assignment_start, name="start"),
    path("don-vi/<int:pk>/nop/", views.assignment_submit, name="submit"),
    path("don-vi/<int:pk>/hoi/", views.question_ask, name="ask"),
    path("cau-hoi/<int:pk>/tra-loi/", views.question_answer, name="answer"),
    path("bai-nop/<int:pk>/", views.submission_detail, name="submission"),
    path("bai-nop/<int:pk>/duyet/", views.submission_approve, name="approve"),
    path("bai-nop/<int:pk>/tra-lai/", views.submission_return, name="return"),
    path("bai-nop/<int:pk>/rut/", views.submission_withdraw, name="withdraw"),
    path("thong-bao/", views.announcement_list, name="announcements"),
    path("thong-bao/dang/", views.announcement_create, name="announce"),
    path("thong-bao/<int:pk>/", views.announcement_detail, name="announcement"),
]
