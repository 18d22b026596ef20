from django.urls import path

from theodoi.workspace.feedback import views

app_name = "feedback"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:feedback_id>/", views.detail, name="detail"),
    path("<int:feedback_id>/chuyen/", views.route, name="route"),
    path("<int:feedback_id>/tra-loi/", views.answer, name="answer"),
    path("<int:feedback_id>/cong-khai/", views.publish, name="publish"),
]
