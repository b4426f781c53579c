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
# # Cụm nhiệm vụ · Task clusters
# All tasks on one map, coloured by plan; the clusters of tasks that ask for the same thing,
# with their labels and members.

# %% tags=["parameters"]
processed = "../data/processed"
min_plans = 2  # list clusters spread over at least this many plans first

# %%
import polars as pl

import compare
from compare import plotting
from compare.report import show, show_table

corpus = compare.load(processed)
clusters = corpus.clusters()

# %%
show(plotting.task_map(corpus.tasks, corpus.vectors, corpus.documents, clusters))

# %% [markdown]
# ## Các cụm · The clusters

# %%
summary = (corpus.tasks.join(clusters, on="task_id")
           .group_by("cluster", "cluster_label")
           .agg(pl.len().alias("tasks"), pl.col("doc_id").n_unique().alias("plans"),
                pl.col("doc_id").unique().sort().str.slice(0, 3).str.join(", ").alias("which plans"))
           .sort(["plans", "tasks", "cluster"], descending=[True, True, False]))
show_table(summary.filter(pl.col("plans") >= min_plans))

# %% [markdown]
# ## Thành viên · Members of the clusters shared by several plans

# %%
shared = summary.filter(pl.col("plans") >= min_plans)["cluster"].to_list()
members = (corpus.tasks.join(clusters, on="task_id").filter(pl.col("cluster").is_in(shared))
           .select("cluster", "cluster_label", "doc_id", "label", "text").sort("cluster", "doc_id"))
show_table(members)
