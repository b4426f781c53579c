"""A file that is a plan by its header, title, number or a portal's record is kept, with its
metadata, even when its tasks cannot be read: `status` says why it has none and
`status_note` where its text stops. Documents of other kinds are still rejected, named."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import CLEAN_SEEDS, MATERIAL, SEEDS

from compare.build.pipeline import build_corpus, parse_file, parse_text
from compare.read.raw import Rejected, read_text

EXCERPTS = MATERIAL / "excerpts"
# clean plans of several layouts, to cut and to wrap in portal pages
PLANS = [SEEDS[k] for k in CLEAN_SEEDS] + [
    MATERIAL / name
    for name in (
        "province_slash_numbering.txt",
        "district_word_bullets.txt",
        "commune_month_headings.txt",
        "city_committee_paragraphs.txt",
        "party_committee_plan.txt",
        "department_task_table.md",
    )
]


def test_a_plan_cut_in_its_purposes_is_kept_and_says_where_it_stops():
    doc = parse_file(EXCERPTS / "plan_cut_in_purposes.txt")
    md = doc.metadata
    assert (md.doc_type, md.number, md.issued_date, md.year) == ("Kế hoạch", "58/KH-UBND", dt.date(2023, 2, 20), 2023)
    assert md.issuer == "Ủy ban nhân dân huyện Cẩm Thủy" and not doc.tasks
    assert doc.status == "truncated"
    assert doc.status_note == "Văn bản dừng ở phần I. MỤC ĐÍCH, YÊU CẦU › 2. Yêu cầu"


def test_a_portal_page_named_on_one_line_with_a_record_is_a_plan():
    doc = parse_file(EXCERPTS / "portal_record_cut.txt")
    md = doc.metadata
    assert (md.doc_type, md.number, md.issued_date) == ("Kế hoạch", "412/KH-UBND", dt.date(2024, 3, 8))
    assert (md.issuer, md.admin_level, md.jurisdiction) == ("Ủy ban nhân dân tỉnh Lạng Sơn", "province", "Lạng Sơn")
    assert (md.signer, md.year) == ("Đoàn Thu Hà", 2024)
    assert doc.status == "truncated" and "I. MỤC ĐÍCH, YÊU CẦU" in (doc.status_note or "")
    record_lines = {ln.line_no for ln in doc.lines if ln.role == "metadata"}
    assert set(range(3, 11)) <= record_lines  # the record is metadata, not a preamble


def test_a_record_alone_is_kept_as_a_record():
    doc = parse_file(EXCERPTS / "portal_record_plain.txt")
    md = doc.metadata
    assert (md.number, md.issued_date, md.signer) == ("1024/KH-UBND", dt.date(2022, 4, 25), "Trần Việt Trường")
    assert md.issuer == "Ủy ban nhân dân thành phố Cần Thơ" and md.year == 2022
    assert doc.status == "record" and not doc.tasks


def test_a_news_page_carrying_a_whole_plan_is_that_plan():
    doc = parse_file(EXCERPTS / "news_page_carrying_plan.txt")
    md = doc.metadata
    assert (md.doc_type, md.number, md.issued_date) == ("Kế hoạch", "27-KH/BDVTU", dt.date(2019, 3, 12))
    assert md.issuer == "Ban Dân vận Tỉnh ủy Quảng Trị" and md.jurisdiction == "Quảng Trị"
    assert md.title == "Thực hiện công tác dân vận chính quyền năm 2019"
    assert len(doc.tasks) >= 4 and doc.status == "ok"


def test_a_party_plan_over_several_years_is_dated_by_its_issue():
    md = parse_file(EXCERPTS / "party_commune_period.txt").metadata
    assert (md.year, md.period_start_year, md.period_end_year) == (2018, 2018, 2020)
    assert (md.issuer, md.parent, md.admin_level) == ("Đảng ủy xã Quang Phục", "Đảng bộ huyện Tiên Lãng", "commune")


@pytest.mark.parametrize(
    "name, reason",
    [
        ("decision_not_plan.txt", "not a plan: a Quyết định"),
        ("news_summary.txt", "not a plan: no title, number, portal record or tasks of a plan found"),
    ],
)
def test_news_and_other_kinds_are_still_rejected_with_the_kind_named(name, reason):
    with pytest.raises(Rejected, match=reason):
        parse_file(EXCERPTS / name)


def _text(path: Path) -> str:
    return read_text(path).text


def _after_title(lines: list[str]) -> int:
    """The first line after a plan's "KẾ HOẠCH"/"CHƯƠNG TRÌNH" title and the line below it."""
    for k, line in enumerate(lines):
        head = line.strip(" *#|").upper()
        if head in ("KẾ HOẠCH", "CHƯƠNG TRÌNH"):
            return k + 2
        if head.startswith(("KẾ HOẠCH ", "CHƯƠNG TRÌNH ")):  # "KẾ HOẠCH Triển khai ..." on one line
            return k + 1
    raise AssertionError("no title line")


def _first_part(lines: list[str]) -> int:
    """The line of a plan's first part ("I. MỤC ĐÍCH, YÊU CẦU"), after its preamble."""
    return next(k for k, line in enumerate(lines) if re.match(r"^[\s*#]*I\s*[.\-–/]\s", line))


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem)
def test_a_plan_cut_anywhere_after_its_title_keeps_its_metadata(path):
    """Pages cut short: each plan cut after its title (its number, date and kind as the whole
    plan gives them), then from its first part on at every tenth of its body (its issuer and
    year too, which some plans say in the preamble only); never rejected, its status as its
    tasks and its end say."""
    text = _text(path)
    whole = parse_text(text, "whole").metadata
    lines = text.split("\n")
    cut = parse_text("\n".join(lines[: _after_title(lines) + 2]), "title").metadata
    assert (cut.doc_type, cut.number, cut.issued_date) == (whole.doc_type, whole.number, whole.issued_date)
    start = _first_part(lines) + 1
    for k in range(10):
        cut = "\n".join(lines[: start + (len(lines) - start) * k // 10])
        doc = parse_text(cut, f"cut{k}")
        md = doc.metadata
        assert (md.doc_type, md.number, md.issued_date) == (whole.doc_type, whole.number, whole.issued_date), k
        # (some plans name their issuer only in the signature: a page cut before it has none)
        assert md.issuer in (whole.issuer, None) and md.year == whole.year, k
        assert doc.status in (("ok",) if doc.tasks else ("truncated", "no_tasks")), k
        if not doc.tasks:
            assert doc.status_note and doc.status_note.startswith("Văn bản dừng"), (k, doc.status_note)


def _portal_page(path: Path) -> tuple[str, object]:
    """The plan's body as a portal shows it: a one-line name, a record of the document, then
    the text from its first part on, without its header."""
    text = _text(path)
    md = parse_text(text, "whole").metadata
    if md.number is None or md.issued_date is None or md.issuer is None:
        pytest.skip("the whole plan gives no number, date or issuer to record")
    lines = text.split("\n")
    body = lines[_after_title(lines) :]
    record = [
        f"Số hiệu | {md.number} |",
        "Loại văn bản | Kế hoạch |",
        f"Ngày ban hành | {md.issued_date:%d/%m/%Y} |",
        f"Cơ quan ban hành | {md.issuer} |",
        f"Người ký | {md.signer or 'Đang cập nhật'} |",
    ]
    name = f"Kế hoạch {md.number} {md.title}"
    return "\n".join([name, "", *record, "", *body]), md


@pytest.mark.parametrize("path", [p for p in PLANS if "party" not in p.name], ids=lambda p: p.stem)
def test_a_portal_page_gives_the_metadata_its_record_holds(path):
    page, whole = _portal_page(path)
    doc = parse_text(page, "page")
    md = doc.metadata
    assert (md.doc_type, md.number, md.issued_date, md.issuer) == (
        "Kế hoạch",
        whole.number,
        whole.issued_date,
        whole.issuer,
    )
    assert md.year == whole.year and len(doc.tasks) >= 1


def test_kept_plans_without_tasks_are_rows_of_documents_and_the_build_warns(tmp_path):
    for path in EXCERPTS.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    result = build_corpus(tmp_path)
    docs = result.tables["documents"]
    assert sorted(docs["status"].to_list()) == ["ok", "ok", "record", "truncated", "truncated"]
    assert docs.filter(docs["status"] != "ok")["n_tasks"].to_list() == [0, 0, 0]
    assert sorted(r["reason"] for r in result.rejects) == [
        "not a plan: a Quyết định",
        "not a plan: no title, number, portal record or tasks of a plan found",
    ]


def test_comparisons_leave_plans_without_tasks_out_and_say_so(tmp_path):
    from compare.analyze.corpus import Corpus
    from compare.build.pipeline import build

    raw = tmp_path / "raw"
    raw.mkdir()
    for path in [
        SEEDS["002"],
        SEEDS["003"],
        EXCERPTS / "plan_cut_in_purposes.txt",
        EXCERPTS / "portal_record_plain.txt",
    ]:
        (raw / path.name).write_bytes(path.read_bytes())
    said: list[str] = []
    build(raw, tmp_path / "out", echo=said.append, jobs=1)
    assert any("kept without tasks (truncated): Văn bản dừng ở phần I. MỤC ĐÍCH" in s for s in said)
    corpus = Corpus(tmp_path / "out")
    assert sorted(corpus.without_tasks["doc_id"].to_list()) == ["plan_cut_in_purposes", "portal_record_plain"]
    assert (
        set(corpus.coverage()["doc_id"].to_list())
        == set(corpus.documents["doc_id"].to_list())
        == {
            SEEDS["002"].stem,
            SEEDS["003"].stem,
        }
    )
    assert corpus.left_out is not None and corpus.left_out.startswith("2 kế hoạch không đọc được nhiệm vụ")
    assert "Văn bản dừng ở phần I. MỤC ĐÍCH, YÊU CẦU" in corpus.left_out
