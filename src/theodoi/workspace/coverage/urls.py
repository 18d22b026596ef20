from django.urls import path

from theodoi.workspace.coverage import links, views

app_name = "coverage"

urlpatterns = [
    path("bao-phu/", views.coverage_page, name="coverage"),
    path("ke-hoach/<int:plan_id>/lien-ket/", links.plan_links, name="plan_links"),
    path("ke-hoach/<int:plan_id>/lien-ket/quyet-dinh/", links.link_decide, name="link_decide"),
    path("ke-hoach/<int:plan_id>/lien-ket/chon/", links.link_choose, name="link_choose"),
]
