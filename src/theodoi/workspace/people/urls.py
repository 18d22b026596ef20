from django.urls import path

from theodoi.workspace.people import views

app_name = "people"

urlpatterns = [
    path("bang-dieu-khien/nguoi-phu-trach/", views.people, name="people"),
    path("bang-dieu-khien/nguoi-phu-trach/<int:in_charge_id>/", views.person, name="person"),
    path("nhiem-vu/<int:task_id>/nguoi-phu-trach/", views.task_people, name="task_people"),
]
