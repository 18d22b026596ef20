from django.urls import path

from theodoi.exports.registry import Subject
from theodoi.exports.serving import exporter_paths
from theodoi.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("du-lieu-mo/", views.data_dictionary, name="data_dictionary"),
    path("gop-y/", views.feedback, name="feedback"),
    path("ke-hoach/<int:plan_id>/", views.plan_detail, name="plan_detail"),
    path(
        "ke-hoach/<int:plan_id>/chi-tieu/<int:indicator_id>/",
        views.indicator_detail,
        name="indicator_detail",
    ),
    path(
        "ke-hoach/<int:plan_id>/co-quan/<int:agency_id>/",
        views.agency_detail,
        name="agency_detail",
    ),
    path("ke-hoach/<int:plan_id>/xep-hang/", views.ranking, name="ranking"),
    *exporter_paths(Subject.DATASET, views.open_data),
    path(
        "ke-hoach/<int:plan_id>/xep-hang/<int:agency_id>/",
        views.score_explanation,
        name="score_explanation",
    ),
]
