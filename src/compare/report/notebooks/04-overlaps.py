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
# # Trùng lặp giữa các kế hoạch
# *Overlaps.* Ai chép gì của ai: nhiệm vụ các cơ quan cùng lấy từ một danh mục, nguyên văn,
# gần nguyên văn hoặc diễn đạt lại, và nhiệm vụ lặp lại trong cùng một kế hoạch.

# %% tags=["parameters"]
processed = "../data/processed"
paraphrase = 0.30  # độ tương đồng tổng hợp từ đó hai nhiệm vụ được coi là cùng nhiệm vụ

# %%
import polars as pl

import compare
from compare.report import plotting, show, show_table

corpus = compare.load(processed)
docs = corpus.documents
overlaps = corpus.overlaps(paraphrase=paraphrase)
texts = dict(zip(corpus.tasks["task_id"], corpus.tasks["text"]))

# %% [markdown]
# ## Nhiệm vụ chung giữa các kế hoạch
# Số cặp nhiệm vụ cùng nội dung giữa hai kế hoạch. Rê chuột lên một ô để
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
