"""Ý kiến chỉ đạo: a leader's (or the coordinator's) instruction to an agency, on one task of a
plan or on the agency's work in it, with the day an answer is due."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from theodoi.constraints import one_of
from theodoi.orgs.models import Organisation
from theodoi.plans.models import Plan, Task
from theodoi.users import done_by

TEXT_LENGTH = 4000


class DirectiveState(models.TextChoices):
    OPEN = "open", _("awaiting an answer")
    ANSWERED = "answered", _("answered")


class Directive(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="directives")
    # None: a directive on the agency's work in the plan as a whole.
    task = models.ForeignKey(
        Task, null=True, blank=True, on_delete=models.PROTECT, related_name="directives"
    )
    agency = models.ForeignKey(
        Organisation, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("instruction"), max_length=TEXT_LENGTH)
    due = models.DateField(_("answer due by"))
    state = models.CharField(
        _("state"), max_length=10, choices=DirectiveState.choices, default=DirectiveState.OPEN
    )
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = done_by()
    answer = models.TextField(_("answer"), blank=True, max_length=TEXT_LENGTH)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = done_by(blank=True)

    class Meta:
        verbose_name = _("directive")
        verbose_name_plural = _("directives")
        ordering = ("due", "pk")
        constraints = (
            one_of("state", DirectiveState.values, name="directive_state_valid"),
            models.CheckConstraint(condition=~Q(text=""), name="directive_text_not_empty"),
            models.CheckConstraint(
                condition=~Q(state=DirectiveState.ANSWERED)
                | (~Q(answer="") & Q(answered_at__isnull=False)),
                name="directive_answered_has_answer",
            ),
        )

    def __str__(self) -> str:
        where = self.task.code if self.task_id and self.task else self.agency.name
        return f"{_('Directive')} {where} ({self.due:%d/%m/%Y})"

    @property
    def is_open(self) -> bool:
        return self.state == DirectiveState.OPEN
