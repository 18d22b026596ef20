"""An object's data as JSON for the audit log's ``before`` and ``after``."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.fields.files import FieldFile

# Never in the log, even hashed: the log is read by more people than the user table.
SECRET_FIELDS = frozenset({"password"})


def _plain(value: Any) -> Any:
    if isinstance(value, FieldFile):
        return value.name or ""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def fields_of(obj: models.Model) -> dict[str, Any]:
    """Every concrete field (foreign keys as ids) and many-to-many link (sorted ids)."""
    data = {
        field.attname: _plain(field.value_from_object(obj))
        for field in obj._meta.concrete_fields
        if field.name not in SECRET_FIELDS
    }
    if obj.pk is not None:
        for field in obj._meta.many_to_many:
            data[field.name] = sorted(getattr(obj, field.name).values_list("pk", flat=True))
    return data
