from django.urls import path

from theodoi.workspace.exports import views

app_name = "exports"

urlpatterns = [
    path("ky-bao-cao/<int:round_id>/bao-cao.docx", views.round_report, name="round_report"),
    path("ke-hoach/<int:plan_id>/bang-nhiem-vu.xlsx", views.plan_table, name="plan_table"),
]
