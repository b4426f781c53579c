"""Diacritic restoration of OCR-damaged text."""

from __future__ import annotations

import difflib
import re

import forms
from conftest import SEEDS

from compare.text.restore import Restorer, needs_restoring, restore_text
from compare.text.vietnamese import normalize


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", normalize(text))


def word_accuracy(reference: str, hypothesis: str) -> float:
    a, b = _words(reference), _words(hypothesis)
    sm = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    return sum(block.size for block in sm.get_matching_blocks()) / len(a)


def test_held_out_plan_restored_from_simulated_scan_damage():
    train = [SEEDS[k].read_text(encoding="utf-8") for k in ("000", "002", "004")]
    restorer = Restorer.default(train)
    clean = forms.strip_markdown(SEEDS["003"].read_text(encoding="utf-8"))
    damaged = forms.ocr_damage(clean, drop=0.8, seed=7)
    assert needs_restoring(damaged) and not needs_restoring(clean)
    before, after = word_accuracy(clean, damaged), word_accuracy(clean, restore_text(damaged, restorer))
    assert before < 0.35 and after >= 0.85, (before, after)
    assert len(restore_text(damaged, restorer).split("\n")) == len(damaged.split("\n"))  # line for line


def test_ocr_confusions_codes_and_case():
    r = Restorer.default([SEEDS[k].read_text(encoding="utf-8") for k in ("000", "002", "003")])
    assert r.restore_line("CONG HOA XA HQI CHU NGHIA VIET NAM") == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert r.restore_line("Hai Phong, ngay 23 thdang 02 ndm 2026") == "Hải Phòng, ngày 23 tháng 02 năm 2026"
    line = r.restore_line("Can cu Quyét dinh s6 371/QD-UBND cua UBND thanh pho")
    # codes stay as written, but for the "Đ" that OCR reads as "D" where the clean plans write it
    assert "371/QĐ-UBND" in line and line.startswith("Căn cứ Quyết định số") and "của UBND thành phố" in line


def test_clean_text_is_left_untouched(parsed):
    for key in ("000", "002", "003", "004"):
        d = parsed[key]
        assert d.metadata.text_quality == "clean"
        source = SEEDS[key].read_text(encoding="utf-8").split("\n")
        assert all(source[t["line_start"] - 1] == t["text_raw"].split("\n")[0] for t in d.tasks)


def test_the_scan_is_restored_in_the_task_table(built):
    import polars as pl

    out, _ = built  # (restored with the packaged model)
    tasks = pl.read_parquet(out / "tasks.parquet").filter(pl.col("doc_id").str.starts_with("001")).to_dicts()
    texts = {t["line_start"]: t["text"] for t in tasks}
    assert texts[59].startswith("Thực hiện hiệu quả công tác tuyên truyền, quán triệt các quy định của Trung")
    assert "Dân vận khéo" in texts[64]
    raw59 = next(t["text_raw"] for t in tasks if t["line_start"] == 59)
    assert raw59.startswith("- Thuc hién hiéu qua cong tac tuyén truyén")  # the source, as it stands


def test_a_clean_plan_damaged_like_a_scan_gives_back_its_tasks():
    from rapidfuzz import fuzz

    from compare.build import parse_text
    from compare.text.vietnamese import fold

    text = SEEDS["002"].read_text(encoding="utf-8")
    restorer = Restorer.default([SEEDS[k].read_text(encoding="utf-8") for k in ("000", "003", "004")])
    damaged = forms.ocr_damage(forms.rewrapped(text, width=70, seed=3), drop=0.8, seed=5)
    clean_tasks = [fold(t["text"]) for t in parse_text(text, "a").tasks]
    doc = parse_text(damaged, "b", restorer=restorer)
    assert doc.metadata.text_quality == "ocr" and doc.metadata.issuer == "Sở Ngoại vụ"
    got = [fold(t["text"]) for t in doc.tasks]
    found = sum(1 for c in clean_tasks if max(fuzz.ratio(c, g) for g in got) >= 85)
    assert found / len(clean_tasks) >= 0.85 and len(got) <= 1.05 * len(clean_tasks)
