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
# # Độ bao phủ và thiếu sót
# *Coverage and gaps.* Chủ đề của danh mục mà mỗi kế hoạch có và còn thiếu, căn cứ từng ô, cụm
# nhiệm vụ theo kế hoạch, và cụm chỉ một kế hoạch có.

# %% tags=["parameters"]
processed = "../data/processed"

# %%
import polars as pl

import compare
from compare.report import note, plotting, show, show_table

corpus = compare.load(processed)
docs = corpus.documents
if corpus.left_out:
    note(corpus.left_out)

# %% [markdown]
# ## Độ bao phủ chủ đề
# Chỉ nhiệm vụ thuộc phần nội dung được tính; một nhiệm vụ nêu rõ đối tượng chính của chủ đề
# khác (ví dụ "quy chế dân chủ") cũng được tính cho chủ đề đó. Danh mục chủ đề và cụm từ của
# từng năm sửa được trong `src/compare/text/vocab/themes.toml`.

# %%
show(plotting.theme_heatmap(corpus.coverage(), docs))

# %% [markdown]
# ### Chủ đề bắt buộc còn thiếu

# %%
show_table(corpus.missing_themes(), documents=docs, name="chu-de-con-thieu")

# %% [markdown]
# ### Nhiệm vụ được tính cho từng ô
# Gõ tên kế hoạch và số chủ đề vào ô tìm để xem các nhiệm vụ của một ô.

# %%
show_table(corpus.coverage_tasks(), documents=docs, name="nhiem-vu-theo-chu-de")

# %% [markdown]
# ## Kế hoạch × cụm nhiệm vụ

# %%
show(plotting.cluster_heatmap(corpus.cluster_coverage(), docs))

# %% [markdown]
# ## Cụm chỉ một kế hoạch có

# %%
show_table(corpus.unique_clusters().join(
    corpus.tasks.join(corpus.clusters(), on="task_id").group_by("cluster").agg(pl.col("text").first().alias("example")),
    on="cluster").select("doc_id", "cluster", "cluster_label", "tasks", "example"), documents=docs, name="cum-rieng")
