from django.urls import path

from theodoi.workspace.views import home, imports, plans

app_name = "workspace"

urlpatterns = [
    path("", home.home, name="home"),
    path("ke-hoach/", plans.plan_list, name="plan_list"),
    path("ke-hoach/<int:plan_id>/", plans.plan_detail, name="plan_detail"),
    path("nhap-ke-hoach/", imports.upload, name="import_upload"),
    path("nhap-ke-hoach/<int:draft_id>/", imports.preview, name="import_preview"),
    path("nhap-ke-hoach/<int:draft_id>/sua-o/", imports.edit_cell, name="import_edit_cell"),
    path(
        "nhap-ke-hoach/<int:draft_id>/co-quan/", imports.map_agency_name, name="import_map_agency"
    ),
    path("nhap-ke-hoach/<int:draft_id>/cong-bo/", imports.publish, name="import_publish"),
    path("nhap-ke-hoach/<int:draft_id>/huy/", imports.discard, name="import_discard"),
]
