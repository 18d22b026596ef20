"""One counter per sender and action: how many times in the window that began at ``started``."""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class Allowance(models.Model):
    # ``portal.feedback:<keyed hash of the address>``: never an address or a name in clear.
    key = models.CharField(max_length=200, unique=True)
    started = models.DateTimeField()
    used = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = (models.CheckConstraint(condition=Q(used__gte=0), name="allowance_used"),)

    def __str__(self) -> str:
        return f"{self.key}: {self.used}"
