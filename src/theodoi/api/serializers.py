"""What the API says of each row: the same names as the open data and the pages, in English
identifiers; labels stay Vietnamese. Read-only: writes go through the pages' forms."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from theodoi.orgs.models import Organisation
from theodoi.plans.models import AgencyRole, Indicator, Plan, Task, TaskGroup
from theodoi.reporting.fields import UPDATE_FIELDS
from theodoi.reporting.models import IndicatorValue, ReportingRound, TaskUpdate


class OrganisationSerializer(serializers.ModelSerializer[Organisation]):
    class Meta:
        model = Organisation
        fields = ("id", "code", "name", "kind", "parent", "successor", "succeeded_on", "active")


class PlanSerializer(serializers.ModelSerializer[Plan]):
    class Meta:
        model = Plan
        fields = (
            "id",
            "number",
            "kind",
            "title",
            "issuer",
            "province",
            "issued_on",
            "signer",
            "status",
            "version",
            "implements",
            "implements_numbers",
            "published_at",
        )


class GroupSerializer(serializers.ModelSerializer[TaskGroup]):
    class Meta:
        model = TaskGroup
        fields = ("id", "plan", "code", "title", "position")


def _agencies(rows: Any, role: str) -> list[dict[str, Any]]:
    return [
        {"organisation": row.organisation_id, "name": row.name}
        for row in rows.all()
        if getattr(row, "role", role) == role
    ]


class TaskSerializer(serializers.ModelSerializer[Task]):
    """A task with its agencies and, from the plan's latest evaluation, its status."""

    lead = serializers.SerializerMethodField()
    cooperating = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField()
    colour = serializers.SerializerMethodField()
    due_on = serializers.SerializerMethodField()

    class Meta:
        model = Task
        fields = (
            "id",
            "plan",
            "group",
            "code",
            "title",
            "expected_output",
            "due_text",
            "due_on",
            "due_condition",
            "condition_met_on",
            "confidential",
            "external_ids",
            "lead",
            "cooperating",
            "status",
            "colour",
        )

    def _result(self, task: Task) -> dict[str, Any]:
        results: dict[int, dict[str, Any]] = self.context.get("results", {})
        return results.get(task.pk, {})

    def get_lead(self, task: Task) -> list[dict[str, Any]]:
        return _agencies(task.agencies, AgencyRole.LEAD)

    def get_cooperating(self, task: Task) -> list[dict[str, Any]]:
        return _agencies(task.agencies, AgencyRole.COOPERATING)

    def get_status(self, task: Task) -> str | None:
        return self._result(task).get("status")

    def get_colour(self, task: Task) -> str | None:
        return self._result(task).get("colour")

    def get_due_on(self, task: Task) -> str | None:
        return self._result(task).get("due_on")


class IndicatorSerializer(serializers.ModelSerializer[Indicator]):
    agencies = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = (
            "id",
            "plan",
            "code",
            "name",
            "unit",
            "target_text",
            "comparator",
            "target",
            "target_max",
            "year",
            "baseline_value",
            "baseline_year",
            "external_ids",
            "agencies",
        )

    def get_agencies(self, indicator: Indicator) -> list[dict[str, Any]]:
        return [
            {"organisation": row.organisation_id, "name": row.name}
            for row in indicator.agencies.all()
        ]


class RoundSerializer(serializers.ModelSerializer[ReportingRound]):
    class Meta:
        model = ReportingRound
        fields = (
            "id",
            "plan",
            "title",
            "period_start",
            "period_end",
            "cut_off",
            "deadline",
            "state",
        )


class TaskUpdateSerializer(serializers.ModelSerializer[TaskUpdate]):
    class Meta:
        model = TaskUpdate
        fields = (
            "id",
            "round",
            "task",
            "organisation",
            "role",
            "version",
            "state",
            "return_reason",
            "created_at",
            *(field.name for field in UPDATE_FIELDS),
        )


class IndicatorValueSerializer(serializers.ModelSerializer[IndicatorValue]):
    class Meta:
        model = IndicatorValue
        fields = (
            "id",
            "indicator",
            "round",
            "organisation",
            "version",
            "state",
            "return_reason",
            "value",
            "measured_on",
            "source",
            "note",
            "is_baseline",
            "created_at",
        )


class StatusCountSerializer(serializers.Serializer[dict[str, Any]]):
    status = serializers.CharField()
    count = serializers.IntegerField()
    share = serializers.FloatField()


class PublishedRankingSerializer(serializers.Serializer[dict[str, Any]]):
    as_of = serializers.DateField()
    period = serializers.CharField()
    published_at = serializers.DateTimeField()
    agencies = serializers.ListField(child=serializers.DictField())


class EvaluationSerializer(serializers.Serializer[dict[str, Any]]):
    """A plan's latest evaluation: its tasks by status and the published ranking."""

    as_of = serializers.DateField(allow_null=True)
    tasks = serializers.IntegerField()
    overdue = serializers.IntegerField()
    statuses = StatusCountSerializer(many=True)
    ranking = PublishedRankingSerializer(allow_null=True)
