"""Downloads of reports: a round's Word report and a plan's Excel table (the registry's)."""

from theodoi.exports.registry import Subject
from theodoi.exports.serving import exporter_paths
from theodoi.workspace.exports import views

app_name = "exports"

urlpatterns = [
    *exporter_paths(Subject.ROUND, views.round_download),
    *exporter_paths(Subject.PLAN, views.plan_download),
]
