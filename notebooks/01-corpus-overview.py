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
# # Tổng quan kho kế hoạch · Corpus overview
# The plans in the corpus, how many tasks each has by theme and part, and when their
# deadlines and reporting dates fall.

# %% tags=["parameters"]
processed = "../data/processed"

# %%
import polars as pl

import compare
from compare import plotting
from compare.report import show, show_table

corpus = compare.load(processed)
corpus

# %% [markdown]
# ## Các kế hoạch · The plans

# %%
show_table(corpus.documents.select(
    "doc_id", "issuer", "parent", "jurisdiction", "admin_level", "doc_type", "number", "issued_date",
    "year", "period", "title", "signer", "signer_title", "n_tasks", "text_quality"))

# %% [markdown]
# ## Nhiệm vụ theo kế hoạch, chủ đề và phần · Tasks per plan, theme and part

# %%
show(plotting.tasks_per_plan(corpus.tasks, corpus.documents))

# %%
parts = (corpus.tasks.join(corpus.sections.select("section_id", "kind"), on="section_id", how="left")
         .group_by("doc_id", "kind").len().sort("doc_id", "kind")
         .pivot(on="kind", index="doc_id", values="len").fill_null(0))
show_table(parts)

# %% [markdown]
# ## Thời hạn · Deadlines and reporting dates

# %%
show(plotting.deadline_timeline(corpus.tasks, corpus.documents))

# %%
show_table(corpus.tasks.filter(pl.col("due_end").is_not_null())
           .select("doc_id", "label", "timeframe", "due_start", "due_end", "recurring", "text")
           .sort("due_end"))
