"""Django's JSON Lines serialiser, keeping the microseconds of times.

Django's JSON encoder cuts times to milliseconds (ECMA-262's format), so a restored row would
not be the row that was saved, and two versions saved in one millisecond would change order.
ISO 8601 with microseconds reads back through the standard ``jsonl`` deserialiser exactly."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.serializers import jsonl
from django.core.serializers.json import DjangoJSONEncoder


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(jsonl.Serializer):
    def _init_options(self) -> None:
        super()._init_options()  # type: ignore[misc]  # a private hook django-stubs leaves out
        self.json_kwargs["cls"] = ExactEncoder


Deserializer = jsonl.Deserializer
