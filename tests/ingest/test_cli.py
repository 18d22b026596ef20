import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ingest.fixtures import SEED_003, SEED_004
from theodoi.ingest.cli import main
from theodoi.ingest.validate import validate_plan_json


def test_json_of_one_file_is_one_valid_plan_object(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(SEED_004), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert validate_plan_json(data) == []
    assert data["document"]["number"] == "69/KH-UBND"
    assert len(data["tasks"]) > 50


def test_out_writes_one_json_per_input_named_after_its_stem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(SEED_003), str(SEED_004), "--json", "--out", str(tmp_path / "ra")]) == 0
    written = sorted(p.name for p in (tmp_path / "ra").iterdir())
    assert written == [f"{SEED_003.stem}.json", f"{SEED_004.stem}.json"]
    plan = json.loads((tmp_path / "ra" / f"{SEED_003.stem}.json").read_text(encoding="utf-8"))
    assert plan["document"]["number"] == "66/KH-UBND"
    assert capsys.readouterr().out == ""


def test_several_files_print_one_plan_per_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(SEED_003), str(SEED_004)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["document"]["number"] for line in lines] == [
        "66/KH-UBND",
        "69/KH-UBND",
    ]


def test_table_lists_tasks_and_indicators_under_vietnamese_headings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([str(SEED_004), "--table"]) == 0
    out = capsys.readouterr().out
    assert "NHIỆM VỤ (" in out
    assert "CHỈ TIÊU (" in out
    headings = [line.split(" | ") for line in out.splitlines() if line.startswith("Mã ")]
    assert [[h.strip() for h in row] for row in headings] == [
        ["Mã", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian"],
        ["Mã", "Chỉ tiêu", "Đơn vị", "Mục tiêu", "Năm"],
    ]
    task_row = next(line for line in out.splitlines() if line.startswith("PL2.1 "))
    assert "Phổ biến, quán triệt" in task_row
    assert "Thường xuyên" in task_row or "Năm" in task_row
    assert any(line.startswith("7.1 ") and "≥ 80" in line for line in out.splitlines())
    assert max(len(line) for line in out.splitlines()) < 220


def test_unreadable_file_exits_2_with_a_message_and_no_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "trong.docx"
    empty.write_bytes(b"")
    assert main([str(empty), "--json"]) == 2
    captured = capsys.readouterr()
    assert "trong.docx" in captured.err
    assert "trống" in captured.err
    assert "Traceback" not in captured.err
    assert captured.out == ""


def test_a_missing_file_is_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main([str(tmp_path / "khong-co.txt")]) == 2
    assert "Không tìm thấy tệp" in capsys.readouterr().err


def test_a_text_that_is_not_a_plan_exits_1_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    letter = tmp_path / "thu.txt"
    letter.write_text(
        "Kính gửi anh Nam,\nCảm ơn anh đã gửi tài liệu hôm qua.\nTrân trọng,\nLan\n",
        encoding="utf-8",
    )
    assert main([str(letter), "--json"]) == 1
    captured = capsys.readouterr()
    assert "không tìm thấy nhiệm vụ hay chỉ tiêu" in captured.err
    assert validate_plan_json(json.loads(captured.out)) == []


def test_every_file_is_tried_and_the_worst_code_wins(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    binary = tmp_path / "anh.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert main([str(binary), str(SEED_004), "--out", str(tmp_path)]) == 2
    assert (tmp_path / f"{SEED_004.stem}.json").exists()
    assert "tệp ảnh PNG" in capsys.readouterr().err


def test_json_and_table_cannot_be_asked_together(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([str(SEED_004), "--json", "--table"])
    assert exit_.value.code == 2
    assert "lệnh không hợp lệ" in capsys.readouterr().err


def test_the_theodoi_command_runs_extract_in_a_c_locale(tmp_path: Path) -> None:
    theodoi = Path(sys.executable).parent / "theodoi"
    result = subprocess.run(
        [str(theodoi), "extract", str(SEED_003), "--table"],
        capture_output=True,
        env={"LANG": "C", "LC_ALL": "C", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert "NHIỆM VỤ" in result.stdout.decode("utf-8")
