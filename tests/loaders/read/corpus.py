"""Builders for the bad-input corpus: every test makes its files in tmp_path, nothing is committed."""

from __future__ import annotations

from pathlib import Path

import docx
from pypdf import PdfWriter

SIMPLIFIED = """市人民政府关于推进产学研合作的工作报告

今年以来，市科技局会同市工业和信息化局，围绕新能源汽车、集成电路和生物医药三条重点产业链，组织高校、科研院所与龙头企业开展联合攻关。
某某大学与华东新材料股份有限公司共建联合实验室，重点突破动力电池隔膜关键技术，项目获得省重点研发计划资助1200万元。
下一步，我们将继续完善科技成果转化机制，支持企业牵头组建创新联合体，推动更多成果在本地落地转化。
"""
TRADITIONAL = """市政府關於推動產學研合作的工作報告

今年以來，市科技局會同經濟發展局，圍繞新能源汽車、積體電路和生物醫藥三條重點產業鏈，組織大學、研究機構與龍頭企業開展聯合攻關。
國立某某大學與台灣新材料股份有限公司共建聯合實驗室，重點突破動力電池隔膜關鍵技術，計畫獲得科技部補助新台幣三千萬元。
"""
# Realistic but short: the lengths where charset-normalizer alone guesses Korean or UTF-16.
SIMPLIFIED_SENTENCE = "某某大学与华东新材料股份有限公司签署战略合作协议。"
SIMPLIFIED_TITLE = "关于推进合作的答复"
TRADITIONAL_SENTENCE = "國立某某大學與台灣新材料股份有限公司簽署合作協議。"
TRADITIONAL_TITLE = "關於推動合作的答覆"
# GB18030 proper: characters outside GBK (four-byte sequences), within ordinary text.
GB18030_ONLY = SIMPLIFIED + "附件：𠮷野家餐饮有限公司与䶮字研究会的合作备忘录，金额以€计。\n"
NO_ENTITIES = "今天天气很好，大家都很开心。\n明天可能会下雨，请记得带伞。\n"

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"

ARTICLE = [
    "某某大学与华东新材料股份有限公司于3月15日签署战略合作协议，双方将共建新能源材料联合实验室。",
    "根据协议，华东新材料股份有限公司将在未来五年投入研发经费5000万元，支持联合实验室开展动力电池隔膜、固态电解质等关键技术攻关。",
    "市科技局有关负责人表示，此次合作是落实全市新能源汽车产业链“链长制”的具体举措，将进一步推动科技成果在本地转化落地。",
]
NAV = ["首页", "新闻中心", "政务公开", "互动交流"]
LEAKS = ["SECRET_TRACKER", "广告脚本内容", "STYLE_LEAK", "INLINE_SECRET", "TAIL_SCRIPT_LEAK", "点击领取优惠券"]


def news_page(charset: str | None = "utf-8") -> str:
    """A government news page: navigation, ad, scripts in head, body and tail, one real article."""
    meta = f'<meta charset="{charset}">' if charset else ""
    paragraphs = "\n".join(f"<p>{p}</p>" for p in ARTICLE)
    nav = "".join(f'<li><a href="/{i}">{item}</a></li>' for i, item in enumerate(NAV))
    return f"""<!DOCTYPE html>
<html><head>{meta}<title>校企签署战略合作协议_市科技局</title>
<script>var SECRET_TRACKER = "x"; function track() {{ document.write("广告脚本内容"); }}</script>
<style>.nav {{ color: red; }} /* STYLE_LEAK */</style>
</head><body>
<div class="nav"><ul>{nav}</ul></div>
<div class="ad" id="ad-banner"><a href="http://ads.example.com">点击领取优惠券</a></div>
<article><h1>校企签署战略合作协议</h1>
{paragraphs}
<script>window.INLINE_SECRET = 1;</script>
</article>
<div class="footer">版权所有：某市科技局 备案号：京ICP备12345678号</div>
<script>console.log("TAIL_SCRIPT_LEAK")</script>
</body></html>"""


def write_docx(path: Path) -> None:
    """A reply letter: heading, paragraphs, an empty paragraph, a table with merged cells, a header."""
    document = docx.Document()
    document.add_heading("关于推进产学研合作的答复", level=1)
    document.add_paragraph("某某大学与华东新材料股份有限公司共建联合实验室。")
    document.add_paragraph("")
    table = document.add_table(rows=4, cols=3)
    for row, values in enumerate([("序号", "单位", "所属产业链"), ("1", "某某大学", "新能源汽车"), ("2", "某某研究院", "")]):
        for col, value in enumerate(values):
            table.cell(row, col).text = value
    table.cell(1, 2).merge(table.cell(2, 2))  # the chain spans both rows
    table.cell(3, 0).merge(table.cell(3, 2)).text = "合计：两家单位"
    document.add_paragraph("下一步将继续完善科技成果转化机制。")
    document.sections[0].header.paragraphs[0].text = "页眉：市科技局"
    document.save(str(path))


def pdf_with_text(lines: list[str]) -> bytes:
    """A minimal valid one-page PDF with ASCII text in Helvetica."""
    content = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({line}) Tj T*" for line in lines) + " ET"
    return _pdf(content, ["<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"])


def pdf_with_chinese(lines: list[str]) -> bytes:
    """A one-page PDF as Chinese generators write it: a CID font (Identity-H) plus a ToUnicode map.

    Each glyph id is the character's code point and the ToUnicode map says so, so the text layer
    is real without embedding a font file.
    """
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap"
        " /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def"
        " /CMapName /Adobe-Identity-UCS def /CMapType 2 def"
        " 1 begincodespacerange <0000> <FFFF> endcodespacerange"
        " 1 beginbfrange <0000> <FFFF> <0000> endbfrange"
        " endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    shows = " ".join("<" + "".join(f"{ord(c):04X}" for c in line) + "> Tj T*" for line in lines)
    return _pdf(
        f"BT /F1 12 Tf 72 720 Td 16 TL {shows} ET",
        [
            "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H"
            " /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
            "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /FontDescriptor 8 0 R"
            " /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>",
            f"<< /Length {len(cmap)} >>\nstream\n{cmap}\nendstream",
            "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 4 /FontBBox [0 -200 1000 900]"
            " /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>",
        ],
    )


def _pdf(content: str, font_objects: list[str]) -> bytes:
    """Catalog, pages, one page using font /F1 (object 5 onwards), the content, a correct xref."""
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        " /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content.encode())} >>\nstream\n{content}\nendstream",
        *font_objects,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def write_scanned_pdf(path: Path) -> None:
    """Two pages and no text layer, like a scan (pypdf's blank pages)."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_blank_page(595, 842)
    writer.write(path)


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path
