from django.urls import path

from theodoi.workspace.directives import views

app_name = "directives"

urlpatterns = [
    path("", views.directive_list, name="list"),
    path("ke-hoach/<int:plan_id>/moi/", views.directive_new, name="new"),
    path("<int:directive_id>/", views.detail, name="detail"),
    path("<int:directive_id>/tra-loi/", views.answer, name="answer"),
]
