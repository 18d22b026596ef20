"""Word documents written as Word writes them, in raw WordprocessingML where python-docx has
no call for it: numbering definitions and lists, numbered paragraphs and styles, body XML."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from theodoi.ingest.blocks import Paragraph
from theodoi.ingest.readers import read_file

W = nsdecls("w")
MC = (
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
)


def level(ilvl: int, fmt: str, text: str, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{extra}'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
    )


def define(document: docx.document.Document, abstract_id: int, *levels: str) -> None:
    root = document.part.numbering_part.element
    definition = parse_xml(
        f'<w:abstractNum {W} w:abstractNumId="{abstract_id}">{"".join(levels)}</w:abstractNum>'
    )
    first_num = root.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(definition)  # definitions come before the lists that use them
    else:
        root.append(definition)


def add_list(
    document: docx.document.Document, num_id: int, abstract_id: int, body: str = ""
) -> None:
    document.part.numbering_part.element.append(
        parse_xml(
            f'<w:num {W} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{body}</w:num>'
        )
    )


def numbered(paragraph: object, num_id: int, ilvl: int = 0) -> None:
    properties = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
    properties.insert(
        0,
        parse_xml(f'<w:numPr {W}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'),
    )


def style_numbered(document: docx.document.Document, style_id: str, numpr: str) -> None:
    style = document.styles.element.find(f'{qn("w:style")}[@{qn("w:styleId")}="{style_id}"]')
    assert style is not None
    properties = style.find(qn("w:pPr"))
    if properties is None:
        properties = parse_xml(f"<w:pPr {W}/>")
        style.append(properties)
    properties.insert(0, parse_xml(f"<w:numPr {W}>{numpr}</w:numPr>"))


def texts(path: Path) -> list[str]:
    return [b.text for b in read_file(path).blocks if isinstance(b, Paragraph)]


def add_body(document: docx.document.Document, xml: str) -> None:
    body = document.element.body
    body.insert(len(body) - 1, parse_xml(xml))  # before the section properties
