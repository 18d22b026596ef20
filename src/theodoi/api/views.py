"""The API's read endpoints: each list is the rows the same access functions give the pages
(theodoi.reporting.access), so confidential tasks and drafts reach only those who may see them."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from theodoi.api import filters as f
from theodoi.api.pagination import Stream
from theodoi.api.problems import Refused
from theodoi.api.serializers import (
    EvaluationSerializer,
    GroupSerializer,
    IndicatorSerializer,
    IndicatorValueSerializer,
    OrganisationSerializer,
    PlanSerializer,
    RoundSerializer,
    TaskSerializer,
    TaskUpdateSerializer,
)
from theodoi.evaluation.status import TaskStatus
from theodoi.orgs.models import Organisation
from theodoi.plans.models import PLAN_DOCUMENTS, Indicator, Plan, Task, TaskGroup
from theodoi.portal.pages import published_ranking
from theodoi.reporting.access import (
    note_confidential_reads,
    reporter_organisation,
    visible_plans,
    visible_rounds,
    visible_tasks,
)
from theodoi.reporting.models import IndicatorValue, ReportingRound, ReviewState, TaskUpdate
from theodoi.snapshots.reading import Results
from theodoi.snapshots.services import latest_snapshot

STATUS_CODES = [status.code for status in TaskStatus]


class ReadOnly(viewsets.ReadOnlyModelViewSet):  # type: ignore[type-arg]
    """A list narrowed by the declared filters; a row out of reach is 404, as on the pages."""

    filters: tuple[f.Filter, ...] = ()
    lookup_value_converter = "int"

    def rows(self) -> QuerySet[Any]:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet[Any]:
        return f.narrowed(self.rows(), self.request.query_params, self.filters)


def _with_filters(*found: f.Filter) -> Any:
    return extend_schema(parameters=[one.parameter for one in found])


@extend_schema(tags=["organisations"])
class OrganisationViewSet(ReadOnly):
    """Provinces, ministries, departments and communes: the agencies plans name."""

    lookup_url_kwarg = "agency_id"
    serializer_class = OrganisationSerializer
    filters = (f.Filter("parent", "parent_id", "Only the bodies under this one."),)

    def rows(self) -> QuerySet[Organisation]:
        return Organisation.objects.order_by("pk")

    list = _with_filters(*filters)(ReadOnly.list)


@extend_schema(tags=["plans"])
class PlanViewSet(ReadOnly):
    lookup_url_kwarg = "plan_id"
    serializer_class = PlanSerializer
    filters = (f.Filter("province", "province_id", "Only this province's plans."),)

    @extend_schema(responses=EvaluationSerializer)
    @action(detail=True)
    def evaluation(self, request: Request, plan_id: int) -> Response:
        """The plan's latest evaluation, counted over the tasks the caller may read, and the
        ranking as last published."""
        plan = self.get_object()
        snapshot = latest_snapshot(plan)
        shown = set(visible_tasks(request.user).filter(plan=plan).values_list("pk", flat=True))
        summary = Results.of(snapshot).summary(among=shown) if snapshot is not None else None
        publication = published_ranking(plan)
        body = {
            "as_of": snapshot.as_of if snapshot is not None else None,
            "tasks": summary.total if summary is not None else 0,
            "overdue": summary.overdue if summary is not None else 0,
            "statuses": [
                {"status": s.status.code, "count": s.count, "share": round(s.share, 4)}
                for s in (summary.statuses if summary is not None else ())
            ],
            "ranking": (
                {
                    "as_of": publication.as_of,
                    "period": publication.period,
                    "published_at": publication.published_at,
                    "agencies": publication.ranking,
                }
                if publication is not None
                else None
            ),
        }
        return Response(EvaluationSerializer(body).data)

    def rows(self) -> QuerySet[Plan]:
        return (
            visible_plans(self.request.user)
            .defer(*PLAN_DOCUMENTS)
            # Their ids only: the national plan's documents, read once per plan that
            # implements it, made the list 0.3 s.
            .prefetch_related(Prefetch("implements", queryset=Plan.objects.only("pk")))
            .order_by("pk")
        )

    list = _with_filters(*filters)(ReadOnly.list)


@extend_schema(tags=["plans"])
class GroupViewSet(ReadOnly):
    lookup_url_kwarg = "group_id"
    serializer_class = GroupSerializer
    filters = (f.PLAN,)

    def rows(self) -> QuerySet[TaskGroup]:
        return TaskGroup.objects.filter(plan__in=visible_plans(self.request.user)).order_by("pk")

    list = _with_filters(*filters)(ReadOnly.list)


def _results_of(plan_ids: set[int]) -> dict[int, dict[str, Any]]:
    """Each task's evaluation in its plan's latest snapshot, by task id."""
    found: dict[int, dict[str, Any]] = {}
    for plan in Plan.objects.filter(pk__in=plan_ids).only("pk"):
        snapshot = latest_snapshot(plan)
        if snapshot is not None:
            found.update({row["id"]: dict(row) for row in snapshot.results["tasks"]})
    return found


@extend_schema(tags=["tasks"])
class TaskViewSet(ReadOnly):
    """Tasks with their agencies and, from the plan's latest evaluation, status and colour."""

    lookup_url_kwarg = "task_id"
    serializer_class = TaskSerializer
    filters = (
        f.PLAN,
        f.Filter("group", "group_id", "Only the tasks of this group."),
        f.Filter("agency", "agencies__organisation_id", "Only the tasks naming this agency."),
    )

    def rows(self) -> QuerySet[Task]:
        return (
            visible_tasks(self.request.user).prefetch_related("agencies").order_by("pk").distinct()
        )

    def get_queryset(self) -> QuerySet[Task]:
        rows = super().get_queryset()
        wanted = self.request.query_params.get("status")
        if not wanted:
            return rows
        if wanted not in STATUS_CODES:
            message = _("“%(value)s” is not a status; use one of %(codes)s.")
            raise Refused(
                [("status", message % {"value": wanted[:40], "codes": ", ".join(STATUS_CODES)})]
            )
        plans = set(rows.values_list("plan_id", flat=True))
        judged = _results_of(plans)
        return rows.filter(pk__in=[pk for pk, row in judged.items() if row["status"] == wanted])

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        self._results: dict[int, dict[str, Any]] = {}

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "results": self._results}

    def paginate_queryset(self, queryset: Any) -> Any:
        page = super().paginate_queryset(queryset)
        self._seen(page if page is not None else list(queryset))
        return page

    def _seen(self, tasks: list[Task]) -> None:
        self._results = _results_of({task.plan_id for task in tasks})
        note_confidential_reads(self.request.user, tasks)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        self._seen([self.get_object()])
        return super().retrieve(request, *args, **kwargs)

    list = extend_schema(
        parameters=[
            *(one.parameter for one in filters),
            OpenApiParameter(
                "status", str, enum=STATUS_CODES, description="Only tasks in this status."
            ),
        ]
    )(ReadOnly.list)


@extend_schema(tags=["indicators"])
class IndicatorViewSet(ReadOnly):
    lookup_url_kwarg = "indicator_id"
    serializer_class = IndicatorSerializer
    filters = (
        f.PLAN,
        f.Filter("agency", "agencies__organisation_id", "Only the indicators of this agency."),
    )

    def rows(self) -> QuerySet[Indicator]:
        return (
            Indicator.objects.filter(
                plan__in=visible_plans(self.request.user), archived_at__isnull=True
            )
            .prefetch_related("agencies")
            .order_by("pk")
            .distinct()
        )

    list = _with_filters(*filters)(ReadOnly.list)


@extend_schema(tags=["rounds"])
class RoundViewSet(ReadOnly):
    lookup_url_kwarg = "round_id"
    serializer_class = RoundSerializer
    filters = (f.PLAN, f.Filter("state", "state", "Only rounds in this state.", "text"))

    def rows(self) -> QuerySet[ReportingRound]:
        return visible_rounds(self.request.user).order_by("pk")

    list = _with_filters(*filters)(ReadOnly.list)


def _own_or_accepted(request: Request) -> Q:
    """Everybody reads accepted reports; an agency also reads its own, in any state, to
    know the version it writes on."""
    accepted = Q(state=ReviewState.ACCEPTED)
    organisation = reporter_organisation(request.user)
    if organisation is None:
        return accepted
    return accepted | Q(organisation_id__in=organisation.lineage_ids())


REPORT_FILTERS = (
    f.ROUND,
    f.CHANGED_SINCE,
    f.Filter("state", "state", "Only reports in this state (the agency's own).", "text"),
)


@extend_schema(tags=["task updates"])
class TaskUpdateViewSet(ReadOnly):
    """Task updates, ordered by task, then by id (a task's versions in the order they were
    saved): the order of the task index, so a page costs the same however many reports the
    country holds. Walked by the cursor in ``next``, with no count."""

    lookup_url_kwarg = "report_id"
    serializer_class = TaskUpdateSerializer
    pagination_class = Stream
    filters = (
        *REPORT_FILTERS,
        f.Filter("task", "task_id", "Only the updates of this task."),
        f.Filter("plan", "task__plan_id", "Only the updates of this plan's tasks."),
    )

    def rows(self) -> QuerySet[TaskUpdate]:
        who = self.request.user
        return TaskUpdate.objects.filter(
            _own_or_accepted(self.request),
            task__in=visible_tasks(who),
            # Adds no condition (the tasks are the plans'), but joins the task: PostgreSQL
            # then walks the reader's tasks and each one's updates, not every update of the
            # country until a page of the reader's turns up (3.8 s for a province at 10×).
            task__plan__in=visible_plans(who),
        ).order_by("task_id", "pk")

    list = _with_filters(*filters)(ReadOnly.list)


@extend_schema(tags=["indicator values"])
class IndicatorValueViewSet(ReadOnly):
    """Figures, ordered by indicator, then by id (an indicator's figures in the order they
    were saved): the order of the indicator index, so a page costs the same however many
    figures the country holds. Walked by the cursor in ``next``, with no count."""

    lookup_url_kwarg = "value_id"
    serializer_class = IndicatorValueSerializer
    pagination_class = Stream
    filters = (
        *REPORT_FILTERS,
        f.Filter("indicator", "indicator_id", "Only the figures of this indicator."),
        f.Filter("plan", "indicator__plan_id", "Only the figures of this plan's indicators."),
    )

    def rows(self) -> QuerySet[IndicatorValue]:
        shown = Indicator.objects.filter(
            plan__in=visible_plans(self.request.user), archived_at__isnull=True
        )
        return IndicatorValue.objects.filter(
            _own_or_accepted(self.request),
            # The readable indicators' ids, not a join to them: joined, SQLite read every
            # accepted figure of the readable plans and sorted them all for each page (52-97 ms
            # for the public at 10×, under 10 at 1×); given the ids, it walks the index.
            indicator__in=shown,
        ).order_by("indicator_id", "pk")

    list = _with_filters(*filters)(ReadOnly.list)
