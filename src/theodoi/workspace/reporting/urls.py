from django.urls import path

from theodoi.workspace.reporting import views

app_name = "reporting"

urlpatterns = [
    path("ky-bao-cao/", views.round_list, name="round_list"),
    path("ky-bao-cao/mo/<int:plan_id>/", views.round_open, name="round_open"),
    path("ky-bao-cao/<int:round_id>/don-vi/", views.agency_page, name="agency"),
    path(
        "ky-bao-cao/<int:round_id>/nhiem-vu/<int:task_id>/",
        views.task_update,
        name="task_update",
    ),
    path(
        "ky-bao-cao/<int:round_id>/nhiem-vu/<int:task_id>/minh-chung/",
        views.evidence_attach,
        name="evidence_attach",
    ),
    path(
        "ky-bao-cao/<int:round_id>/chi-tieu/<int:indicator_id>/",
        views.figure_save,
        name="figure_save",
    ),
    path("ky-bao-cao/<int:round_id>/bang-tinh/", views.workbook_download, name="workbook"),
    path(
        "ky-bao-cao/<int:round_id>/bang-tinh/tai-len/",
        views.workbook_upload,
        name="workbook_upload",
    ),
    path("ky-bao-cao/<int:round_id>/bang-tinh/ghi/", views.workbook_apply, name="workbook_apply"),
    path("ky-bao-cao/<int:round_id>/xem-xet/", views.review, name="review"),
    path(
        "ky-bao-cao/<int:round_id>/xem-xet/<str:kind>/<int:report_id>/tiep-nhan/",
        views.review_accept,
        name="review_accept",
    ),
    path(
        "ky-bao-cao/<int:round_id>/xem-xet/<str:kind>/<int:report_id>/tra-lai/",
        views.review_return,
        name="review_return",
    ),
    path(
        "ky-bao-cao/<int:round_id>/xem-xet/tiep-nhan-nhieu/",
        views.review_bulk_accept,
        name="review_bulk_accept",
    ),
    path("ky-bao-cao/<int:round_id>/mo-lai/", views.round_reopen, name="round_reopen"),
    path("ky-bao-cao/<int:round_id>/ket-thuc/", views.round_close, name="round_close"),
    path("minh-chung/<int:evidence_id>/", views.evidence_download, name="evidence"),
]
