"""Root URLconf: staff workspace at the root, accounts, the site's icon, and Django admin for IT
staff only."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from theodoi.workspace import sso
from theodoi.workspace.views import accounts

urlpatterns = [
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", accounts.PasswordChange.as_view(), name="password_change"),
    path(
        "doi-mat-khau/xong/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("quen-mat-khau/", accounts.PasswordReset.as_view(), name="password_reset"),
    path(
        "quen-mat-khau/da-gui/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        accounts.PasswordResetConfirm.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "dat-lai-mat-khau/xong/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("dang-nhap/sso/", sso.start, name="oidc_authentication_init"),
    path("dang-nhap/sso/ve/", sso.callback, name="oidc_authentication_callback"),
    path("quan-tri/", admin.site.urls),
    # Browsers and feed readers ask for /favicon.ico whatever the page links to.
    path(
        "favicon.ico",
        RedirectView.as_view(url=f"{settings.STATIC_URL}theodoi/favicon.svg"),
        name="favicon",
    ),
    path("cong-khai/", include("theodoi.portal.urls")),
    path("bang-dieu-khien/", include("theodoi.workspace.dashboard.urls")),
    path("", include("theodoi.api.urls")),
    path("hop-thu-gop-y/", include("theodoi.workspace.feedback.urls")),
    path("chi-dao/", include("theodoi.workspace.directives.urls")),
    path("", include("theodoi.notify.urls")),
    path("", include("theodoi.workspace.exports.urls")),
    path("", include("theodoi.workspace.reporting.urls")),
    path("", include("theodoi.workspace.urls")),
    path("", include("theodoi.workspace.coverage.urls")),
    # An invitation: a new account chooses its password (theodoi.orgs.invitations).
    path(
        "kich-hoat/<uidb64>/<token>/",
        accounts.InvitationAccept.as_view(),
        name="invitation_accept",
    ),
    path("", include("theodoi.workspace.scoring.urls")),
    path("", include("theodoi.workspace.auditlog.urls")),
    path("", include("theodoi.workspace.people.urls")),
]
