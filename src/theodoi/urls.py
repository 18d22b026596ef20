"""Root URLconf: staff workspace at the root, accounts, and Django admin for IT staff only."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("quan-tri/", admin.site.urls),
    path("cong-khai/", include("theodoi.portal.urls")),
    path("bang-dieu-khien/", include("theodoi.workspace.dashboard.urls")),
    path("", include("theodoi.notify.urls")),
    path("", include("theodoi.workspace.exports.urls")),
    path("", include("theodoi.workspace.reporting.urls")),
    path("", include("theodoi.workspace.urls")),
]
