"""Across-years APIs at scale (issue: trends, citations, search): a corpus of 200 generated
plans over 2023-2026 is built and analysed once; then term_trends, year_changes and citations
are timed on a freshly loaded corpus each (target under 5 s), and search: its first query
(which builds the index and loads the model) and the median of 20 queries after it (target
under 200 ms).

    python benchmarks/run.py years [--n 200]
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

QUERIES = [
    "chuyển đổi số",
    "bau cu dai bieu quoc hoi",
    "tiếp công dân",
    "dan van kheo",
    "sắp xếp bộ máy",
    "cải cách hành chính",
    "khieu nai to cao",
    "chính quyền địa phương hai cấp",
    "đạo đức công vụ",
    "kiểm tra giám sát",
    "quy chế dân chủ ở cơ sở",
    "tuyen truyen",
    "chấm điểm xếp loại",
    "hài lòng",
    "đối thoại với nhân dân",
    "văn hóa công sở",
    "báo cáo định kỳ",
    "thủ tục hành chính",
    "mô hình",
    "nghị quyết 57",
]


def main(n: int = 200) -> None:
    from corpus_gen import make_plans

    import compare
    from compare.analyze import analyze
    from compare.build import build

    with tempfile.TemporaryDirectory() as tmp:
        raw, processed = Path(tmp) / "raw", Path(tmp) / "processed"
        make_plans(raw, n, seed=18)
        build(raw, processed, echo=lambda *a: None)
        analyze(processed, echo=lambda *a: None)
        corpus = compare.load(processed)
        print(
            f"years: {corpus.documents.height} plans, {corpus.tasks.height} tasks, years "
            f"{sorted(set(corpus.documents['year'].drop_nulls().to_list()))}"
        )
        for name in ("term_trends", "year_changes", "citations"):
            fresh = compare.load(processed)
            t0 = time.perf_counter()
            rows = getattr(fresh, name)().height
            dt = time.perf_counter() - t0
            print(f"  {name:13s} {dt:6.2f} s  ({rows} rows)   target < 5 s")
        t0 = time.perf_counter()
        corpus.search(QUERIES[0])
        first = time.perf_counter() - t0
        times = []
        for q in QUERIES:
            t0 = time.perf_counter()
            corpus.search(q)
            times.append(time.perf_counter() - t0)
        print(
            f"  search: first query {first:.2f} s (index and model), then median {1000 * statistics.median(times):.0f} ms, "
            f"max {1000 * max(times):.0f} ms over {len(times)} queries   target < 200 ms"
        )
