"""The four colours shared by task statuses, indicator progress and score bands, and the
shape of a judgement that has one."""

from __future__ import annotations

from enum import Enum


class Colour(Enum):
    """A colour and what it tells a leader; templates map ``code`` to their own palette."""

    GREEN = ("green", "Xanh", "Đúng tiến độ: hoàn thành đúng hạn, trong hạn hoặc đúng lộ trình.")
    YELLOW = ("yellow", "Vàng", "Cần chú ý: sắp đến hạn mà chưa xong, hoặc cần tăng tốc.")
    RED = ("red", "Đỏ", "Chậm: quá hạn, hoàn thành quá hạn, tiến bộ chậm hoặc đi xuống.")
    GREY = (
        "grey",
        "Xám",
        "Chưa đánh giá được: chờ điều kiện, chưa đến hạn, tạm dừng hoặc chưa đủ dữ liệu.",
    )

    def __init__(self, code: str, label: str, meaning: str) -> None:
        self.code = code
        self.label = label
        self.meaning = meaning


class Judgement(Enum):
    """What a rule concluded, as people are shown it: a code, its Vietnamese label, its colour
    and what it means: a task status (TaskStatus) or a progress band (ProgressBand)."""

    def __init__(self, code: str, label: str, colour: Colour, meaning: str) -> None:
        self.code = code
        self.label = label
        self.colour = colour
        self.meaning = meaning
