"""Plans, their task groups, tasks and indicators, and the drafts an import goes through."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from theodoi.constraints import one_of
from theodoi.orgs.models import Organisation
from theodoi.users import done_by


class PlanKind(models.TextChoices):
    KE_HOACH = "ke_hoach", _("plan")
    CHUONG_TRINH = "chuong_trinh", _("programme")
    NGHI_QUYET = "nghi_quyet", _("resolution")
    QUYET_DINH = "quyet_dinh", _("decision")
    BAO_CAO = "bao_cao", _("report")
    TIN_BAI = "tin_bai", _("news article")
    KHAC = "khac", _("other")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    # Withdrawn by the coordinator after publication: off the portal, kept in the workspace.
    WITHDRAWN = "withdrawn", _("withdrawn")


# The plan's extracted and corrected documents run to tens of kilobytes of JSON for a real
# plan; no page shows them, so lists and pages defer them rather than read and decode them.
PLAN_DOCUMENTS = ("extracted_json", "corrected_json", "corrections")


def documents_of(path: str) -> tuple[str, ...]:
    """The documents of the plan a query reaches at ``path`` (``"plan__"``, ``"task__plan__"``),
    to defer where it is joined with ``select_related``."""
    return tuple(f"{path}{name}" for name in PLAN_DOCUMENTS)


# A plan read with no date of issue counts as one year of its own, so that its number still
# cannot stand twice.
_YEAR_OF_ISSUE = Coalesce(ExtractYear("issued_on"), 0)


class Plan(models.Model):
    number = models.CharField(_("number"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=PlanKind.choices)
    title = models.TextField(_("title"), blank=True)
    issuer = models.CharField(_("issuer"), max_length=300, blank=True)
    # Null for a national plan (03/NQ-CP); otherwise the province as it was when issued.
    province = models.ForeignKey(
        Organisation,
        verbose_name=_("province"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plans",
    )
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    signer = models.CharField(_("signer"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    source_file = models.FileField(_("source file"), upload_to="plans/%Y/", blank=True)
    source_sha256 = models.CharField(max_length=64, db_index=True, blank=True)
    extracted_json = models.JSONField(_("Plan JSON as extracted"), default=dict)
    corrected_json = models.JSONField(_("Plan JSON as corrected"), default=dict)
    # The coordinator's corrections that made corrected_json from extracted_json (records of
    # plans.edits), replayed on the extraction of the plan's next version.
    corrections = models.JSONField(_("corrections"), default=list, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    implements = models.ManyToManyField(
        "self",
        verbose_name=_("implements"),
        symmetrical=False,
        blank=True,
        related_name="implemented_by",
    )
    # Every number the plan says it implements, linked above when that plan is in theodoi.
    implements_numbers = models.JSONField(_("implements (numbers)"), default=list, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # The number of the plan's latest amendment (0: none), which the page caches key on.
    amendment_number = models.PositiveIntegerField(_("latest amendment"), default=0)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ("-issued_on", "number")
        constraints = (
            one_of("kind", PlanKind.values, name="plan_kind_valid"),
            one_of("status", PlanStatus.values, name="plan_status_valid"),
            models.CheckConstraint(condition=Q(version__gte=1), name="plan_version_positive"),
            # One plan per number, province and year: a new upload of it is a new version.
            # Offices number their documents anew each year, so 12/KH-UBND of 2025 and of
            # 2026 are two plans.
            models.UniqueConstraint(
                "province",
                "number",
                _YEAR_OF_ISSUE,
                condition=~Q(number=""),
                name="plan_number_unique_in_province_year",
            ),
            # A national plan has no province, and NULLs never clash in the constraint above.
            models.UniqueConstraint(
                "number",
                _YEAR_OF_ISSUE,
                condition=~Q(number="") & Q(province__isnull=True),
                name="plan_number_unique_nationally_year",
            ),
            models.CheckConstraint(
                condition=Q(status=PlanStatus.DRAFT) | Q(published_at__isnull=False),
                name="plan_published_has_time",
            ),
        )

    def __str__(self) -> str:
        return self.number or Truncator(self.heading).chars(80)

    @property
    def heading(self) -> str:
        """The title; for a document that states none (a news article quoting a plan from
        the middle, as seed 002) what it is and where it is from, so that every list and
        link has words to read."""
        if self.title:
            return self.title
        place = f" - {self.province.name}" if self.province is not None else ""
        return f"{capfirst(self.get_kind_display())}{place}"


class TaskGroup(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="groups")
    code = models.CharField(_("code"), max_length=40)
    title = models.TextField(_("title"))
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("task group")
        verbose_name_plural = _("task groups")
        ordering = ("plan", "position")
        constraints = (
            models.UniqueConstraint(fields=["plan", "code"], name="task_group_code_unique"),
        )

    def __str__(self) -> str:
        return f"{self.code}. {self.title[:80]}"


class DueKind(models.TextChoices):
    RECURRING = "recurring", _("recurring")
    YEAR = "year", _("year")
    MONTH = "month", _("month")
    QUARTER = "quarter", _("quarter")
    RANGE = "range", _("range")
    DATE = "date", _("date")
    CONDITIONAL = "conditional", _("conditional")
    UNSPECIFIED = "unspecified", _("unspecified")


class Task(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    group = models.ForeignKey(
        TaskGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    # Stable across re-imports: a task matched to an old one keeps the old key (and its pk);
    # codes may repeat in a document, keys never do within a plan.
    key = models.CharField(max_length=60)
    code = models.CharField(_("code"), max_length=40)
    position = models.PositiveIntegerField(default=0)
    title = models.TextField(_("task"))
    expected_output = models.TextField(_("expected output"), blank=True)
    due_text = models.CharField(_("time as written"), max_length=500, blank=True)
    due_kind = models.CharField(
        _("kind of time"), max_length=20, choices=DueKind.choices, default=DueKind.UNSPECIFIED
    )
    due_start_year = models.PositiveSmallIntegerField(null=True, blank=True)
    due_end_year = models.PositiveSmallIntegerField(null=True, blank=True)
    due_month = models.PositiveSmallIntegerField(null=True, blank=True)
    due_quarter = models.PositiveSmallIntegerField(null=True, blank=True)
    due_date = models.DateField(null=True, blank=True)
    due_condition = models.TextField(_("condition"), blank=True)
    # Set later by the coordinator, when the higher decision the task waits for is issued.
    condition_met_on = models.DateField(_("condition met on"), null=True, blank=True)
    confidential = models.BooleanField(_("confidential"), default=False)
    # Identifiers of the same task elsewhere, e.g. {"he_thong_quoc_gia": "NV-2025-0123"}.
    external_ids = models.JSONField(_("external identifiers"), default=dict, blank=True)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    organisations: models.ManyToManyField[Organisation, TaskAgency] = models.ManyToManyField(
        Organisation, through="TaskAgency", related_name="tasks", blank=True
    )

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ("plan", "position")
        # The few tasks the public may not read, by plan: the portal's front page keys on
        # them (portal/cache.py) without reading every task of the country.
        indexes = (
            models.Index(
                fields=["plan", "id"],
                condition=Q(confidential=True) | Q(archived_at__isnull=False),
                name="task_hidden_from_public",
            ),
        )
        constraints = (
            models.UniqueConstraint(fields=["plan", "key"], name="task_key_unique_in_plan"),
            one_of("due_kind", DueKind.values, name="task_due_kind_valid"),
            models.CheckConstraint(
                condition=Q(due_start_year__isnull=True)
                | Q(due_end_year__isnull=True)
                | Q(due_start_year__lte=F("due_end_year")),
                name="task_due_years_ordered",
            ),
            models.CheckConstraint(
                condition=Q(due_month__isnull=True) | Q(due_month__gte=1, due_month__lte=12),
                name="task_due_month_valid",
            ),
            models.CheckConstraint(
                condition=Q(due_quarter__isnull=True) | Q(due_quarter__gte=1, due_quarter__lte=4),
                name="task_due_quarter_valid",
            ),
            models.CheckConstraint(
                condition=~Q(due_kind=DueKind.MONTH) | Q(due_month__isnull=False),
                name="task_due_month_kind_has_month",
            ),
            models.CheckConstraint(
                condition=~Q(due_kind=DueKind.QUARTER) | Q(due_quarter__isnull=False),
                name="task_due_quarter_kind_has_quarter",
            ),
            models.CheckConstraint(
                condition=~Q(due_kind=DueKind.DATE) | Q(due_date__isnull=False),
                name="task_due_date_kind_has_date",
            ),
        )

    def __str__(self) -> str:
        return f"{self.code}. {self.title[:80]}"


class AgencyRole(models.TextChoices):
    LEAD = "lead", _("lead")
    COOPERATING = "cooperating", _("cooperating")


class AgencyMention(models.Model):
    """An agency named by a plan: the name as written, and the body it resolved to (none for a
    collective phrase such as ``Các sở, ban, ngành`` or a name nobody has mapped yet)."""

    name = models.CharField(_("name as written"), max_length=500)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name


class TaskAgency(AgencyMention):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="agencies")
    role = models.CharField(_("role"), max_length=20, choices=AgencyRole.choices)
    # Within the agency, the people the assignment names (seed 000 §1d weighs the agency, its
    # head and its officials): set by the agency's reporter or the coordinator, never by the
    # import; reminders go to them too. People of the agency (or of a body it succeeded).
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer in charge"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments_in_charge",
    )
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("leader in charge"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments_led",
    )

    class Meta:
        verbose_name = _("task agency")
        verbose_name_plural = _("task agencies")
        # By the column, not the task: ordering by the task joined the task and its plan
        # (their orders) into every prefetch of a task's agencies.
        ordering = ("task_id", "role", "position")
        constraints = (one_of("role", AgencyRole.values, name="task_agency_role_valid"),)


class Comparator(models.TextChoices):
    GE = ">=", "≥"
    GT = ">", ">"
    LE = "<=", "≤"
    LT = "<", "<"
    EQ = "=", "="
    RANGE = "range", _("range")
    RANK_TOP = "rank_top", _("among the top")


class Indicator(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicators")
    key = models.CharField(max_length=60)
    code = models.CharField(_("code"), max_length=40)
    position = models.PositiveIntegerField(default=0)
    name = models.TextField(_("indicator"))
    unit = models.CharField(_("unit"), max_length=100, blank=True)
    target_text = models.CharField(_("target as written"), max_length=300, blank=True)
    # Blank where the target is in words only.
    comparator = models.CharField(
        _("comparator"), max_length=10, choices=Comparator.choices, blank=True
    )
    target = models.FloatField(_("target"), null=True, blank=True)
    target_max = models.FloatField(_("target (upper bound)"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    baseline_value = models.FloatField(_("baseline value"), null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    # As a task's: the same indicator in another system, e.g. {"nq57": "CT-2025-017"}.
    external_ids = models.JSONField(_("external identifiers"), default=dict, blank=True)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    organisations: models.ManyToManyField[Organisation, IndicatorAgency] = models.ManyToManyField(
        Organisation, through="IndicatorAgency", related_name="indicators", blank=True
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ("plan", "position")
        constraints = (
            models.UniqueConstraint(fields=["plan", "key"], name="indicator_key_unique_in_plan"),
            one_of("comparator", Comparator.values, name="indicator_comparator_valid", blank=True),
            models.CheckConstraint(
                condition=~Q(comparator=Comparator.RANGE)
                | Q(target__isnull=False, target_max__isnull=False, target__lte=F("target_max")),
                name="indicator_range_ordered",
            ),
            models.CheckConstraint(
                condition=Q(baseline_year__isnull=True)
                | Q(year__isnull=True)
                | Q(baseline_year__lte=F("year")),
                name="indicator_baseline_before_target",
            ),
        )

    def __str__(self) -> str:
        return f"{self.code}. {self.name[:80]}"


class IndicatorAgency(AgencyMention):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="agencies")

    class Meta:
        verbose_name = _("indicator agency")
        verbose_name_plural = _("indicator agencies")
        ordering = ("indicator_id", "position")  # as TaskAgency's


class DraftStatus(models.TextChoices):
    STAGED = "staged", _("awaiting review")
    PUBLISHED = "published", _("published")
    DISCARDED = "discarded", _("discarded")


class ImportDraft(models.Model):
    """An uploaded document between extraction and publication (the import preview)."""

    source_file = models.FileField(_("source file"), upload_to="imports/%Y/%m/")
    # The .docx LibreOffice made of a .doc, .rtf or .odt upload, kept at staging so that the
    # pages reading the document again do not convert it again; source_file stays the upload.
    converted_file = models.FileField(_("converted file"), upload_to="imports/%Y/%m/", blank=True)
    filename = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=DraftStatus.choices, default=DraftStatus.STAGED
    )
    extracted_json = models.JSONField(default=dict)
    # The Plan JSON with the coordinator's corrections; what publish_import reads.
    plan_json = models.JSONField(default=dict)
    # What turned extracted_json into plan_json, in order (records of plans.edits).
    corrections = models.JSONField(default=list, blank=True)
    # Agency names neither resolved nor collective, to be put to the coordinator.
    unresolved = models.JSONField(default=list, blank=True)
    province = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The plan this upload is a new version of, found by number and province.
    replaces = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="drafts"
    )
    published_plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = done_by()
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("import draft")
        verbose_name_plural = _("import drafts")
        ordering = ("-created_at",)
        constraints = (
            one_of("status", DraftStatus.values, name="import_draft_status_valid"),
            models.UniqueConstraint(
                fields=["sha256"],
                condition=Q(status="staged"),
                name="import_draft_one_staged_per_document",
            ),
        )

    def __str__(self) -> str:
        return self.filename


class LinkState(models.TextChoices):
    SUGGESTED = "suggested", _("suggested")
    CONFIRMED = "confirmed", _("confirmed")
    REJECTED = "rejected", _("rejected")


class LinkBasis(models.TextChoices):
    CITED = "cited", _("the text cites it")
    TITLE = "title", _("alike titles")
    CHOSEN = "chosen", _("chosen by the coordinator")


class TaskLink(models.Model):
    """A task carries out a task of a higher plan (a province's task, one of 03/NQ-CP's).

    Suggested by theodoi (evaluation.linking), confirmed or rejected by the coordinator; a
    rejected suggestion is kept so that the next suggestion run does not make it again."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="links_up")
    higher = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="links_down")
    state = models.CharField(_("state"), max_length=10, choices=LinkState.choices)
    basis = models.CharField(_("basis"), max_length=10, choices=LinkBasis.choices)
    # The likeness of the titles when the basis is TITLE (0 to 1).
    score = models.FloatField(null=True, blank=True)
    created_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = done_by(blank=True)

    class Meta:
        verbose_name = _("link to a higher task")
        verbose_name_plural = _("links to higher tasks")
        ordering = ("task", "-score")
        constraints = (
            models.UniqueConstraint(fields=["task", "higher"], name="task_link_once"),
            models.CheckConstraint(condition=~Q(task=F("higher")), name="task_link_not_itself"),
            one_of("state", LinkState.values, name="task_link_state_valid"),
            one_of("basis", LinkBasis.values, name="task_link_basis_valid"),
        )

    def __str__(self) -> str:
        return f"{self.task.code} → {self.higher.code}"


class AmendmentKind(models.TextChoices):
    ADJUSTED = "adjusted", pgettext_lazy("amendment", "adjustment")
    SUPPLEMENTED = "supplemented", pgettext_lazy("amendment", "supplement")
    WITHDRAWN = "withdrawn", pgettext_lazy("amendment", "withdrawal")


class PlanAmendment(models.Model):
    """A change the coordinator made to a published plan (điều chỉnh, bổ sung, thu hồi), with
    its reason and date, kept as the plan's next numbered version of itself. ``changes`` lists
    what changed, one entry per field of a task, an indicator or the plan (plans.amending):
    ``{"subject", "id", "code", "field", "before", "after", "public"}``."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="amendments")
    number = models.PositiveIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=20, choices=AmendmentKind.choices)
    reason = models.TextField(_("reason"))
    amended_on = models.DateField(_("amended on"))
    changes = models.JSONField(_("changes"), default=list)
    created_at = models.DateTimeField()
    created_by = done_by()

    class Meta:
        verbose_name = _("plan amendment")
        verbose_name_plural = _("plan amendments")
        ordering = ("plan", "-number")
        constraints = (
            models.UniqueConstraint(fields=["plan", "number"], name="plan_amendment_number_once"),
            models.CheckConstraint(condition=Q(number__gte=1), name="plan_amendment_numbered"),
            models.CheckConstraint(condition=~Q(reason=""), name="plan_amendment_has_reason"),
            one_of("kind", AmendmentKind.values, name="plan_amendment_kind_valid"),
        )

    def __str__(self) -> str:
        return f"{self.plan} ({self.number})"


class OfficialFigure(models.Model):
    """A figure of an indicator from an official statistic (niên giám, Cục Thống kê), entered
    by the coordinator with its source as part of an amendment; counted like an accepted
    figure of an agency."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="official_figures"
    )
    amendment = models.ForeignKey(PlanAmendment, on_delete=models.PROTECT, related_name="figures")
    value = models.FloatField(_("value"))
    measured_on = models.DateField(_("date of the figure"))
    source = models.CharField(_("source"), max_length=300)
    entered_at = models.DateTimeField()

    class Meta:
        verbose_name = _("official figure")
        verbose_name_plural = _("official figures")
        ordering = ("indicator", "measured_on")
        constraints = (
            models.CheckConstraint(condition=~Q(source=""), name="official_figure_has_source"),
        )

    def __str__(self) -> str:
        return f"{self.indicator.code}: {self.value} ({self.measured_on})"
