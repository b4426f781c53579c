"""Any two plans, or two groups of plans, on one self-contained page: what is only in A, only in
B, and in both (with word differences), grouped by theme.

>>> import compare                                                            # doctest: +SKIP
>>> write_diff_page(compare.load("data/processed"), ["002"], ["004"], Path("002-004.html"))  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import html
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from compare.analyze.changes import word_diff_html
from compare.analyze.groups import _align_sides, _sides
from compare.report.display import VALUES

if TYPE_CHECKING:
    from compare.analyze.corpus import Corpus


_CSS = """body{font-family:system-ui,sans-serif;max-width:1200px;margin:1.5em auto;padding:0 1em;color:#222}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em}summary{cursor:pointer;font-weight:600;margin:.4em 0}
table{border-collapse:collapse;width:100%;margin:.3em 0 1em}td,th{border:1px solid #ddd;padding:4px 6px;
vertical-align:top;text-align:left;font-size:14px}th{background:#f3f5f8}del{color:#b00}
ins{color:#070;text-decoration:none;background:#e6ffe6}.n{white-space:nowrap}.lead{color:#555}"""


def diff_html(corpus: Corpus, a: list[str], b: list[str]) -> str:
    """The page: plans of each side, counts, then per theme what is only in A, only in B and in
    both (similarity as a percentage, word differences also for pairs kept with small changes)."""
    ids_a, ids_b = _sides(corpus, a, b)
    aligned = _align_sides(corpus, ids_a, ids_b)
    labels = corpus.labels
    e = lambda t: html.escape("" if t is None else str(t), quote=False)  # noqa: E731
    tasks = corpus.tasks.select("task_id", "doc_id", "text", "theme", "label")
    info = {r["task_id"]: r for r in tasks.iter_rows(named=True)}
    theme_words = VALUES["theme"]

    def theme_of(row: dict) -> int:
        t = info.get(row["task_id_old"] or row["task_id_new"], {}).get("theme")
        return -1 if t is None else t

    rows = sorted(
        aligned.iter_rows(named=True), key=lambda r: (theme_of(r), r["task_id_old"] or "", r["task_id_new"] or "")
    )
    sections: dict[str, list[dict[str, Any]]] = {"dropped": [], "new": [], "both": []}
    for r in rows:
        key = "both" if r["status"] in ("kept", "modified") else r["status"]
        sections[key].append(r)

    def task_cell(task_id: str | None, with_plan: bool) -> str:
        if not task_id:
            return ""
        t = info[task_id]
        plan = f"<div class='lead'>{e(labels[t['doc_id']])}</div>" if with_plan else ""
        return f"{plan}{e(t['label'] or '')} {e(t['text'])}"

    def table(kind: str) -> str:
        items = sections[kind]
        if not items:
            return "<p><i>không có</i></p>"
        out = []
        for theme in sorted({theme_of(r) for r in items}):
            group = [r for r in items if theme_of(r) == theme]
            name = theme_words.get(str(theme), "Chưa xếp chủ đề")
            if kind == "both":
                body = "".join(
                    f"<tr><td class='n'>{e(VALUES['status'][r['status']])}</td>"
                    f"<td class='n'>{round(100 * (r['similarity'] or 0))}%</td>"
                    f"<td>{task_cell(r['task_id_old'], len(ids_a) > 1)}</td>"
                    f"<td>{task_cell(r['task_id_new'], len(ids_b) > 1)}</td>"
                    f"<td>{word_diff_html(info[r['task_id_old']]['text'], info[r['task_id_new']]['text'])}</td></tr>"
                    for r in group
                )
                head = "<tr><th>Mức</th><th>Tương đồng</th><th>A</th><th>B</th><th>Khác biệt từ ngữ</th></tr>"
            else:
                tid = "task_id_old" if kind == "dropped" else "task_id_new"
                many = len(ids_a if kind == "dropped" else ids_b) > 1
                body = "".join(f"<tr><td>{task_cell(r[tid], many)}</td></tr>" for r in group)
                head = "<tr><th>Nhiệm vụ</th></tr>"
            out.append(
                f"<details open><summary>{e(name)} ({len(group)})</summary><table><thead>{head}</thead>"
                f"<tbody>{body}</tbody></table></details>"
            )
        return "".join(out)

    def side(ids: list[str]) -> str:
        return "; ".join(e(labels[d]) for d in ids)

    n_both = len(sections["both"])
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>So sánh: {side(ids_a)} ↔ {side(ids_b)}</title>
<style>{_CSS}</style></head><body>
<h1>So sánh hai kế hoạch</h1>
<p><b>A:</b> {side(ids_a)}<br><b>B:</b> {side(ids_b)}</p>
<p>Chỉ có trong A: <b>{len(sections["dropped"])}</b> nhiệm vụ · chỉ có trong B: <b>{len(sections["new"])}</b> ·
có trong cả hai: <b>{n_both}</b> cặp (giữ nguyên hoặc sửa đổi). Lập ngày {dt.date.today():%d/%m/%Y} bằng lệnh
<code>compare diff</code>; độ tương đồng là thước đo tổng hợp về từ ngữ và ý nghĩa.</p>
<h2>Có trong cả hai</h2>{table("both")}
<h2>Chỉ có trong A</h2>{table("dropped")}
<h2>Chỉ có trong B</h2>{table("new")}
</body></html>
"""


def write_diff_page(corpus: Corpus, a: list[str], b: list[str], path: Path) -> Path:
    """Write the page atomically."""
    page = diff_html(corpus, a, b)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, path)
    return path
