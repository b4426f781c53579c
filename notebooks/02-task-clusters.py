# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Cụm nhiệm vụ
# *Task clusters.* Mọi nhiệm vụ trên một bản đồ; các cụm nhiệm vụ cùng yêu cầu một việc, với
# tên cụm và các nhiệm vụ thành viên.

# %% tags=["parameters"]
processed = "../data/processed"
min_plans = 2  # cụm có mặt trong ít nhất chừng này kế hoạch được liệt kê trước

# %%
import polars as pl

import compare
from compare import plotting
from compare.report import note, show, show_table

corpus = compare.load(processed)
clusters = corpus.clusters()
labels = corpus.labels

# %%
show(plotting.task_map(corpus.tasks, corpus.vectors, corpus.documents, clusters))

# %% [markdown]
# ## Các cụm có trong nhiều kế hoạch

# %%
summary = (corpus.tasks.join(clusters, on="task_id")
           .group_by("cluster", "cluster_label")
           .agg(pl.len().alias("tasks"), pl.col("doc_id").n_unique().alias("plans"),
                pl.col("doc_id").unique().sort().replace_strict(labels).str.join("; ").alias("plan"),
                pl.col("text").sort_by("task_id").first().alias("example"))
           .sort(["plans", "tasks", "cluster"], descending=[True, True, False]))
show_table(summary.filter(pl.col("plans") >= min_plans), name="cum")

# %% [markdown]
# ## Nhiệm vụ trong các cụm đó

# %%
shared = summary.filter(pl.col("plans") >= min_plans)["cluster"].to_list()
members = (corpus.tasks.join(clusters, on="task_id").filter(pl.col("cluster").is_in(shared))
           .select("cluster", "cluster_label", "doc_id", "label", "text").sort("cluster", "doc_id", "label"))
show_table(members, documents=corpus.documents, name="thanh-vien-cum")
