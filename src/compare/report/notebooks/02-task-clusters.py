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
# # Cụm nhiệm vụ
# *Task clusters.* Mọi nhiệm vụ trên một bản đồ; các cụm nhiệm vụ cùng yêu cầu một việc, với
# tên cụm và các nhiệm vụ thành viên.

# %% tags=["parameters"]
processed = "../data/processed"
min_plans = 2  # cụm có mặt trong ít nhất chừng này kế hoạch được liệt kê trước

# %%
import polars as pl

import compare
from compare.report import plotting, show, show_table

corpus = compare.load(processed)
clusters = corpus.clusters()
labels = corpus.labels

# %%
show(plotting.task_map(corpus.tasks, corpus.vectors, corpus.documents, clusters))

# %% [markdown]
# ## Thẻ cụm
# Mỗi cụm: tên, từ khóa, ba nhiệm vụ tiêu biểu nhất (gần tâm cụm nhất), các kế hoạch có cụm này
# và chủ đề thường gặp nhất. Cụm có mặt trong nhiều kế hoạch nhất đứng trước.

# %%
from compare.analyze.clusters import cluster_cards

cards = cluster_cards(corpus.tasks, clusters, corpus.vectors, labels)
show_table(cards.filter(pl.col("plans") >= min_plans).select(
    "cluster_label", "plans", "tasks", "theme", "terms", "examples", "plan", "cluster"), name="the-cum")

# %% [markdown]
# ## Nhiệm vụ trong các cụm đó

# %%
shared = cards.filter(pl.col("plans") >= min_plans)["cluster"].to_list()
members = (corpus.tasks.join(clusters, on="task_id").filter(pl.col("cluster").is_in(shared))
           .select("cluster", "cluster_label", "doc_id", "label", "text").sort("cluster", "doc_id", "label"))
show_table(members, documents=corpus.documents, name="thanh-vien-cum")
