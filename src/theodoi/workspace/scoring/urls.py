from django.urls import path

from theodoi.workspace.scoring import views

app_name = "scoring"

urlpatterns = [
    path("ke-hoach/<int:plan_id>/cham-diem/", views.settings_page, name="settings"),
    path("ke-hoach/<int:plan_id>/cham-diem/xem-truoc/", views.preview, name="preview"),
    path("ke-hoach/<int:plan_id>/cham-diem/luu/", views.save, name="save"),
    path("ke-hoach/<int:plan_id>/cham-diem/cong-bo/", views.publish, name="publish"),
    path(
        "ke-hoach/<int:plan_id>/cham-diem/thu-hoi/<int:publication_id>/",
        views.withdraw,
        name="withdraw",
    ),
    path(
        "ke-hoach/<int:plan_id>/cham-diem/co-quan/<int:agency_id>/",
        views.explanation,
        name="explanation",
    ),
]
