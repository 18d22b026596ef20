from django.urls import path

from theodoi.workspace.views import (
    agencies,
    amendments,
    home,
    import_rows,
    imports,
    people,
    plans,
    tasks,
)

app_name = "workspace"

urlpatterns = [
    path("", home.home, name="home"),
    path("vai-tro/", home.choose_role, name="choose_role"),
    path("ke-hoach/", plans.plan_list, name="plan_list"),
    path("ke-hoach/<int:plan_id>/", plans.plan_detail, name="plan_detail"),
    path(
        "ke-hoach/<int:plan_id>/tim-co-quan/",
        agencies.find_plan_agencies,
        name="plan_find_agencies",
    ),
    path("ke-hoach/<int:plan_id>/tim-nhiem-vu/", tasks.find_plan_tasks, name="plan_find_tasks"),
    path("nhap-ke-hoach/", imports.upload, name="import_upload"),
    path("nhap-ke-hoach/<int:draft_id>/", imports.preview, name="import_preview"),
    path("nhap-ke-hoach/<int:draft_id>/sua-o/", imports.edit_cell, name="import_edit_cell"),
    path(
        "nhap-ke-hoach/<int:draft_id>/co-quan/", imports.map_agency_name, name="import_map_agency"
    ),
    path("nhap-ke-hoach/<int:draft_id>/dong/", import_rows.row_action, name="import_row"),
    path("nhap-ke-hoach/<int:draft_id>/tach/", import_rows.split_row, name="import_split"),
    path("nhap-ke-hoach/<int:draft_id>/gop/", import_rows.merge_rows, name="import_merge"),
    path("nhap-ke-hoach/<int:draft_id>/them/", import_rows.add_row, name="import_add"),
    path(
        "nhap-ke-hoach/<int:draft_id>/doan-van/",
        import_rows.paragraphs,
        name="import_paragraphs",
    ),
    path(
        "nhap-ke-hoach/<int:draft_id>/chi-tieu-thieu/",
        import_rows.fill_indicators,
        name="import_fill_indicators",
    ),
    path("nhap-ke-hoach/<int:draft_id>/hoan-tac/", import_rows.undo, name="import_undo"),
    path(
        "nhap-ke-hoach/<int:draft_id>/tim-co-quan/",
        import_rows.find_agencies,
        name="import_find_agencies",
    ),
    path(
        "nhap-ke-hoach/<int:draft_id>/doc-thoi-gian/",
        import_rows.read_time,
        name="import_read_time",
    ),
    path("nhap-ke-hoach/<int:draft_id>/cong-bo/", imports.publish, name="import_publish"),
    path("nhap-ke-hoach/<int:draft_id>/huy/", imports.discard, name="import_discard"),
    path("tai-khoan/", people.people, name="people"),
    path("tai-khoan/tao/", people.person_create, name="person_create"),
    path("tai-khoan/danh-sach/", people.people_upload, name="people_upload"),
    path("tai-khoan/danh-sach/tao/", people.people_import, name="people_import"),
    path("tai-khoan/<int:person_id>/khoa/", people.person_disable, name="person_disable"),
    path("tai-khoan/<int:person_id>/mo-khoa/", people.person_enable, name="person_enable"),
    path("tai-khoan/<int:person_id>/gui-lai/", people.person_resend, name="person_resend"),
    path("tai-khoan/<int:person_id>/vai-tro/", people.person_role, name="person_role"),
    path("tai-khoan-cua-toi/", people.my_account, name="my_account"),
    path("ke-hoach/<int:plan_id>/dieu-chinh/", amendments.plan_amendments, name="plan_amendments"),
    path(
        "ke-hoach/<int:plan_id>/dieu-chinh/nhiem-vu/<int:task_id>/",
        amendments.task_amend,
        name="task_amend",
    ),
    path(
        "ke-hoach/<int:plan_id>/dieu-chinh/them-nhiem-vu/",
        amendments.task_add,
        name="task_add",
    ),
    path(
        "ke-hoach/<int:plan_id>/dieu-chinh/nhiem-vu/<int:task_id>/luu-tru/",
        amendments.task_archive,
        name="task_archive",
    ),
    path(
        "ke-hoach/<int:plan_id>/dieu-chinh/chi-tieu/<int:indicator_id>/",
        amendments.indicator_amend,
        name="indicator_amend",
    ),
    path("ke-hoach/<int:plan_id>/thu-hoi/", amendments.plan_withdraw, name="plan_withdraw"),
]
