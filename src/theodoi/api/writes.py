"""The API's writes: a task update and an indicator figure, checked by the very forms the
pages use (so the same bad input gets the same message) and saved by the same services, with
their version checks and audit."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, TypeVar

from django import forms
from django.http import Http404, QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import NotAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from theodoi.api.problems import Refused, refused_by
from theodoi.api.serializers import IndicatorValueSerializer, TaskUpdateSerializer
from theodoi.orgs.models import Organisation
from theodoi.reporting.access import (
    get_organisation_for,
    get_round_and_task_for,
    get_round_for,
    reports_on,
)
from theodoi.reporting.errors import ConfirmationNeededError, ReportingError, StaleVersionError
from theodoi.reporting.fields import UPDATE_FIELDS
from theodoi.reporting.models import ReportingRound
from theodoi.reporting.updates import save_draft, submit_update
from theodoi.reporting.values import record_indicator_value
from theodoi.reporting.worklist import agency_indicators
from theodoi.users import User
from theodoi.workspace.reporting.forms import FigureForm, TaskUpdateForm

# A JSON body is bounded by DATA_UPLOAD_MAX_MEMORY_SIZE, as a form is.
UPDATE_BODY = inline_serializer(
    "TaskUpdateWrite",
    {
        **{field.name: serializers.CharField(required=field.required) for field in UPDATE_FIELDS},
        "based_on": serializers.IntegerField(help_text="The version this one follows (0: none)."),
        "submit": serializers.BooleanField(
            required=False,
            help_text="Send to the coordinator (true, the default) or keep as a draft.",
        ),
    },
)
FIGURE_BODY = inline_serializer(
    "IndicatorValueWrite",
    {
        "value": serializers.FloatField(),
        "measured_on": serializers.DateField(),
        "source": serializers.CharField(required=False),
        "note": serializers.CharField(required=False),
        "confirmed": serializers.BooleanField(required=False),
        "based_on": serializers.IntegerField(),
        "submit": serializers.BooleanField(required=False),
    },
)
Form = TypeVar("Form", bound=forms.Form)
REFUSAL = OpenApiResponse(description="Problem details (RFC 9457), each field's message.")


def _form_data(body: Any, names: list[str]) -> QueryDict:
    """A JSON object as the form would have received it; numbers are written the Vietnamese
    way the form reads (1234,5), so a figure means the same through both doors."""
    if not isinstance(body, dict):
        raise Refused([(None, _("Send a JSON object with the report's fields."))])
    data = QueryDict(mutable=True)
    for name in names:
        value = body.get(name)
        if value is None:
            continue
        if isinstance(value, bool):
            data[name] = "on" if value else ""
        elif isinstance(value, float | int):
            data[name] = format(Decimal(str(value)), "f").replace(".", ",")
        else:
            data[name] = str(value)
    return data


def _writer(request: Request) -> User:
    """The person writing: the permissions let only a signed-in caller through."""
    if not isinstance(request.user, User):
        raise NotAuthenticated
    return request.user


def _submits(body: dict[str, Any]) -> bool:
    return body.get("submit", True) is not False


def _read(form: Form) -> Form:
    """The form, once valid; else the caller is refused with each field's message."""
    if not form.is_valid():
        raise refused_by(form)
    return form


def _service_refusal(refused: ReportingError) -> Refused:
    """A figure far from the last is refused on ``confirmed`` (send it again with it set);
    a stale version is a conflict; any other refusal is the request's."""
    if isinstance(refused, ConfirmationNeededError):
        return Refused([("confirmed", str(refused))])
    code = status.HTTP_409_CONFLICT if isinstance(refused, StaleVersionError) else 400
    return Refused([(None, str(refused))], status_code=code)


def _agency_round(request: Request, round_id: int) -> tuple[Organisation, ReportingRound]:
    """The caller's agency and the round it writes in (404 when it may not)."""
    return get_organisation_for(request.user), get_round_for(request.user, round_id)


class TaskUpdateWrite(APIView):
    @extend_schema(
        tags=["task updates"],
        request=UPDATE_BODY,
        responses={201: TaskUpdateSerializer, 400: REFUSAL, 409: REFUSAL},
        summary="Submit (or save as a draft) the agency's update of a task in a round",
    )
    def post(self, request: Request, round_id: int, task_id: int) -> Response:
        organisation = get_organisation_for(request.user)
        round_, task = get_round_and_task_for(request.user, round_id, task_id, write=True)
        if not reports_on(round_, organisation, task):
            raise Http404
        names = [field.name for field in UPDATE_FIELDS] + ["based_on"]
        form = _read(TaskUpdateForm(_form_data(request.data, names)))
        write = submit_update if _submits(request.data) else save_draft
        try:
            update = write(
                round_,
                task,
                form.content(),
                by=_writer(request),
                based_on=form.cleaned_data["based_on"],
                now=timezone.now(),
            )
        except ReportingError as refused:
            raise _service_refusal(refused) from refused
        return Response(TaskUpdateSerializer(update).data, status=status.HTTP_201_CREATED)


class IndicatorValueWrite(APIView):
    @extend_schema(
        tags=["indicator values"],
        request=FIGURE_BODY,
        responses={201: IndicatorValueSerializer, 400: REFUSAL, 409: REFUSAL},
        summary="Submit (or save as a draft) the agency's figure of an indicator in a round",
    )
    def post(self, request: Request, round_id: int, indicator_id: int) -> Response:
        organisation, round_ = _agency_round(request, round_id)
        item = next(
            (i for i in agency_indicators(round_, organisation) if i.indicator.pk == indicator_id),
            None,
        )
        if item is None:
            raise Http404
        names = ["value", "measured_on", "source", "note", "confirmed", "based_on"]
        form = _read(FigureForm(_form_data(request.data, names)))
        try:
            value = record_indicator_value(
                round_,
                item.indicator,
                **form.figure(),
                submit=_submits(request.data),
                by=_writer(request),
                now=timezone.now(),
            )
        except ReportingError as refused:
            raise _service_refusal(refused) from refused
        return Response(IndicatorValueSerializer(value).data, status=status.HTTP_201_CREATED)
