"""``theodoi extract FILE... [--json | --table] [--out DIR] [--ocr]``.

Exit codes: 0 read, 1 read with problems (reported on stderr), 2 a file could not be read.
Every file is tried; the worst code wins. No traceback ever reaches the person at the terminal.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

from theodoi.ingest.errors import UnreadableInput
from theodoi.ingest.plan import Plan, Target
from theodoi.ingest.validate import validate_plan_json

OK, PROBLEMS, UNREADABLE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # argparse has no Vietnamese catalogue; the usage line and our own words suffice.
        self.print_usage(sys.stderr)
        self.exit(UNREADABLE, f"theodoi extract: lệnh không hợp lệ ({message}).\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="theodoi extract",
        description=(
            "Đọc văn bản kế hoạch (.docx, .pdf, .html, .txt; .doc, .rtf, .odt qua LibreOffice) "
            "thành nhiệm vụ và chỉ tiêu."
        ),
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="TỆP", help="văn bản cần đọc")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--json",
        action="store_true",
        help="in Plan JSON (mặc định; nhiều tệp: mỗi tệp một dòng JSON)",
    )
    mode.add_argument("--table", action="store_true", help="in bảng nhiệm vụ, chỉ tiêu để rà soát")
    parser.add_argument(
        "--out", type=Path, metavar="THƯ_MỤC", help="ghi mỗi kết quả vào THƯ_MỤC/TÊN.json"
    )
    parser.add_argument("--ocr", action="store_true", help="nhận dạng chữ PDF bản quét (cần OCR)")
    return parser


def _shorten(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _grid(headings: Sequence[str], rows: list[list[str]], widths: Sequence[int]) -> str:
    cells = [[_shorten(c, w) for c, w in zip(row, widths, strict=True)] for row in rows]
    fitted = [max([len(h), *(len(row[i]) for row in cells)]) for i, h in enumerate(headings)]

    def line(row: Sequence[str]) -> str:
        return " | ".join(c.ljust(w) for c, w in zip(row, fitted, strict=True)).rstrip()

    rule = "-+-".join("-" * w for w in fitted)
    return "\n".join([line(headings), rule, *(line(row) for row in cells)])


def _target(target: Target) -> str:
    return target.text or ""


def render_table(plan: Plan, name: str) -> str:
    """The plan as a person checks it: the document, then tasks and indicators, one a line."""
    doc = plan.document
    lines = [
        f"== {name}",
        f"Số hiệu: {doc.number or '-'}   Loại: {doc.kind}   Ngày: {doc.issued_on or '-'}",
        f"Cơ quan ban hành: {doc.issuer or '-'}   Người ký: {doc.signer or '-'}",
        f"Thực hiện: {', '.join(doc.implements) or '-'}",
        "",
        f"NHIỆM VỤ ({len(plan.tasks)})",
    ]
    if plan.tasks:
        lines.append(
            _grid(
                ["Mã", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian"],
                [
                    [t.code, t.title, "; ".join(t.lead), "; ".join(t.cooperating), t.due.text or ""]
                    for t in plan.tasks
                ],
                [10, 60, 36, 36, 24],
            )
        )
    lines += ["", f"CHỈ TIÊU ({len(plan.indicators)})"]
    if plan.indicators:
        lines.append(
            _grid(
                ["Mã", "Chỉ tiêu", "Đơn vị", "Mục tiêu", "Năm"],
                [
                    [i.code, i.name, i.unit or "", _target(i.target), str(i.year or "")]
                    for i in plan.indicators
                ],
                [8, 60, 16, 30, 4],
            )
        )
    return "\n".join(lines) + "\n"


def _write_json(data: dict[str, Any], path: Path) -> None:
    """Write through a temporary file so that a crash never leaves half a JSON file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, indent=2)
            out.write("\n")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _problems(plan: Plan, data: dict[str, Any]) -> list[str]:
    problems = list(plan.warnings)
    if not plan.tasks and not plan.indicators:
        problems.append("không tìm thấy nhiệm vụ hay chỉ tiêu nào: văn bản có phải kế hoạch?")
    problems += [f"kết quả sai lược đồ: {p}" for p in validate_plan_json(data)]
    return problems


def _output_names(files: Sequence[Path]) -> list[str]:
    """``NAME.json`` after each input's stem; the full name where two stems coincide."""
    stems = [f.stem for f in files]
    return [f"{f.stem if stems.count(f.stem) == 1 else f.name}.json" for f in files]


def _utf8(stream: TextIO) -> None:
    # A terminal set to LANG=C would otherwise fail on the first Vietnamese letter.
    if isinstance(stream, io.TextIOWrapper) and stream.encoding.lower() != "utf-8":
        stream.reconfigure(encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    options = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    from theodoi.ingest.pipeline import extract_file

    _utf8(sys.stdout)
    _utf8(sys.stderr)
    worst = OK
    for path, out_name in zip(options.files, _output_names(options.files), strict=True):
        try:
            plan = extract_file(path, ocr=options.ocr)
        except UnreadableInput as err:
            print(f"{path}: {err}", file=sys.stderr)
            worst = max(worst, UNREADABLE)
            continue
        except Exception as err:  # a bug of ours must not cost the person the other files
            print(f"{path}: lỗi khi trích xuất ({type(err).__name__}: {err}).", file=sys.stderr)
            worst = max(worst, PROBLEMS)
            continue
        data = plan.to_dict()
        problems = _problems(plan, data)
        for problem in problems:
            print(f"{path}: cảnh báo: {problem}", file=sys.stderr)
        if problems:
            worst = max(worst, PROBLEMS)
        if options.out:
            target = options.out / out_name
            try:
                _write_json(data, target)
            except OSError as err:
                print(f"{path}: không ghi được {target}: {err.strerror or err}.", file=sys.stderr)
                worst = max(worst, PROBLEMS)
            else:
                print(f"{path}: đã ghi {target}", file=sys.stderr)
        if options.table:
            sys.stdout.write(render_table(plan, path.name))
        elif not options.out and len(options.files) == 1:
            sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        elif not options.out:
            # Several files: one Plan JSON per line, so that each line stays a valid document.
            sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    return worst
