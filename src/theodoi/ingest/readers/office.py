"""Plans kept in older office formats (Word 97-2003 ``.doc``, ``.rtf``, OpenDocument ``.odt``):
LibreOffice converts them to ``.docx`` in a process of its own, and the Word reader
(docx.py) reads that, so such a plan reads as its ``.docx`` does.

LibreOffice is a large program reading a hostile file, so each conversion is bounded
(bounds.py): the input's size before it starts; the wall time (the whole process group is
killed past it); the address space and the bytes any file it writes may hold (``RLIMIT_AS``
and ``RLIMIT_FSIZE``, set by a small trampoline that then becomes LibreOffice, so the
limits are set in no forked copy of a threaded server); a user profile of its own, made for
the one conversion with macros and Java turned off, so that conversions at the same time
never share or lock one; and everything it wrote is removed when it is done. A ``.doc``
carrying VBA macros is refused before LibreOffice opens it. A caller that passes
``slots`` (slots.py) bounds how many conversions run at once on the machine.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Literal

from theodoi.ingest.blocks import SourceText
from theodoi.ingest.errors import (
    ConversionFailed,
    ConversionTimedOut,
    ConverterUnavailable,
    UnreadableInput,
)
from theodoi.ingest.readers.bounds import (
    MAX_CONVERT_BYTES,
    MAX_CONVERT_MEMORY_BYTES,
    MAX_CONVERT_OUTPUT_BYTES,
    MAX_CONVERT_SECONDS,
)
from theodoi.ingest.readers.detect import HEAD_SIZE, sniff
from theodoi.ingest.readers.ole import CompoundFileError, directory, has_macros, is_word_document
from theodoi.ingest.readers.slots import ConversionSlots

log = logging.getLogger(__name__)

OfficeFormat = Literal["doc", "rtf", "odt"]
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
_LABELS: dict[OfficeFormat, str] = {
    "doc": "tài liệu Word cũ (.doc)",
    "rtf": "tài liệu RTF",
    "odt": "tài liệu OpenDocument (.odt)",
}
INSTALL_HINT = "apt install libreoffice-writer-nogui"
# Sets the limits, then becomes the program: nothing runs between fork and exec in the
# parent's copy (``preexec_fn`` is not safe in a threaded server). A limit already lower (the
# server's own) is kept.
_TRAMPOLINE = (
    "import os, resource as r, sys\n"
    "def bound(kind, most):\n"
    "    hard = r.getrlimit(kind)[1]\n"
    "    most = most if hard == r.RLIM_INFINITY else min(most, hard)\n"
    "    r.setrlimit(kind, (most, most))\n"
    "bound(r.RLIMIT_AS, int(sys.argv[1]))\n"
    "bound(r.RLIMIT_FSIZE, int(sys.argv[2]))\n"
    "bound(r.RLIMIT_CORE, 0)\n"
    "os.execv(sys.argv[3], sys.argv[3:])\n"
)
# The profile's settings: no macro of the document runs, no Java starts, no lock files.
_PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop
 oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop
 oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop
 oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Java/VirtualMachine"><prop
 oor:name="Enable" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop
 oor:name="UseLocking" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
"""
_LOG_TAIL = 2000
_POLL_SECONDS = 0.02


def soffice() -> str | None:
    """LibreOffice's command, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def is_opendocument_text(path: Path) -> bool:
    """Whether a ZIP file is an OpenDocument text (its ``mimetype`` member says so)."""
    try:
        with zipfile.ZipFile(path) as archive:
            if "mimetype" not in archive.namelist():
                return False
            with archive.open("mimetype") as member:
                return member.read(200).strip() == ODT_MIMETYPE
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError, NotImplementedError):
        return False


def office_format(path: Path) -> OfficeFormat | None:
    """The older office format ``path``'s content is in (what :func:`convert_to_docx` turns
    into a .docx), or None for any other file; as ``read_file`` tells them apart."""
    with path.open("rb") as handle:
        kind = sniff(handle.read(HEAD_SIZE))
    if kind in ("doc", "rtf"):
        return "doc" if kind == "doc" else "rtf"
    if kind == "zip" and is_opendocument_text(path):
        return "odt"
    return None


def _check_word_97(data: bytes, name: str) -> None:
    try:
        entries = directory(data)
    except CompoundFileError as err:
        raise UnreadableInput(
            f"Tệp {name} bị hỏng: không mở được như tài liệu Word cũ (.doc)."
        ) from err
    if not is_word_document(entries):
        raise UnreadableInput(
            f"Tệp {name} là tệp Office cũ nhưng không phải tài liệu Word (.doc). "
            "Hãy tải lên văn bản kế hoạch dạng .docx, .doc, .pdf hoặc .txt."
        )
    if has_macros(entries):
        raise UnreadableInput(
            f"Tệp {name} có chứa macro, không được đọc vì macro có thể chạy mã độc. "
            "Hãy lưu lại dạng .docx rồi tải lên."
        )


def _seconds(seconds: float) -> str:
    return f"{seconds:g}".replace(".", ",")  # Vietnamese writes 0,5


def _ended(process: subprocess.Popen[bytes], seconds: float) -> bool:
    """Whether the process ended within ``seconds``; it is left unreaped (a zombie keeps its
    pid, so its process group's id cannot go to another program before it is killed)."""
    deadline = time.monotonic() + seconds
    flags = os.WEXITED | os.WNOHANG | os.WNOWAIT
    while os.waitid(os.P_PID, process.pid, flags) is None:
        if time.monotonic() > deadline:
            return False
        time.sleep(_POLL_SECONDS)
    return True


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


def _run_bounded(command: list[str], workdir: Path, name: str, label: str) -> None:
    """Run LibreOffice under the bounds, its output in a file of ``workdir``."""
    with (workdir / "soffice.log").open("wb") as output:
        process = subprocess.Popen(
            [
                sys.executable,
                "-I",
                "-S",
                "-c",
                _TRAMPOLINE,
                str(MAX_CONVERT_MEMORY_BYTES),
                str(MAX_CONVERT_OUTPUT_BYTES),
                *command,
            ],
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            cwd=workdir,
            start_new_session=True,  # its own process group, killed as one
        )
        try:
            finished = _ended(process, MAX_CONVERT_SECONDS)
        finally:
            # Every process it left, or all of it past its time; its leader not yet reaped,
            # the group's id is still its own.
            _kill_group(process)
            code = process.wait()
    if not finished:
        raise ConversionTimedOut(
            f"Tệp {name} ({label}) chuyển sang .docx quá {_seconds(MAX_CONVERT_SECONDS)} "
            "giây mà chưa xong; tệp có thể bị hỏng hoặc quá phức tạp. Hãy mở bằng Word "
            "hoặc LibreOffice, lưu lại dạng .docx rồi tải lên.",
            MAX_CONVERT_SECONDS,
        )
    if code != 0:
        with (workdir / "soffice.log").open("rb") as logged:
            tail = logged.read()[-_LOG_TAIL:].decode("utf-8", "replace")
        log.warning("LibreOffice failed on %s (exit %s): %s", name, code, tail)


def _converted(out_dir: Path, source: Path, name: str, label: str) -> Path:
    written = sum(path.stat().st_size for path in out_dir.iterdir())
    result = out_dir / f"{source.stem}.docx"
    if not result.is_file():
        raise ConversionFailed(
            f"Tệp {name} bị hỏng hoặc quá phức tạp: LibreOffice không chuyển được {label} này "
            "sang .docx. "
            "Hãy mở bằng Word hoặc LibreOffice, lưu lại dạng .docx rồi tải lên."
        )
    if written >= MAX_CONVERT_OUTPUT_BYTES:
        raise UnreadableInput(
            f"Tệp {name} chuyển sang .docx ra quá "
            f"{MAX_CONVERT_OUTPUT_BYTES // 1024 // 1024} MB; một văn bản kế hoạch không lớn "
            "như vậy. Hãy kiểm tra lại tệp."
        )
    return result


def convert_to_docx(
    path: Path, kind: OfficeFormat, out: Path, *, slots: ConversionSlots | None = None
) -> Path:
    """Convert ``path`` (a .doc, .rtf or .odt, as ``kind`` says its content is) to a .docx
    written at ``out``, under the bounds; :class:`UnreadableInput` saying why otherwise
    (:class:`ConverterUnavailable`, :class:`ConversionTimedOut` among them). With ``slots``,
    LibreOffice runs only once it has one of them (:class:`ConversionBusy` when none came
    free in time)."""
    name, label = path.name, _LABELS[kind]
    size = path.stat().st_size
    if size > MAX_CONVERT_BYTES:
        raise UnreadableInput(
            f"Tệp {name} ({label}) có dung lượng {size / 1024 / 1024:.0f} MB; chỉ chuyển được "
            f"tệp đến {MAX_CONVERT_BYTES // 1024 // 1024} MB. Hãy lưu lại dạng .docx rồi tải lên."
        )
    data = path.read_bytes()
    if kind == "doc":
        _check_word_97(data, name)
    program = soffice()
    if program is None:
        raise ConverterUnavailable(
            f"Chưa cài LibreOffice, cần để đọc {label} {name}: hãy {INSTALL_HINT}, "
            "hoặc tải lên bản .docx của văn bản."
        )
    with tempfile.TemporaryDirectory(prefix="theodoi-convert-") as folder:
        work = Path(folder)
        profile, in_dir, out_dir = work / "profile", work / "in", work / "out"
        for made in (profile / "user", in_dir, out_dir):
            made.mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(_PROFILE_SETTINGS, "utf-8")
        # Its own safe name: LibreOffice reads no option from it and picks the filter by it.
        source = in_dir / f"van-ban.{kind}"
        source.write_bytes(data)
        del data
        with slots.taken(name) if slots is not None else contextlib.nullcontext():
            _run_bounded(
                [
                    program,
                    f"-env:UserInstallation={profile.as_uri()}",
                    "--headless",
                    "--norestore",
                    "--nolockcheck",
                    "--convert-to",
                    "docx:MS Word 2007 XML",
                    "--outdir",
                    str(out_dir),
                    str(source),
                ],
                work,
                name,
                label,
            )
        shutil.move(_converted(out_dir, source, name, label), out)
    return out


def read_office(
    path: Path, kind: OfficeFormat, *, slots: ConversionSlots | None = None
) -> SourceText:
    """A .doc, .rtf or .odt plan's paragraphs and tables: converted to .docx by LibreOffice
    (once it has one of ``slots``, if given), then read by the Word reader, its messages
    naming the file as it was given."""
    from theodoi.ingest.readers.docx import read_docx

    with tempfile.TemporaryDirectory(prefix="theodoi-office-") as folder:
        # Named as the original, so that every message names the file that was given.
        converted = convert_to_docx(path, kind, Path(folder) / path.name, slots=slots)
        source = read_docx(converted)
    return SourceText(name=path.name, blocks=source.blocks, warnings=source.warnings)
