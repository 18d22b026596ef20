from django.urls import path

from theodoi.notify import views

app_name = "notify"

urlpatterns = [
    path("thong-bao/", views.notice_list, name="notice_list"),
    path("thong-bao/<int:notice_id>/da-doc/", views.notice_read, name="notice_read"),
    path("thong-bao/da-doc-het/", views.notice_read_all, name="notice_read_all"),
    path("thong-bao/cai-dat/", views.preferences, name="preferences"),
]
