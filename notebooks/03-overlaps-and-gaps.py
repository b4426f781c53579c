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
# # Trùng lặp và thiếu sót
# *Overlaps and gaps.* Nhiệm vụ các cơ quan cùng chép từ một danh mục (nguyên văn hoặc diễn
# đạt lại), chủ đề bắt buộc mỗi kế hoạch còn thiếu, và nhiệm vụ chỉ một kế hoạch có.

# %% tags=["parameters"]
processed = "../data/processed"
paraphrase = 0.30  # độ tương đồng tổng hợp từ đó hai nhiệm vụ được coi là cùng nhiệm vụ

# %%
import polars as pl

import compare
from compare import plotting
from compare.report import note, show, show_table

corpus = compare.load(processed)
docs = corpus.documents
overlaps = corpus.overlaps(paraphrase=paraphrase)
texts = dict(zip(corpus.tasks["task_id"], corpus.tasks["text"]))

# %% [markdown]
# ## Độ bao phủ chủ đề
# Chỉ nhiệm vụ thuộc phần nội dung được tính; một nhiệm vụ nêu rõ đối tượng chính của chủ đề
# khác (ví dụ "quy chế dân chủ") cũng được tính cho chủ đề đó.

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
# ## Nhiệm vụ chung giữa các kế hoạch
# Ai chép gì của ai: số cặp nhiệm vụ cùng nội dung giữa hai kế hoạch. Rê chuột lên một ô để
# xem các mức; bấm vào một cặp kế hoạch bên dưới để xem từng cặp nhiệm vụ và chỗ khác nhau.

# %%
show(plotting.overlap_matrix(overlaps, docs))

# %%
from IPython.display import HTML, display

from compare.report import pair_details_html

display(HTML(pair_details_html(overlaps, corpus.tasks, docs)))

# %%
def pairs(*kinds: str) -> pl.DataFrame:
    return (overlaps.filter(pl.col("kind").is_in(list(kinds)))
            .with_columns(pl.col("task_id_a").replace_strict(texts).alias("text_a"),
                          pl.col("task_id_b").replace_strict(texts).alias("text_b"))
            .select("kind", "doc_id_a", "text_a", "doc_id_b", "text_b", "similarity")
            .sort("similarity", "doc_id_a", "doc_id_b", descending=[True, False, False]))


# %% [markdown]
# ### Mọi cặp nhiệm vụ cùng nội dung giữa hai cơ quan

# %%
show_table(pairs("verbatim", "near_verbatim", "paraphrase"), documents=docs, name="nhiem-vu-chung")

# %% [markdown]
# *Mức và độ chính xác đo trên các cặp gắn nhãn bằng tay của năm kế hoạch mẫu:* **nguyên văn**
# (lời gần như trùng hết, độ chính xác 1,00), **gần nguyên văn** (đổi vài từ, 1,00),
# **cùng nhiệm vụ** (cùng một yêu cầu, diễn đạt khác, 0,79). Các cặp chỉ **cùng chủ đề**
# (0,48: thường là cùng lĩnh vực, khác yêu cầu) không được tính ở trên mà liệt kê riêng dưới đây.

# %% [markdown]
# ### Cùng chủ đề, chưa chắc cùng nhiệm vụ

# %%
show_table(pairs("related"), documents=docs, name="cung-chu-de", max_rows=1000)

# %% [markdown]
# ### Lặp lại trong cùng một kế hoạch

# %%
show_table(pairs("duplicate"), documents=docs, name="lap-lai")

# %% [markdown]
# ## Cụm chỉ một kế hoạch có

# %%
show_table(corpus.unique_clusters().join(
    corpus.tasks.join(corpus.clusters(), on="task_id").group_by("cluster").agg(pl.col("text").first().alias("example")),
    on="cluster").select("doc_id", "cluster", "cluster_label", "tasks", "example"), documents=docs, name="cum-rieng")
