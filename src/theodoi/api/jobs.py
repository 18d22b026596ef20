"""The API's job: sending a webhook delivery, retried with growing pauses."""

from __future__ import annotations

from django.utils import timezone
from huey.contrib.djhuey import db_task

from theodoi.api.models import WebhookDelivery
from theodoi.api.sending import send

RETRIES = 5
RETRY_DELAY = 60


@db_task(retries=RETRIES, retry_delay=RETRY_DELAY)
def deliver_webhook(delivery_id: int) -> None:
    delivery = WebhookDelivery.objects.select_related("subscription").get(pk=delivery_id)
    send(delivery, now=timezone.now())
