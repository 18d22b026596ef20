from django.urls import path

from theodoi.exports.registry import Subject
from theodoi.exports.serving import exporter_paths
from theodoi.workspace.reporting.views import (
    changes,
    evidence,
    extensions,
    reports,
    review,
    rounds,
    workbook,
)

app_name = "reporting"

urlpatterns = [
    path("ky-bao-cao/", rounds.round_list, name="round_list"),
    path("ky-bao-cao/mo/<int:plan_id>/", rounds.round_open, name="round_open"),
    path("ky-bao-cao/<int:round_id>/don-vi/", reports.agency_page, name="agency"),
    path(
        "ky-bao-cao/<int:round_id>/nhiem-vu/<int:task_id>/",
        reports.task_update,
        name="task_update",
    ),
    path("ky-bao-cao/<int:round_id>/chi-tieu/", reports.figures_save, name="figures_save"),
    *exporter_paths(Subject.AGENCY_ROUND, workbook.workbook_download),
    path(
        "ky-bao-cao/<int:round_id>/bang-tinh/tai-len/",
        workbook.workbook_upload,
        name="workbook_upload",
    ),
    path(
        "ky-bao-cao/<int:round_id>/bang-tinh/ghi/", workbook.workbook_apply, name="workbook_apply"
    ),
    path("ky-bao-cao/<int:round_id>/xem-xet/", review.review, name="review"),
    path(
        "ky-bao-cao/<int:round_id>/xem-xet/<str:kind>/<int:report_id>/tiep-nhan/",
        review.review_accept,
        name="review_accept",
    ),
    path(
        "ky-bao-cao/<int:round_id>/xem-xet/<str:kind>/<int:report_id>/tra-lai/",
        review.review_return,
        name="review_return",
    ),
    path(
        "ky-bao-cao/<int:round_id>/xem-xet/tiep-nhan-nhieu/",
        review.review_bulk_accept,
        name="review_bulk_accept",
    ),
    path("ky-bao-cao/<int:round_id>/mo-lai/", rounds.round_reopen, name="round_reopen"),
    path("ky-bao-cao/<int:round_id>/ket-thuc/", rounds.round_close, name="round_close"),
    path("minh-chung/<int:evidence_id>/", evidence.evidence_download, name="evidence"),
    path("ky-bao-cao/<int:round_id>/dieu-chinh/", changes.round_manage, name="round_manage"),
    path("ky-bao-cao/<int:round_id>/gia-han/", changes.round_extend, name="round_extend"),
    path("ky-bao-cao/<int:round_id>/khoa/", changes.round_lock, name="round_lock"),
    path(
        "ky-bao-cao/<int:round_id>/mo-lai-cho-don-vi/",
        changes.round_reopen_agencies,
        name="round_reopen_agencies",
    ),
    path("ky-bao-cao/dot-xuat/<int:plan_id>/", changes.round_ad_hoc, name="round_ad_hoc"),
    path("nhiem-vu/<int:task_id>/thoi-han/", extensions.task_deadline, name="task_deadline"),
    path("gia-han/", extensions.extension_list, name="extension_list"),
    path(
        "gia-han/<int:extension_id>/quyet-dinh/",
        extensions.extension_decide,
        name="extension_decide",
    ),
]
