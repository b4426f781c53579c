"""Plans saved as HTML pages: a government web site's page, a seed rendered from markdown."""

from __future__ import annotations

import dataclasses

import forms
import pytest
from conftest import MATERIAL, SEEDS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from test_forms import agreement, task_keys

from compare.build import build_corpus, parse_text
from compare.read.html_text import html_to_text
from compare.read.raw import Rejected, read_text

PAGE = MATERIAL / "province_web_page.html"


def _page(body: str) -> str:
    return f"<!DOCTYPE html><html><head><title>t</title></head><body>{body}</body></html>"


def test_a_web_page_plan_reads_like_its_text():
    raw = read_text(PAGE)
    assert raw.encoding == "html/utf-8"
    d = parse_text(raw.text, "x")
    md = d.metadata
    assert (md.issuer, md.parent, md.jurisdiction, md.admin_level) == (
        "Sở Nội vụ",
        "UBND tỉnh Thanh Hóa",
        "Thanh Hóa",
        "department",
    )
    assert (md.doc_type, md.number, str(md.issued_date), md.period) == ("Kế hoạch", "112/KH-SNV", "2025-02-14", "year")
    assert md.title == "Thực hiện công tác dân vận chính quyền năm 2025"  # its two source lines joined
    assert (md.signer, md.signer_title) == ("Lê Văn Thành", "Phó Giám đốc")
    texts = [t["text"] for t in d.tasks]
    assert len(texts) == 8, texts
    # a table cell of two paragraphs is one task, without markup; "&amp;" is "&"
    assert texts[2] == (
        "Niêm yết công khai thủ tục hành chính tại Bộ phận một cửa; tiếp nhận, xử lý phản ánh, "
        "kiến nghị của người dân, doanh nghiệp"
    )
    assert not any("<" in t or "Trang chủ" in t or "Bản quyền" in t or "track" in t for t in texts)
    # a lead unit cell spanning two rows leads both
    assert [t["lead_units"] for t in d.tasks[:4]] == [
        ["Văn phòng Sở"],
        ["Văn phòng Sở"],
        ["Văn phòng Sở"],
        ["Phòng Tổ chức, biên chế"],
    ]
    assert [t["timeframe"] for t in d.tasks[:2]] == ["Quý II/2025", "Thường xuyên"]
    # rows spanning the table name groups of the rows below them
    groups = {s["section_id"]: s["heading"] for s in d.sections}
    assert [groups[t["section_id"]] for t in d.tasks[:4]] == ["Công tác tuyên truyền"] * 2 + [
        "Công tác cải cách hành chính"
    ] * 2
    assert "chính quyền & dân chủ" in raw.text and "<p>" not in raw.text


def test_a_web_page_in_windows_1258_with_an_htm_suffix(tmp_path):
    text = PAGE.read_text(encoding="utf-8").replace('charset="utf-8"', 'charset="windows-1258"')
    (tmp_path / "plan.htm").write_bytes(forms.windows_1258(text))
    want = [t["text"] for t in parse_text(read_text(PAGE).text, "x").tasks]
    raw = read_text(tmp_path / "plan.htm")
    assert raw.encoding.startswith("html/")
    assert [t["text"] for t in parse_text(raw.text, "x").tasks] == want


@pytest.mark.parametrize("key", ["000", "002", "003", "004"])
def test_a_seed_rendered_to_html_gives_the_same_tasks_and_metadata(key):
    """The markdown seed as a browser would get it from a markdown renderer that joins a
    paragraph's lines (lists as <ol>/<ul>, numbers no longer in the text, tables as <table>);
    tests/test_forms.py checks the page that keeps each line break as a <br>."""
    text = SEEDS[key].read_text(encoding="utf-8")
    page = _page(MarkdownIt("commonmark").enable("table").render(text))
    converted = html_to_text(page)
    found, extra = agreement(task_keys(text), task_keys(converted))
    assert found >= 0.95 and extra <= 0.05, (found, extra)
    want = dataclasses.asdict(parse_text(text, "x").metadata)
    got = dataclasses.asdict(parse_text(converted, "x").metadata)
    assert {k: got[k] for k in want if k != "text_quality"} == {k: want[k] for k in want if k != "text_quality"}


def test_tables_lists_and_what_is_not_text():
    page = _page(
        "<script>if (a < b) { x = '<p>no</p>'; }</script><style>p { color: red }</style><!-- <p>no</p> -->"
        "<table><tr><th>TT</th><th>Nội dung</th><th>Chủ trì</th></tr>"
        "<tr><td colspan=3>I. Nhóm</td></tr>"
        "<tr><td>1</td><td>Việc một</td><td rowspan=2>Văn phòng</td></tr>"
        "<tr><td>2</td><td>Việc <b>hai</b> | ba</td></tr></table>"
        "<ol type=a><li>mục a</li><li>mục b<ul><li>ý một</li><li><p>ý hai</p></li></ul></li></ol>"
        "<ol start=3><li>ba</li><li>2. số có sẵn</li></ol>"
        "<p><b>TIÊU ĐỀ<br>HAI DÒNG</b></p><h2>Đề mục</h2><p>A &amp; B&nbsp;C</p><pre>x\n  y</pre>"
    )
    assert html_to_text(page).split("\n") == [
        "| TT | Nội dung | Chủ trì |",
        "| I. Nhóm |  |  |",
        "| 1 | Việc một | Văn phòng |",
        "| 2 | Việc **hai** / ba | Văn phòng |",
        "",
        "a) mục a",
        "b) mục b",
        "- ý một",
        "- ý hai",
        "",
        "3. ba",
        "2. số có sẵn",
        "",
        "**TIÊU ĐỀ**",
        "**HAI DÒNG**",
        "",
        "# Đề mục",
        "",
        "A & B\u00a0C",
        "",
        "x",
        "  y",
        "",
    ]


def test_html_pages_among_other_files(tmp_path):
    """A plan saved as a page builds beside the seeds; a page with no text and an English page
    are refused with reasons."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "plan.html").write_bytes(PAGE.read_bytes())
    (raw / "empty.html").write_text(_page("<script>var x = 1;</script><div> </div>"), encoding="utf-8")
    english = (MATERIAL / "english.txt").read_text(encoding="utf-8")
    (raw / "english.html").write_text(_page("".join(f"<p>{p}</p>" for p in english.split("\n\n"))), encoding="utf-8")
    result = build_corpus(raw)
    assert [d.source_path.split("/")[-1] for d in result.documents] == ["plan.html"]
    assert len(result.documents[0].tasks) == 8
    reasons = {r["source_path"].split("/")[-1]: r["reason"] for r in result.rejects}
    assert reasons["empty.html"] == "an HTML page with no text"
    assert reasons["english.html"].startswith("not a plan")


_TAGS = [
    "<p>",
    "</p>",
    "<br>",
    "<b>",
    "</b>",
    "<table>",
    "</table>",
    "<tr>",
    "</tr>",
    "<td rowspan=3>",
    "<td colspan=x>",
    "</td>",
    "<ul>",
    "</ul>",
    "<ol type=I start=0>",
    "</ol>",
    "<li>",
    "</li>",
    "<pre>",
    "</pre>",
    "<head>",
    "</head>",
    "<body>",
    "<script>",
    "</script>",
    "<h1>",
    "</h1>",
    "&amp;",
    "&#x1;",
    "<!--",
    "-->",
    "<",
    ">",
    "|",
    "**",
    "\n",
]


@settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(_TAGS), st.text(max_size=12)), max_size=60))
def test_any_markup_soup_reads_without_raising(parts):
    text = html_to_text(_page("".join(parts)))
    assert isinstance(text, str) and not text.startswith("\n")
    try:
        parse_text(text, "x")
    except Rejected:
        pass  # "not a plan": the only way it may refuse


@pytest.mark.parametrize(
    "bold", ["<b>{}</b>", '<span style="font-weight: bold">{}</span>', '<span style="FONT-WEIGHT:700">{}</span>']
)
def test_bold_set_by_a_style_is_a_heading_hint_as_b_is(bold):
    """Unnumbered group titles in mixed case are headings because they are bold, whether a <b>
    tag or a style says so; a style that sets no weight says nothing."""
    groups = "".join(
        f"<p>{bold.format(title)}</p><p>- {a}</p><p>- {b}</p>"
        for title, a, b in [
            (
                "Công tác tuyên truyền",
                "Tuyên truyền Luật Thực hiện dân chủ ở cơ sở đến công chức.",
                "Phổ biến Quy chế dân chủ trong hoạt động của cơ quan.",
            ),
            (
                "Cải cách hành chính",
                "Niêm yết công khai thủ tục hành chính tại Bộ phận một cửa.",
                "Tiếp nhận, xử lý phản ánh, kiến nghị của người dân.",
            ),
        ]
    )
    page = _page(
        "<p>UBND TỈNH THANH HÓA</p><p>SỞ NỘI VỤ</p><p><b>KẾ HOẠCH</b></p>"
        "<p><b>Công tác dân vận chính quyền năm 2025</b></p>"
        f"<p><b>I. MỤC ĐÍCH, YÊU CẦU</b></p><p>1. Nâng cao nhận thức về công tác dân vận.</p>"
        f"<p><b>II. NHIỆM VỤ</b></p>{groups}<p><b>III. TỔ CHỨC THỰC HIỆN</b></p>"
        "<p>Các phòng triển khai thực hiện.</p><p>Nơi nhận:<br>- Lưu: VT.</p><p><b>GIÁM ĐỐC</b></p>"
    )
    doc = parse_text(html_to_text(page), "p")
    headings = [s["heading"] for s in doc.sections if s["parent_id"]]
    assert headings == ["Công tác tuyên truyền", "Cải cách hành chính"]
    assert len(doc.tasks) == 5
    plain = html_to_text(
        page.replace('style="font-weight: bold"', 'style="color: red"')
        .replace('style="FONT-WEIGHT:700"', 'style="color: red"')
        .replace("<b>Công", "<span>Công")
        .replace("<b>Cải", "<span>Cải")
    )
    assert "**Công tác tuyên truyền" not in plain


_MENU = (
    '<ul><li><a href="/">TRANG CHỦ</a></li><li><a href="/gt">GIỚI THIỆU</a></li>'
    "<li><a>TIN TỨC - SỰ KIỆN</a></li></ul><p>Thứ Hai, 17/02/2025 08:30</p>"
)
_FOOTER = (
    "<h3>TIN LIÊN QUAN</h3><ul><li><a>Hội nghị tổng kết công tác dân vận năm 2024</a></li></ul>"
    "<p>BẢN QUYỀN THUỘC SỞ NỘI VỤ TỈNH THANH HÓA</p><p>Địa chỉ: 15 Đại lộ Lê Lợi, TP Thanh Hóa.</p>"
)


@pytest.mark.parametrize(
    "menu, footer",
    [
        (f'<nav class="navbar">{_MENU}</nav>', f"<footer>{_FOOTER}</footer>"),
        (f'<div class="main-menu">{_MENU}</div>', f'<div id="footer"><div class="related">{_FOOTER}</div></div>'),
        (_MENU, _FOOTER),  # a menu no markup names: its items are no organisations of the header
    ],
)
def test_a_sites_menus_and_footer_change_nothing(menu, footer):
    page = PAGE.read_text(encoding="utf-8")
    framed = page.replace('<div class="menu"><a href="/">Trang chủ</a></div>', menu).replace(
        "</body>", footer + "</body>"
    )
    want, got = parse_text(html_to_text(page), "p"), parse_text(html_to_text(framed), "p")
    assert dataclasses.asdict(got.metadata) == dataclasses.asdict(want.metadata)
    assert [t["text"] for t in got.tasks] == [t["text"] for t in want.tasks]
    if "<nav" in menu or "menu" in menu[:30]:
        assert "TRANG CHỦ" not in html_to_text(framed) and "BẢN QUYỀN" not in html_to_text(framed)
