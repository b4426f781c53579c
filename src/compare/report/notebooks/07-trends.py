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
# # Xu hướng theo năm
# *Trends across years.* Những chủ đề, nhiệm vụ mà kế hoạch của mỗi năm mang theo, tính theo
# tỉ lệ số kế hoạch của năm đó (mỗi năm có số kế hoạch khác nhau); năm nào đưa vào điều gì mới
# và bỏ lại điều gì, kèm nhiệm vụ và kế hoạch làm căn cứ.

# %% tags=["parameters"]
processed = "../data/processed"
by_level = False  # True: tách theo cấp (tỉnh, sở, huyện, xã)
examples = 3  # số nhiệm vụ làm căn cứ cho mỗi cụm mới hoặc không còn

# %%
import polars as pl

import compare
from compare.report import note, plotting, show, show_table

corpus = compare.load(processed)
docs = corpus.documents
labels = corpus.labels
by = "admin_level" if by_level else None
note("Số kế hoạch theo năm: " + "; ".join(
    f"{y}: {n}" for y, n in docs.group_by("year").len().sort("year").iter_rows()))

# %% [markdown]
# ## Chủ đề theo dõi
# Danh sách chủ đề của giai đoạn (sửa được trong `src/compare/text/vocab/watchlist.toml`), tìm không
# phân biệt dấu trong nội dung nhiệm vụ, ghi chú kèm theo và văn bản trích dẫn, nên văn bản
# quét cũng được tính.

# %%
terms = corpus.term_trends(by=by)
if by:
    for level, part in terms.group_by("admin_level", maintain_order=True):
        show(plotting.term_trends_heatmap(part).update_layout(title=f"Chủ đề theo dõi, cấp {level[0]}"))
else:
    show(plotting.term_trends_heatmap(terms))
show_table(terms.filter(pl.col("n_plans") > 0).drop("plans_in_year"), name="chu-de-theo-doi")

# %% [markdown]
# ### Chủ đề theo dõi mà mỗi năm mang đến hoặc bỏ lại
# Không kế hoạch nào của năm trước nêu, và có kế hoạch của năm này nêu (hoặc ngược lại), với
# các nhiệm vụ làm căn cứ.

# %%
from compare.analyze.trends import new_terms

texts = dict(zip(corpus.tasks["task_id"], corpus.tasks["text"]))
hits = corpus.term_hits().join(docs.select("doc_id", "year"), on="doc_id")
fresh = new_terms(corpus.term_trends())
for year, prev, term, status, n in fresh.iter_rows():
    seen_in = year if status == "new" else prev
    proof = hits.filter((pl.col("term") == term) & (pl.col("year") == seen_in))
    cases = [f"{labels[d]}: {snip or texts.get(t, '')[:200]}"
             for d, t, snip in proof.select("doc_id", "task_id", "snippet").unique(
                 subset=["doc_id", "task_id"], maintain_order=True).head(examples).iter_rows()]
    verb = "mang đến" if status == "new" else "không còn nêu"
    note(f"Năm {year} {verb} so với năm {prev}: {term} ({n} kế hoạch năm {seen_in}). Căn cứ: " + " | ".join(cases))
if fresh.height == 0:
    note("Không có chủ đề theo dõi nào mới xuất hiện hay mất đi giữa các năm.")

# %% [markdown]
# ## Chủ đề của danh mục

# %%
show(plotting.theme_trends_heatmap(corpus.theme_trends()))

# %% [markdown]
# ## Cụm nhiệm vụ qua các năm

# %%
show(plotting.cluster_trends_heatmap(corpus.tasks, docs, corpus.clusters()))

# %% [markdown]
# ## Mỗi năm mang đến gì, bỏ lại gì
# So với năm liền trước có trong kho: cụm nhiệm vụ **mới xuất hiện** (có trong kế hoạch năm
# này, không có trong kế hoạch nào của năm trước) và **không còn** (ngược lại), phổ biến nhất
# trước, mỗi cụm với các nhiệm vụ làm căn cứ.

# %%
changes = corpus.year_changes()
texts = dict(zip(corpus.tasks["task_id"], corpus.tasks["text"]))
plan_of = dict(zip(corpus.tasks["task_id"], corpus.tasks["doc_id"]))
moved = changes.filter(pl.col("status") != "continuing").with_columns(
    pl.col("task_ids").map_elements(
        lambda ids: [f"{texts[t]} ({labels[plan_of[t]]})" for t in ids[:examples]],
        return_dtype=pl.List(pl.Utf8)).alias("examples"))
for (year,), part in moved.group_by("year", maintain_order=True):
    new = part.filter(pl.col("status") == "new").height
    gone = part.filter(pl.col("status") == "gone").height
    note(f"Năm {year} so với năm {part['prev_year'][0]}: {new} cụm mới xuất hiện, {gone} cụm không còn.")
show_table(moved.select("year", "prev_year", "status", "cluster_label", "n_plans", "share_of_plans", "examples"),
           name="nam-moi-bo")
