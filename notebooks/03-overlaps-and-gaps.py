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
# # Trùng lặp và thiếu sót · Overlaps and gaps
# Which tasks agencies copy from the same catalogue (word for word or reworded), which themes
# each plan leaves out, and what only one plan has.

# %% tags=["parameters"]
processed = "../data/processed"
paraphrase = 0.22  # combined similarity from which two tasks count as the same mandate

# %%
import polars as pl

import compare
from compare import plotting
from compare.report import show, show_table

corpus = compare.load(processed)
overlaps = corpus.overlaps(paraphrase=paraphrase)
texts = dict(zip(corpus.tasks["task_id"], corpus.tasks["text"]))

# %% [markdown]
# ## Độ bao phủ chủ đề · Plan × theme

# %%
show(plotting.theme_heatmap(corpus.coverage(), corpus.documents))

# %% [markdown]
# ### Chủ đề bắt buộc còn thiếu · Catalogue themes each plan lacks

# %%
show_table(corpus.missing_themes())

# %% [markdown]
# ## Plan × cluster

# %%
show(plotting.cluster_heatmap(corpus.cluster_coverage(), corpus.documents))

# %% [markdown]
# ## Nhiệm vụ chép nguyên văn · Tasks copied word for word across agencies

# %%
show(plotting.overlap_matrix(overlaps, corpus.documents, "verbatim"))
show(plotting.overlap_network(overlaps, corpus.tasks, corpus.documents))

# %%
def pairs(kind: str) -> pl.DataFrame:
    return (overlaps.filter(pl.col("kind") == kind)
            .with_columns(pl.col("task_id_a").replace_strict(texts).alias("task a"),
                          pl.col("task_id_b").replace_strict(texts).alias("task b"))
            .select("doc_id_a", "doc_id_b", "similarity", "task a", "task b")
            .sort("similarity", descending=True))


show_table(pairs("verbatim"))

# %% [markdown]
# ## Cùng nhiệm vụ, khác lời · Same mandate, other words

# %%
show_table(pairs("paraphrase"), max_rows=200)

# %% [markdown]
# ## Lặp lại trong cùng kế hoạch · Duplicates inside one plan

# %%
show_table(pairs("duplicate"))

# %% [markdown]
# ## Chỉ một kế hoạch có · Clusters only one plan has

# %%
show_table(corpus.unique_clusters().join(
    corpus.tasks.join(corpus.clusters(), on="task_id").group_by("cluster").agg(pl.col("text").first().alias("example")),
    on="cluster"))
