# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: compare (.venv)
#     language: python
#     name: compare
# ---

# %% [markdown]
# # So sánh qua các năm
# *Year over year.* Với mỗi cặp kế hoạch liên tiếp của một cơ quan (hoặc cặp nêu dưới đây):
# nhiệm vụ giữ nguyên, sửa đổi, mới, bỏ, từng từ một; văn bản trích dẫn được thêm và bỏ.

# %% tags=["parameters"]
processed = "../data/processed"
old = ""  # kế hoạch cũ cần so (mã tệp, số hiệu hoặc tên; tuỳ chọn)
new = ""  # kế hoạch mới

# %%
import polars as pl

import compare
from compare import plotting
from compare.changes import word_diff_html
from compare.report import note, show, show_table

corpus = compare.load(processed)
docs = corpus.documents
pairs = corpus.plan_pairs()
if old and new:
    chosen = (corpus.plan(str(old)), corpus.plan(str(new)))
    if chosen not in pairs:
        pairs.append(chosen)
changes = pl.concat([corpus.changes(a, b) for a, b in pairs]) if pairs else None
texts = dict(zip(corpus.tasks["task_id"], corpus.tasks["text"]))
for a, b in pairs:
    note(f"{corpus.labels[a]}  →  {corpus.labels[b]}")
if not pairs:
    note("Không có cặp kế hoạch nào của cùng một cơ quan.")

# %%
if changes is not None:
    show(plotting.changes_bars(changes, docs))

# %%
for a, b in pairs:
    show(plotting.changes_sankey(changes, docs, a, b))

# %% [markdown]
# ## Đối chiếu từng nhiệm vụ, với khác biệt từ ngữ

# %%
for a, b in pairs:
    sub = changes.filter((pl.col("doc_id_old") == a) & (pl.col("doc_id_new") == b))
    rows = []
    for r in sub.iter_rows(named=True):
        t_old, t_new = texts.get(r["task_id_old"]), texts.get(r["task_id_new"])
        diff = word_diff_html(t_old, t_new) if t_old and t_new and t_old != t_new else ""
        rows.append({"status": r["status"], "similarity": r["similarity"], "text_old": t_old or "",
                     "text_new": t_new or "", "diff": diff})
    note(f"{corpus.labels[a]}  →  {corpus.labels[b]}")
    show_table(pl.DataFrame(rows, schema={"status": pl.Utf8, "similarity": pl.Float64, "text_old": pl.Utf8,
                                          "text_new": pl.Utf8, "diff": pl.Utf8}),
               html_columns=("diff",), name="thay-doi")

# %% [markdown]
# ## Văn bản được trích dẫn: thêm và bỏ

# %%
for a, b in pairs:
    rc = corpus.reference_changes(a, b)
    show_table(rc.filter(pl.col("change") != "kept").select("change", "ref_id").sort("change", "ref_id"),
               name="trich-dan-thay-doi")

# %% [markdown]
# ## Tham chiếu lỗi thời (chủ đề của năm khác)

# %%
stale = corpus.stale_references().join(corpus.tasks.select("task_id", "text"), on="task_id")
show_table(stale, documents=docs, name="tham-chieu-loi-thoi")
show_table(corpus.stale_headings(), documents=docs, name="de-muc-loi-thoi")
