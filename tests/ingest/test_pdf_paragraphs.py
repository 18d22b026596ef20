"""Lines of a PDF page joined into paragraphs: where a line goes on from the one above and
where it starts a paragraph of its own (a page printed from a republished plan)."""

from __future__ import annotations

from theodoi.ingest.readers.layout import Line, paragraphs

LEFT, RIGHT, HEIGHT = 72.0, 540.0, 13.0


def _lines(*rows: tuple[str, float]) -> list[Line]:
    """Lines one under the other from the left margin, each ending at the given x."""
    return [
        Line(text, LEFT, x1, k * 18.0, k * 18.0 + HEIGHT, 6.0 * len(text.split()[0]), RIGHT, LEFT)
        for k, (text, x1) in enumerate(rows)
    ]


def test_a_header_in_capitals_under_a_news_intro_run_to_the_margin_is_its_own() -> None:
    lines = _lines(
        ("Sở Xây dựng vừa ban hành kế hoạch năm 2026. Toàn văn như sau:", RIGHT - 0.5),
        ("UBND TỈNH NINH BÌNH", 200.0),
        ("SỞ XÂY DỰNG", 160.0),
    )
    assert list(paragraphs(lines)) == [
        "Sở Xây dựng vừa ban hành kế hoạch năm 2026. Toàn văn như sau:",
        "UBND TỈNH NINH BÌNH",
        "SỞ XÂY DỰNG",
    ]


def test_a_dash_that_wraps_inside_an_open_bracket_opens_no_bullet() -> None:
    lines = _lines(
        ("c) Giám sát dịch vụ công trực tuyến của xã (chủ trì: Ban Dân chủ", RIGHT - 0.5),
        ("- Pháp luật; thời gian: Quý III/2026).", 300.0),
        ("- Báo cáo kết quả giám sát với Ban Thường trực.", 380.0),
    )
    assert list(paragraphs(lines)) == [
        "c) Giám sát dịch vụ công trực tuyến của xã (chủ trì: Ban Dân chủ - Pháp luật; "
        "thời gian: Quý III/2026).",
        "- Báo cáo kết quả giám sát với Ban Thường trực.",
    ]


def test_a_bullet_under_a_line_run_to_the_margin_still_opens() -> None:
    lines = _lines(
        ("a) Các sở rà soát thủ tục hành chính, cắt giảm giấy tờ, gồm", RIGHT - 0.5),
        ("- Thủ tục đất đai.", 200.0),
    )
    assert list(paragraphs(lines)) == [
        "a) Các sở rà soát thủ tục hành chính, cắt giảm giấy tờ, gồm",
        "- Thủ tục đất đai.",
    ]
