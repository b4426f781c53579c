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
# # Văn bản được trích dẫn
# *Cited documents.* Mỗi văn bản mà các kế hoạch dẫn chiếu, một dòng: các cách ghi khác nhau
# của cùng một văn bản được gộp (cùng số, cơ quan ban hành và ngày), mã văn bản bị bản quét làm
# sai được sửa khi loại và ngày văn bản cho phép, văn bản gần trùng được đánh dấu; luật được
# nêu bằng tên cũng được tính.

# %% tags=["parameters"]
processed = "../data/processed"
top = 40  # số văn bản trên biểu đồ

# %%
import polars as pl

import compare
from compare.report import note, plotting, show, show_table

corpus = compare.load(processed)
docs = corpus.documents
labels = corpus.labels
cited = corpus.citations()
flagged = cited.filter(pl.col("flags").list.len() > 0).height
merged = cited.filter(pl.col("variants").list.len() > 1).height
note(f"{cited.height} văn bản được trích dẫn; {merged} văn bản được ghi theo nhiều cách (đã gộp); "
     f"{flagged} văn bản cần xem lại (cột Lưu ý).")

# %%
show(plotting.citations_heatmap(cited, docs, top=top))

# %% [markdown]
# ## Mọi văn bản được trích dẫn

# %%
show_table(cited.with_columns(pl.col("doc_ids").list.eval(pl.element().replace_strict(labels, default=None)))
           .select("ref_id", "kind", "ref_date", "level", "subject", "n_plans", "first_year", "last_year",
                   "variants", "flags", "doc_ids"), name="van-ban-trich-dan")

# %% [markdown]
# ## Văn bản mỗi năm đưa vào
# Văn bản lần đầu được trích dẫn trong kế hoạch của năm đó (trong kho này).

# %%
show_table(cited.filter(pl.col("first_year").is_not_null())
           .select("first_year", "ref_id", "kind", "level", "n_plans", "subject")
           .sort(["first_year", "n_plans", "ref_id"], descending=[True, True, False]), name="van-ban-moi-theo-nam")
