"""A person's notices, marking them read, and which kinds come by e-mail. Thin: the writes are
``notify.services``'s."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from theodoi.notify.errors import NotifyError
from theodoi.notify.inbox import (
    email_preferences,
    mark_all_read,
    mark_read,
    set_email_preferences,
)
from theodoi.notify.models import Notice, NoticeKind
from theodoi.users import AuthenticatedRequest
from theodoi.workspace.views.gates import staff_required

PAGE_SIZE = 30


@staff_required
def notice_list(request: AuthenticatedRequest) -> HttpResponse:
    notices = Notice.objects.filter(recipient=request.user)
    page = Paginator(notices, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "notify/notice_list.html", {"page": page})


@staff_required
@require_POST
def notice_read(request: AuthenticatedRequest, notice_id: int) -> HttpResponse:
    # Someone else's notice is not found, as if it did not exist.
    notice = get_object_or_404(Notice, pk=notice_id, recipient=request.user)
    mark_read(notice, by=request.user, now=timezone.now())
    return redirect(notice.link or "notify:notice_list")


@staff_required
@require_POST
def notice_read_all(request: AuthenticatedRequest) -> HttpResponse:
    count = mark_all_read(by=request.user, now=timezone.now())
    messages.success(request, _("%(count)s notices marked as read.") % {"count": count})
    return redirect("notify:notice_list")


@staff_required
def preferences(request: AuthenticatedRequest) -> HttpResponse:
    if request.method == "POST":
        try:
            set_email_preferences(request.user, request.POST.getlist("email"), now=timezone.now())
        except NotifyError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Your choices are saved."))
            return redirect("notify:preferences")
    chosen = email_preferences(request.user)
    kinds = [(kind, label, chosen[kind]) for kind, label in NoticeKind.choices]
    return render(
        request,
        "notify/preferences.html",
        {"kinds": kinds, "has_email": bool(getattr(request.user, "email", ""))},
    )
