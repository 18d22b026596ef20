"""Uploads bounded while they stream in, before any view reads them.

Two steps, both at ``THEODOI_MAX_UPLOAD_BYTES``: a request whose declared length is past the
limit and the envelope of a form is answered 413 before its body is read at all; a file past
the limit within a request that is not stops being stored there, and reaches the form as an
empty :class:`OversizedUpload` that carries its real size, so the form's own check names it.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

# The fields of a form and the multipart boundaries around one file.
ENVELOPE_BYTES = 1024 * 1024


class OversizedUpload(UploadedFile):
    """A file that was larger than the limit: its size, none of its bytes."""

    def __init__(
        self, name: str | None, content_type: str | None, size: int, charset: str | None
    ) -> None:
        super().__init__(io.BytesIO(), name, content_type, size, charset)


class UploadLimitHandler(FileUploadHandler):
    """First of ``FILE_UPLOAD_HANDLERS``: passes a file's chunks on to the handlers that store
    it until the file is past the limit, then drops the rest and what they stored."""

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if start + len(raw_data) > settings.THEODOI_MAX_UPLOAD_BYTES:
            return None
        return raw_data

    def file_complete(self, file_size: int) -> UploadedFile | None:
        if file_size <= settings.THEODOI_MAX_UPLOAD_BYTES:
            return None
        for handler in self.request.upload_handlers:  # type: ignore[union-attr]
            stored = getattr(handler, "file", None)
            if handler is not self and stored is not None:
                stored.close()  # a temporary file is deleted as it closes
        return OversizedUpload(self.file_name, self.content_type, file_size, self.charset)


class UploadLimitMiddleware:
    """Answers 413 to a request declaring more than a file and its form, unread."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> Any:
        limit = settings.THEODOI_MAX_UPLOAD_BYTES
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > limit + ENVELOPE_BYTES:
            return render(
                request,
                "413.html",
                {"size": declared / 1024 / 1024, "limit": limit // 1024 // 1024},
                status=413,
            )
        return self.get_response(request)
