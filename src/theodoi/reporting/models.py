"""Reporting rounds and what agencies report in them (DESIGN.md, "Rounds").

Nothing reported is edited in place: every save, submission, acceptance or return of a task
update or an indicator figure is a new row with the next version number of its thread (one
thread per round, task or indicator, and organisation). The unique version per thread is what
refuses the later of two concurrent saves, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from theodoi.constraints import one_of
from theodoi.evaluation.status import TaskStatus
from theodoi.ingest.schedule import Schedule
from theodoi.orgs.models import Organisation
from theodoi.plans.models import AgencyRole, Indicator, Plan, Task
from theodoi.reporting.fields import UPDATE_FIELDS, UpdateContent, UpdateField, as_data, content_of
from theodoi.users import done_by

DEFAULT_REMINDER_DAYS = [7, 3, 1]


def default_reminder_days() -> list[int]:
    return list(DEFAULT_REMINDER_DAYS)


class ReportingSchedule(models.Model):
    """When a plan's agencies report: dates each year, or every N months."""

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="reporting_schedule")
    # [[day, month], ...] in calendar order; empty when the schedule is a period.
    dates = models.JSONField(_("dates each year"), default=list, blank=True)
    every_months = models.PositiveSmallIntegerField(_("every N months"), null=True, blank=True)
    # The plan's own sentence, so the coordinator sees where the schedule came from.
    source_text = models.TextField(_("as written in the plan"), blank=True)

    class Meta:
        verbose_name = _("reporting schedule")
        verbose_name_plural = _("reporting schedules")
        constraints = (
            models.CheckConstraint(
                condition=Q(every_months__isnull=True)
                | Q(every_months__gte=1, every_months__lte=12),
                name="reporting_schedule_months_valid",
            ),
        )

    def __str__(self) -> str:
        return self.as_schedule().describe()

    def as_schedule(self) -> Schedule:
        return Schedule(
            dates=tuple((int(d), int(m)) for d, m in self.dates),
            every_months=self.every_months,
            text=self.source_text,
        )


class RoundState(models.TextChoices):
    OPEN = "open", _("open")
    LOCKED = "locked", _("locked")
    CLOSED = "closed", _("closed")


class ReportingRound(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="rounds")
    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    cut_off = models.DateField(_("data cut-off"))
    # Reports are due before this moment; the round locks at it.
    deadline = models.DateTimeField(_("deadline"))
    reminder_days = models.JSONField(_("reminder days"), default=default_reminder_days)
    state = models.CharField(
        _("state"), max_length=10, choices=RoundState.choices, default=RoundState.OPEN
    )
    opened_at = models.DateTimeField(_("opened at"))
    opened_by = done_by()

    class Meta:
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")
        ordering = ("-deadline",)
        constraints = (
            one_of("state", RoundState.values, name="round_state_valid"),
            models.CheckConstraint(
                condition=Q(period_start__lte=F("period_end")), name="round_period_ordered"
            ),
            models.CheckConstraint(
                condition=Q(cut_off__gte=F("period_start")), name="round_cut_off_in_period"
            ),
            models.UniqueConstraint(fields=["plan", "deadline"], name="round_deadline_unique"),
        )

    def __str__(self) -> str:
        return self.title


class RoundReopening(models.Model):
    """The coordinator lets one agency report after the round locked, until a set time."""

    round = models.ForeignKey(ReportingRound, on_delete=models.CASCADE, related_name="reopenings")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    until = models.DateTimeField(_("until"))
    at = models.DateTimeField(_("reopened at"))
    by = done_by()

    class Meta:
        verbose_name = _("round reopening")
        verbose_name_plural = _("round reopenings")
        ordering = ("-at",)

    def __str__(self) -> str:
        return f"{self.round} - {self.organisation}"


class ReviewState(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    ACCEPTED = "accepted", _("accepted")
    RETURNED = "returned", _("returned")


class Version(models.Model):
    """One version of a report: who wrote it, when, and where review stands."""

    version = models.PositiveIntegerField(_("version"))
    state = models.CharField(_("state"), max_length=10, choices=ReviewState.choices)
    return_reason = models.TextField(_("reason for return"), blank=True)
    created_at = models.DateTimeField(_("saved at"))
    created_by = done_by()

    class Meta:
        abstract = True


def _version_constraints(prefix: str) -> tuple[models.BaseConstraint, ...]:
    return (
        one_of("state", ReviewState.values, name=f"{prefix}_state_valid"),
        models.CheckConstraint(condition=Q(version__gte=1), name=f"{prefix}_version_positive"),
        models.CheckConstraint(
            condition=~Q(state=ReviewState.RETURNED) | ~Q(return_reason=""),
            name=f"{prefix}_returned_has_reason",
        ),
    )


STATUS_CHOICES = [(status.code, status.label) for status in TaskStatus]


class TaskUpdate(Version):
    """What an agency reports on a task in a round. The lead agency's accepted update is the
    task's; a cooperating agency reports its own part."""

    round = models.ForeignKey(ReportingRound, on_delete=models.PROTECT, related_name="updates")
    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="updates")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=20, choices=AgencyRole.choices)
    status = models.CharField(_("status"), max_length=20, choices=STATUS_CHOICES)
    progress = models.PositiveSmallIntegerField(_("progress (%)"))
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    results = models.TextField(_("results achieved"), blank=True)
    product = models.TextField(_("product delivered"), blank=True)
    difficulties = models.TextField(_("difficulties"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)
    self_assessment = models.TextField(_("self-assessment of the result"), blank=True)

    class Meta:
        verbose_name = _("task update")
        verbose_name_plural = _("task updates")
        ordering = ("round", "task", "organisation", "version")
        constraints = (
            *_version_constraints("task_update"),
            models.UniqueConstraint(
                fields=["round", "task", "organisation", "version"],
                name="task_update_version_unique",
            ),
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=100), name="task_update_progress_range"
            ),
            one_of(
                "status", [code for code, _label in STATUS_CHOICES], name="task_update_status_valid"
            ),
            one_of("role", AgencyRole.values, name="task_update_role_valid"),
        )

    def __str__(self) -> str:
        return f"{self.task.code} - {self.organisation.name} (v{self.version})"

    @property
    def status_label(self) -> str:
        return TaskStatus.from_code(self.status).label

    def content(self) -> UpdateContent:
        return content_of(self)

    @property
    def shown_fields(self) -> list[tuple[UpdateField, object]]:
        """Each declared field with its value, for the pages that read an update."""
        return [(field, getattr(self, field.name)) for field in UPDATE_FIELDS]

    def data(self) -> dict[str, object]:
        """What this version says, for the audit log and the view of a conflicting save."""
        return {
            "version": self.version,
            "state": self.state,
            **as_data(self),
            "return_reason": self.return_reason,
        }


class IndicatorValue(Version):
    """A figure an agency reports for an indicator in a round. A baseline is entered once per
    indicator (its thread is the indicator's alone, whatever the round)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    round = models.ForeignKey(ReportingRound, on_delete=models.PROTECT, related_name="values")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    value = models.FloatField(_("value"))
    measured_on = models.DateField(_("date of the figure"))
    note = models.TextField(_("note"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    is_baseline = models.BooleanField(_("baseline"), default=False)
    # The reporter confirmed a figure far from the last one (reporting.checks).
    confirmed_jump = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ("round", "indicator", "organisation", "version")
        constraints = (
            *_version_constraints("indicator_value"),
            models.UniqueConstraint(
                fields=["indicator", "round", "organisation", "version"],
                condition=Q(is_baseline=False),
                name="indicator_value_version_unique",
            ),
            models.UniqueConstraint(
                fields=["indicator", "version"],
                condition=Q(is_baseline=True),
                name="indicator_baseline_version_unique",
            ),
        )

    def __str__(self) -> str:
        return f"{self.indicator.code} - {self.organisation.name} (v{self.version})"

    def data(self) -> dict[str, object]:
        return {
            "version": self.version,
            "state": self.state,
            "value": self.value,
            "measured_on": self.measured_on.isoformat(),
            "note": self.note,
            "source": self.source,
            "is_baseline": self.is_baseline,
            "confirmed_jump": self.confirmed_jump,
            "return_reason": self.return_reason,
        }


def evidence_path(instance: Evidence, filename: str) -> str:
    # The name on disk is the checksum: nothing guessable, nothing a user's name could break.
    return f"evidence/{instance.round_id}/{instance.sha256}"


class Evidence(models.Model):
    """A file backing what an agency reports on a task in a round; served only through a view
    that checks the reader may see the task."""

    round = models.ForeignKey(ReportingRound, on_delete=models.PROTECT, related_name="evidence")
    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="evidence")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    file = models.FileField(_("file"), upload_to=evidence_path)
    filename = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField(_("size"))
    content_type = models.CharField(_("type"), max_length=100)
    uploaded_at = models.DateTimeField(_("uploaded at"))
    uploaded_by = done_by()

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ("uploaded_at",)
        constraints = (
            models.UniqueConstraint(
                fields=["round", "task", "organisation", "sha256"], name="evidence_once_per_report"
            ),
            models.CheckConstraint(condition=Q(size__gt=0), name="evidence_not_empty"),
        )

    def __str__(self) -> str:
        return self.filename


class ExtensionState(models.TextChoices):
    OPEN = "open", _("awaiting decision")
    GRANTED = "granted", _("granted")
    REFUSED = "refused", _("refused")


class DeadlineExtension(models.Model):
    """A lead agency's request to move a task's deadline (đề nghị gia hạn) and the
    coordinator's decision. The plan's own time is never changed: the latest granted request
    is the task's deadline from its decision on (reporting.extensions)."""

    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="extensions")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"))
    # The deadline in force when the request was made, and the one asked for.
    current_on = models.DateField(_("deadline in force"))
    proposed_on = models.DateField(_("proposed deadline"))
    requested_at = models.DateTimeField(_("requested at"))
    requested_by = done_by()
    state = models.CharField(
        _("state"), max_length=10, choices=ExtensionState.choices, default=ExtensionState.OPEN
    )
    granted_on = models.DateField(_("granted deadline"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = done_by()

    class Meta:
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")
        ordering = ("-requested_at", "-pk")
        constraints = (
            one_of("state", ExtensionState.values, name="extension_state_valid"),
            models.UniqueConstraint(
                fields=["task"],
                condition=Q(state=ExtensionState.OPEN),
                name="extension_one_open_per_task",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="extension_has_reason"),
            models.CheckConstraint(
                condition=Q(proposed_on__gt=F("current_on")), name="extension_proposed_later"
            ),
            models.CheckConstraint(
                condition=~Q(state=ExtensionState.GRANTED)
                | Q(granted_on__isnull=False, granted_on__gt=F("current_on")),
                name="extension_granted_later",
            ),
            models.CheckConstraint(
                condition=~Q(state=ExtensionState.REFUSED) | ~Q(comment=""),
                name="extension_refused_has_comment",
            ),
            models.CheckConstraint(
                condition=Q(state=ExtensionState.OPEN) | Q(decided_at__isnull=False),
                name="extension_decided_has_time",
            ),
        )

    def __str__(self) -> str:
        return f"{self.task.code} - {self.proposed_on:%d/%m/%Y}"


class AdHocRound(models.Model):
    """A round opened on request (đột xuất khi có yêu cầu, seed 004 §IV) for chosen tasks or
    agencies: only its tasks are reported in it, only by its agencies."""

    round = models.OneToOneField(ReportingRound, on_delete=models.CASCADE, related_name="ad_hoc")
    reason = models.TextField(_("reason"), blank=True)
    tasks = models.ManyToManyField(Task, related_name="ad_hoc_rounds", blank=True)
    organisations = models.ManyToManyField(Organisation, related_name="ad_hoc_rounds", blank=True)

    class Meta:
        verbose_name = _("ad-hoc round")
        verbose_name_plural = _("ad-hoc rounds")

    def __str__(self) -> str:
        return str(self.round)


class RoundChangeKind(models.TextChoices):
    EXTENDED = "extended", _("deadline extended")
    LOCKED = "locked", _("locked early")


class RoundChange(models.Model):
    """A change of a round's deadline (extended, or locked early): what the notices of an
    extended round read, beside the audit entry."""

    round = models.ForeignKey(ReportingRound, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(_("kind"), max_length=10, choices=RoundChangeKind.choices)
    old_deadline = models.DateTimeField(_("old deadline"))
    new_deadline = models.DateTimeField(_("new deadline"))
    at = models.DateTimeField(_("changed at"))
    by = done_by()

    class Meta:
        verbose_name = _("round change")
        verbose_name_plural = _("round changes")
        ordering = ("-at", "-pk")
        constraints = (one_of("kind", RoundChangeKind.values, name="round_change_kind_valid"),)

    def __str__(self) -> str:
        return f"{self.round} - {self.kind}"
