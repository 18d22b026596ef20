import unicodedata
from pathlib import Path

import pytest

from theodoi.ingest.blocks import Paragraph, Table
from theodoi.ingest.errors import UnreadableInput
from theodoi.ingest.readers import read_file

# A page as a provincial portal serves it (after seed 000's portal): site header and menu,
# breadcrumb, font-size and contrast buttons, the article, a share bar, related news, footer.
PORTAL_PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Sở KH&amp;CN Quảng Ngãi</title>
<style>.x{color:red}</style><script>var tracking = "Kế hoạch giả";</script></head>
<body>
<header class="site-header">
<div class="logo">Trang thông tin điện tử Sở Khoa học và Công nghệ</div>
<nav class="main-menu"><ul><li><a href="/">Trang chủ</a></li><li>Tin tức</li>
<li>Văn bản</li></ul></nav>
</header>
<div class="breadcrumb"><a href="/">Trang chủ</a> &gt; <a>Văn bản</a> &gt; Kế hoạch</div>
<main>
<article class="news-detail">
<header><h1>Kế hoạch Thực hiện Nghị quyết số 03/NQ-CP ngày 09/01/2025 của Chính phủ</h1></header>
<div class="tools">A- A A+ | Tăng tương phản Giảm tương phản</div>
<p>UBND tỉnh Quảng Ngãi vừa mới ban hành Kế hoạch triển khai&nbsp;thực hiện
   Nghị quyết số 03/NQ-CP.</p>
<p><strong>1. Nâng cao nhận thức</strong>, đổi mới tư duy</p>
<p>a) Xây dựng và tổ chức triển khai chương trình tuyên truyền<br>thường xuyên, sâu rộng.</p>
<ul><li>Tuyên truyền trên báo, đài</li><li>- Tổ chức hội nghị quán triệt</li></ul>
<table class="table">
 <thead><tr><th>TT</th><th>Chỉ tiêu</th><th>Đơn vị</th><th>Kết quả</th></tr></thead>
 <tbody>
  <tr><td>I</td><td colspan="3">Đến năm 2030</td></tr>
  <tr><td>1</td><td>Tỷ lệ dân số trưởng thành có chữ ký số</td>
      <td rowspan="2">%</td><td>≥ 80</td></tr>
  <tr><td>2</td><td>Tỷ lệ dịch vụ công trực tuyến<p>toàn trình</p></td><td>100</td></tr>
 </tbody>
</table>
<p>Nguồn: https://vanban.quangngai.gov.vn/thongtin/vanban/detail?id=162879 Sao chép liên kết</p>
<div class="social-share"><a>Chia sẻ</a> <a>Facebook</a> <a>Zalo</a></div>
</article>
<aside><h3>Tin liên quan</h3><ul><li>Hội nghị tổng kết năm 2024</li></ul></aside>
</main>
<footer>Bản quyền thuộc Sở Khoa học và Công nghệ tỉnh Quảng Ngãi</footer>
</body></html>
"""


@pytest.fixture
def portal_page(tmp_path: Path) -> Path:
    path = tmp_path / "ke-hoach.html"
    path.write_text(PORTAL_PAGE, encoding="utf-8")
    return path


def texts(blocks: list) -> list[str]:
    return [b.text for b in blocks if isinstance(b, Paragraph)]


def test_the_article_is_read_and_the_portal_around_it_is_not(portal_page: Path) -> None:
    assert texts(read_file(portal_page).blocks) == [
        "Kế hoạch Thực hiện Nghị quyết số 03/NQ-CP ngày 09/01/2025 của Chính phủ",
        "UBND tỉnh Quảng Ngãi vừa mới ban hành Kế hoạch triển khai thực hiện "
        "Nghị quyết số 03/NQ-CP.",
        "1. Nâng cao nhận thức, đổi mới tư duy",
        "a) Xây dựng và tổ chức triển khai chương trình tuyên truyền",
        "thường xuyên, sâu rộng.",
        "- Tuyên truyền trên báo, đài",
        "- Tổ chức hội nghị quán triệt",
        "Nguồn: https://vanban.quangngai.gov.vn/thongtin/vanban/detail?id=162879",
    ]


def test_a_real_table_is_read_with_spanned_cells_repeated(portal_page: Path) -> None:
    [table] = [b for b in read_file(portal_page).blocks if isinstance(b, Table)]
    assert table.rows == (
        ("TT", "Chỉ tiêu", "Đơn vị", "Kết quả"),
        ("I", "Đến năm 2030", "Đến năm 2030", "Đến năm 2030"),
        ("1", "Tỷ lệ dân số trưởng thành có chữ ký số", "%", "≥ 80"),
        ("2", "Tỷ lệ dịch vụ công trực tuyến\ntoàn trình", "%", "100"),
    )


def test_a_layout_table_is_read_as_text_and_its_inner_table_as_a_table(tmp_path: Path) -> None:
    path = tmp_path / "layout.htm"
    path.write_text(
        "<html><body><table><tr><td>Menu</td><td><p>KẾ HOẠCH</p>"
        "<table><tr><td>1</td><td>Sở Y tế</td></tr></table></td></tr></table></body></html>",
        encoding="utf-8",
    )
    blocks = read_file(path).blocks
    assert blocks == [
        Paragraph("Menu"),
        Paragraph("KẾ HOẠCH"),
        Table(rows=(("1", "Sở Y tế"),)),
    ]


TONES = "\u0300\u0301\u0303\u0309\u0323"


def windows_1258(text: str) -> bytes:
    """Encode as Windows-1258 does: vowels with their hats precomposed, tones combining."""
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        out.append(base + "".join(c for c in parts if c in TONES))
    return "".join(out).encode("cp1258")


def test_a_page_in_windows_1258_is_read_by_its_declared_charset(tmp_path: Path) -> None:
    path = tmp_path / "cu.html"
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258">'
        "</head><body><p>Ủy ban nhân dân tỉnh Quảng Ngãi</p></body></html>"
    )
    path.write_bytes(windows_1258(page))
    assert texts(read_file(path).blocks) == ["Ủy ban nhân dân tỉnh Quảng Ngãi"]


def test_an_html_page_saved_as_txt_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "trang.txt"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<html><body><p>Số: 66/KH-UBND</p></body></html>',
        encoding="utf-8",
    )
    assert texts(read_file(path).blocks) == ["Số: 66/KH-UBND"]


def test_a_page_with_nothing_but_chrome_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "rong.html"
    path.write_text(
        "<html><body><nav>Trang chủ</nav><script>x()</script></body></html>", encoding="utf-8"
    )
    with pytest.raises(UnreadableInput, match="không có nội dung"):
        read_file(path)
