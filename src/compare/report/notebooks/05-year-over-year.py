# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
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
from compare.analyze.changes import word_diff_html
from compare.report import note, plotting, show, show_table

corpus = compare.load(processed)
docs = corpus.documents
if corpus.left_out:
    note(corpus.left_out)
labels = corpus.labels
pairs = corpus.plan_pairs()
chosen = (corpus.plan(str(old)), corpus.plan(str(new))) if old and new else None
if chosen and chosen not in pairs:
    pairs.append(chosen)
changes = pl.concat([corpus.changes(a, b) for a, b in pairs]) if pairs else None
texts = dict(zip(corpus.tasks["task_id"], corpus.tasks["text"]))
if not pairs:
    note("Không có cặp kế hoạch nào của cùng một cơ quan.")

# %% [markdown]
# ## Các cặp kế hoạch
# Mỗi dòng: kế hoạch cũ, kế hoạch mới của cùng một cơ quan, và số nhiệm vụ theo tình trạng.

# %%
if changes is not None:
    summary = (changes.group_by("doc_id_old", "doc_id_new", "status").len()
               .pivot(on="status", index=["doc_id_old", "doc_id_new"], values="len").fill_null(0))
    for status in ("kept", "modified", "new", "dropped"):
        if status not in summary.columns:
            summary = summary.with_columns(pl.lit(0, dtype=pl.UInt32).alias(status))
    summary = summary.select("doc_id_old", "doc_id_new", pl.col("new").alias("tasks_new"),
                             pl.col("dropped").alias("tasks_dropped"), pl.col("modified").alias("tasks_modified"),
                             pl.col("kept").alias("tasks_kept")).sort("doc_id_old", "doc_id_new")
    show_table(summary, documents=docs, name="cac-cap-ke-hoach")
    show(plotting.changes_bars(changes, docs))

# %%
if changes is not None:
    a, b = chosen or max(pairs, key=lambda p: (changes.filter((pl.col("doc_id_old") == p[0]) &
                                                              (pl.col("doc_id_new") == p[1])).height, p))
    note(f"Chi tiết: {labels[a]}  →  {labels[b]}" + ("" if chosen else " (cặp nhiều nhiệm vụ nhất; chọn cặp "
                                                       "khác bằng tham số old, new)"))
    show(plotting.changes_sankey(changes, docs, a, b))

# %% [markdown]
# ## Đối chiếu từng nhiệm vụ, với khác biệt từ ngữ
# Gõ tên một kế hoạch vào ô tìm để xem riêng cặp của nó.

# %%
if changes is not None:
    side = (changes.with_columns(
                pl.col("task_id_old").replace_strict(texts, default=None).alias("text_old"),
                pl.col("task_id_new").replace_strict(texts, default=None).alias("text_new"))
            .select("doc_id_old", "doc_id_new", "status", "similarity", "text_old", "text_new"))
    side = side.with_columns(pl.struct("text_old", "text_new").map_elements(
        lambda r: word_diff_html(r["text_old"], r["text_new"])
        if r["text_old"] and r["text_new"] and r["text_old"] != r["text_new"] else "",
        return_dtype=pl.Utf8).alias("diff"))
    show_table(side, documents=docs, html_columns=("diff",), name="thay-doi")

# %% [markdown]
# ## Văn bản được trích dẫn: thêm và bỏ

# %%
if pairs:
    cited = pl.concat([corpus.reference_changes(a, b) for a, b in pairs])
    show_table(cited.filter(pl.col("change") != "kept").select("doc_id_old", "doc_id_new", "change", "ref_id")
               .sort("doc_id_old", "doc_id_new", "change", "ref_id"), documents=docs, name="trich-dan-thay-doi")

# %% [markdown]
# ## Tham chiếu lỗi thời (chủ đề của năm khác)

# %%
stale = corpus.stale_references().join(corpus.tasks.select("task_id", "text"), on="task_id")
show_table(stale, documents=docs, name="tham-chieu-loi-thoi")
show_table(corpus.stale_headings(), documents=docs, name="de-muc-loi-thoi")
