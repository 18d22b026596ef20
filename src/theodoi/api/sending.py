"""Sending one webhook delivery. The body is signed with the subscription's secret:
``X-Theodoi-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>">``, so a receiver
checks both who sent it and that it is fresh."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import urllib.error
import urllib.request

from theodoi.api.models import WebhookDelivery

SIGNATURE_HEADER = "X-Theodoi-Signature"
TIMEOUT_SECONDS = 10
# A receiver's answer is read no further: its status is what counts.
ANSWER_LIMIT = 64 * 1024


def signature(secret: str, body: bytes, timestamp: int) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


class NotDeliveredError(Exception):
    """The receiver did not take the delivery; the job queue tries again."""


def send(delivery: WebhookDelivery, *, now: datetime.datetime) -> None:
    """POST the delivery once; a delivery already taken is not sent again."""
    if delivery.delivered_at is not None:
        return
    subscription = delivery.subscription
    body = json.dumps(delivery.payload, ensure_ascii=False, sort_keys=True).encode()
    request = urllib.request.Request(
        subscription.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "theodoi-webhook/1",
            "X-Theodoi-Event": delivery.event,
            "X-Theodoi-Delivery": delivery.key,
            SIGNATURE_HEADER: signature(subscription.secret, body, int(now.timestamp())),
        },
    )
    delivery.attempts += 1
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:
            answer.read(ANSWER_LIMIT)
            delivery.last_status = answer.status
    except urllib.error.HTTPError as refused:
        delivery.last_status = refused.code
        delivery.last_error = str(refused)[:500]
    except (urllib.error.URLError, OSError) as failed:
        delivery.last_status = None
        delivery.last_error = str(failed)[:500]
    else:
        delivery.last_error = ""
        delivery.delivered_at = now
    delivery.save(update_fields=["attempts", "last_status", "last_error", "delivered_at"])
    if delivery.delivered_at is None:
        raise NotDeliveredError(delivery.last_error or str(delivery.last_status))
