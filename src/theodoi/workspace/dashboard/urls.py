from django.urls import path

from theodoi.workspace.dashboard import nation, views

app_name = "dashboard"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("nhiem-vu/", views.task_list, name="task_list"),
    path("co-quan/", views.agencies, name="agencies"),
    path("tong-hop/", nation.province, name="province"),
    path("toan-quoc/", nation.nation, name="nation"),
]
