"""The coordinator's page of webhook subscribers: add a system to tell about a plan's events,
see its secret once, see each delivery, remove it. Thin: the rules are theodoi.api.webhooks'."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from theodoi.api import webhooks
from theodoi.api.models import WebhookDelivery, WebhookEvent
from theodoi.plans.models import Plan, PlanStatus
from theodoi.reporting.access import coordinates, visible_plans
from theodoi.users import AuthenticatedRequest, User
from theodoi.workspace.views.gates import coordinator_required

DELIVERIES_SHOWN = 50


def _plans(who: User) -> list[Plan]:
    rows = visible_plans(who).filter(status=PlanStatus.PUBLISHED).select_related("province")
    return [plan for plan in rows if coordinates(who, plan)]


class SubscriberForm(forms.Form):
    plan = forms.TypedChoiceField(label=gettext_lazy("Plan"), coerce=int)
    url = forms.CharField(label=gettext_lazy("Address that receives the POST"), max_length=500)
    events = forms.MultipleChoiceField(
        label=gettext_lazy("Events"),
        choices=WebhookEvent.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: object, plans: list[Plan], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.plans = {plan.pk: plan for plan in plans}
        self.fields["plan"].choices = [(plan.pk, str(plan)) for plan in plans]  # type: ignore[attr-defined]


def _page(request: AuthenticatedRequest, form: SubscriberForm, secret: str = "") -> HttpResponse:
    subscriptions = webhooks.subscriptions_of(request.user)
    deliveries = WebhookDelivery.objects.filter(subscription__in=subscriptions).select_related(
        "subscription__plan"
    )[:DELIVERIES_SHOWN]
    return render(
        request,
        "api/subscribers.html",
        {
            "form": form,
            "subscriptions": subscriptions,
            "deliveries": deliveries,
            "secret": secret,
        },
        status=400 if form.errors else 200,
    )


@coordinator_required
def subscriber_list(request: AuthenticatedRequest) -> HttpResponse:
    return _page(request, SubscriberForm(plans=_plans(request.user)))


@coordinator_required
@require_POST
def subscriber_create(request: AuthenticatedRequest) -> HttpResponse:
    form = SubscriberForm(request.POST, plans=_plans(request.user))
    if not form.is_valid():
        return _page(request, form)
    data = form.cleaned_data
    try:
        subscription = webhooks.subscribe(
            form.plans[data["plan"]],
            data["url"],
            data["events"],
            by=request.user,
            now=timezone.now(),
        )
    except webhooks.WebhookError as refused:
        form.add_error(None, str(refused))
        return _page(request, form)
    return _page(request, SubscriberForm(plans=_plans(request.user)), subscription.secret)


@coordinator_required
@require_POST
def subscriber_remove(request: AuthenticatedRequest, subscription_id: int) -> HttpResponse:
    found = {row.pk: row for row in webhooks.subscriptions_of(request.user)}
    if subscription_id not in found:
        raise Http404
    subscription = found[subscription_id]
    webhooks.unsubscribe(subscription, by=request.user, now=timezone.now())
    messages.success(request, _("Subscriber %(url)s removed.") % {"url": subscription.url})
    return redirect("api:subscribers")
