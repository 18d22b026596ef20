"""The feedback inbox: the coordinator lists, routes and publishes; the agency answers. Thin
views over ``theodoi.portal.handling``, which decides who sees and does what."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from theodoi.directives.agencies import plan_agencies
from theodoi.orgs.models import Organisation
from theodoi.portal.errors import FeedbackError
from theodoi.portal.handling import (
    answer_feedback,
    answers_for,
    get_feedback_for,
    handles,
    publish_feedback,
    route_feedback,
    visible_feedback,
)
from theodoi.portal.models import Feedback, FeedbackState
from theodoi.users import AuthenticatedRequest, User
from theodoi.workspace.feedback.forms import AnswerForm, PublishForm, RouteForm
from theodoi.workspace.views.gates import staff_required
from theodoi.workspace.views.refusals import saved

STATE_PARAMETER = "trang_thai"
PAGE_PARAMETER = "trang"
PAGE_LENGTH = 50


@staff_required
def inbox(request: AuthenticatedRequest) -> HttpResponse:
    rows = visible_feedback(request.user)
    chosen = request.GET.get(STATE_PARAMETER, "")
    problem = ""
    if chosen and chosen not in FeedbackState.values:
        problem = _("State: “%(state)s” is not one of the states; every item is shown.") % {
            "state": chosen[:40]
        }
        chosen = ""
    counts = dict.fromkeys(FeedbackState.values, 0)
    for state, n in rows.order_by().values_list("state").annotate(n=Count("pk")):
        counts[state] = n
    listed = rows.filter(state=chosen) if chosen else rows
    pages = Paginator(listed.order_by("-received_at", "-pk"), PAGE_LENGTH)
    page = pages.get_page(request.GET.get(PAGE_PARAMETER))
    return render(
        request,
        "feedback/inbox.html",
        {
            "items": page.object_list,
            "page": page,
            "states": [(s.value, s.label, counts[s.value]) for s in FeedbackState],
            "chosen": chosen,
            "problem": problem,
            "total": sum(counts.values()),
            "today": timezone.localdate(),
        },
    )


def _agencies(request: AuthenticatedRequest, item: Feedback) -> list[Organisation]:
    """The agencies the coordinator may send the item to: those of its plan."""
    if item.plan is None or not handles(request.user, item):
        return []
    return list(plan_agencies(item.plan, today=timezone.localdate()))


def _detail(
    request: AuthenticatedRequest, item: Feedback, status: int = 200, **forms: Any
) -> HttpResponse:
    today = timezone.localdate()
    handler = handles(request.user, item)
    context: dict[str, Any] = {
        "item": item,
        "handler": handler,
        "can_route": handler
        and item.plan is not None
        and item.state in (FeedbackState.NEW, FeedbackState.IN_PROGRESS),
        "can_answer": answers_for(request.user, item)
        and item.state in (FeedbackState.IN_PROGRESS, FeedbackState.ANSWERED),
        "can_publish": handler and item.state == FeedbackState.ANSWERED,
        "today": today,
        "route_form": RouteForm(
            agencies=_agencies(request, item),
            initial={"agency": item.agency_id, "due": item.answer_due},
        ),
        "answer_form": AnswerForm(initial={"answer": item.answer}),
        "publish_form": PublishForm(initial={"question": item.public_question or item.message}),
    }
    context.update(forms)
    # A refusal shows at the top: the form it came from may not be offered in this state.
    context["refusals"] = [error for form in forms.values() for error in form.non_field_errors()]
    return render(request, "feedback/detail.html", context, status=status)


@staff_required
def detail(request: AuthenticatedRequest, feedback_id: int) -> HttpResponse:
    return _detail(request, get_feedback_for(request.user, feedback_id))


def _item_for(
    request: AuthenticatedRequest, feedback_id: int, may: Callable[[User, Feedback], bool]
) -> Feedback:
    """The item, when the person sees it (404 otherwise) and ``may`` act on it (403 otherwise)."""
    item = get_feedback_for(request.user, feedback_id)
    if not may(request.user, item):
        raise PermissionDenied
    return item


def _handled(
    request: AuthenticatedRequest,
    item: Feedback,
    form_name: str,
    form: forms.Form,
    write: Callable[[], object],
    done: Callable[[], str],
) -> HttpResponse:
    """The item's page with ``done``'s message once ``write`` went through; else the page again
    with the form as sent and its errors, the service's refusal among them."""
    if saved(form, write, FeedbackError) is None:
        return _detail(request, item, status=400, **{form_name: form})
    messages.success(request, done())
    return redirect("feedback:detail", feedback_id=item.pk)


@staff_required
@require_POST
def route(request: AuthenticatedRequest, feedback_id: int) -> HttpResponse:
    item = _item_for(request, feedback_id, handles)
    form = RouteForm(request.POST, agencies=_agencies(request, item))
    return _handled(
        request,
        item,
        "route_form",
        form,
        lambda: route_feedback(
            item,
            agency=form.cleaned_data["agency"],
            due=form.cleaned_data["due"],
            by=request.user,
            now=timezone.now(),
        ),
        lambda: (
            _("Sent to %(agency)s, to answer by %(due)s.")
            % {
                "agency": form.cleaned_data["agency"].name,
                "due": form.cleaned_data["due"].strftime("%d/%m/%Y"),
            }
        ),
    )


@staff_required
@require_POST
def answer(request: AuthenticatedRequest, feedback_id: int) -> HttpResponse:
    item = _item_for(request, feedback_id, answers_for)
    form = AnswerForm(request.POST)
    write = partial(answer_feedback, item, by=request.user, now=timezone.now())
    return _handled(
        request,
        item,
        "answer_form",
        form,
        lambda: write(text=form.cleaned_data["answer"]),
        lambda: _("Your answer was sent to the coordinating agency."),
    )


@staff_required
@require_POST
def publish(request: AuthenticatedRequest, feedback_id: int) -> HttpResponse:
    item = _item_for(request, feedback_id, handles)
    form = PublishForm(request.POST)
    write = partial(publish_feedback, item, by=request.user, now=timezone.now())
    return _handled(
        request,
        item,
        "publish_form",
        form,
        lambda: write(question=form.cleaned_data["question"]),
        lambda: _("The question and its answer are on the portal."),
    )
