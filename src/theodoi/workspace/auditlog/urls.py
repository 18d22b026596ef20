from django.urls import path

from theodoi.exports.registry import Subject
from theodoi.exports.serving import exporter_paths
from theodoi.workspace.auditlog import views

app_name = "auditlog"

urlpatterns = [
    path("nhat-ky/", views.entry_list, name="entries"),
    *exporter_paths(Subject.AUDIT, views.export),
]
