"""A horizontal bar chart as PNG bytes, for the Word report.

Drawn with Pillow, already installed for pdfplumber: a charting library (matplotlib weighs
tens of megabytes with its own dependencies) would be the heaviest thing in the project for
six bars. Labels need a font with Vietnamese letters; DejaVu Sans (Debian's fonts-dejavu-core,
which LibreOffice pulls in) is looked for in the system's font folders.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from PIL import Image, ImageDraw, ImageFont

from theodoi.evaluation import Colour

# Print-safe colours for the rules' four colours.
PALETTE = {
    Colour.GREEN: (46, 125, 50),
    Colour.YELLOW: (230, 168, 0),
    Colour.RED: (198, 40, 40),
    Colour.GREY: (120, 120, 120),
}
FONT_FILES = ("DejaVuSans.ttf", "LiberationSans-Regular.ttf", "NotoSans-Regular.ttf")


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for name in FONT_FILES:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def bar_chart(bars: Sequence[tuple[str, int, Colour]], *, width: int = 1600) -> bytes:
    """One bar per (label, value, colour), the value written at its end."""
    font = _font(30)
    row, gap, margin = 56, 18, 24
    label_width = max((int(font.getlength(label)) for label, _v, _c in bars), default=0) + 24
    value_room = int(font.getlength("0000")) + 24
    height = margin * 2 + len(bars) * (row + gap) - gap
    image = Image.new("RGB", (width, max(height, row)), "white")
    draw = ImageDraw.Draw(image)
    largest = max((value for _l, value, _c in bars), default=0) or 1
    span = width - margin * 2 - label_width - value_room
    for i, (label, value, colour) in enumerate(bars):
        top = margin + i * (row + gap)
        middle = top + row // 2
        draw.text((margin, middle), label, fill="black", font=font, anchor="lm")
        left = margin + label_width
        right = left + round(span * value / largest)
        if value:
            draw.rectangle((left, top, right, top + row), fill=PALETTE[colour])
        draw.line((left, top - gap // 2, left, top + row + gap // 2), fill="black", width=2)
        draw.text((right + 12, middle), str(value), fill="black", font=font, anchor="lm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
