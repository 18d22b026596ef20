"""Whose workbook, for which round: a hidden sheet carries the round, the agency and a keyed
checksum of both, so a workbook of an older round or of another agency is refused."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from typing import Any

from theodoi.reporting.workbook.layout import FORMAT, WorkbookKey


def checksum(key: WorkbookKey, secret: bytes) -> str:
    message = f"{FORMAT}|{key.round_id}|{key.organisation_id}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def key_sheet(rows: Sequence[Sequence[Any]] | None) -> dict[str, Any] | None:
    """The hidden sheet's entries by name, from its rows; None when the workbook has no such
    sheet."""
    if rows is None:
        return None
    return {str(row[0]): row[1] for row in rows if len(row) >= 2 and row[0] is not None}


def key_problem(meta: dict[str, Any] | None, key: WorkbookKey, secret: bytes) -> str | None:
    """Why this workbook is not the one for ``key``; None when it is."""
    if meta is None or meta.get("format") != FORMAT:
        return (
            "Tệp không phải bảng tính báo cáo do theodoi tạo ra. Hãy tải bảng tính của kỳ báo "
            "cáo về, điền số liệu rồi tải lên."
        )
    try:
        found = WorkbookKey(
            round_id=int(meta.get("round_id")),  # type: ignore[arg-type]
            round_title=str(meta.get("round_title") or ""),
            organisation_id=int(meta.get("organisation_id")),  # type: ignore[arg-type]
            organisation_name=str(meta.get("organisation_name") or ""),
        )
    except (TypeError, ValueError):
        found = None
    if found is None or not hmac.compare_digest(
        str(meta.get("checksum") or ""), checksum(found, secret)
    ):
        return "Phần nhận dạng của bảng tính đã bị sửa; hãy tải lại bảng tính của kỳ báo cáo."
    if found.round_id != key.round_id:
        return (
            f"Bảng tính này thuộc kỳ báo cáo khác (“{found.round_title}”), không phải kỳ "
            f"“{key.round_title}”. Hãy tải bảng tính của kỳ này về và điền lại."
        )
    if found.organisation_id != key.organisation_id:
        return (
            f"Bảng tính này của đơn vị khác ({found.organisation_name}), không phải của "
            f"{key.organisation_name}."
        )
    return None
