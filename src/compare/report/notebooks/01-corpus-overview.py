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
# # Tổng quan kho kế hoạch
# *Corpus overview.* Các kế hoạch trong kho, số nhiệm vụ của từng kế hoạch theo chủ đề và theo
# phần, và thời hạn thực hiện. Mỗi bảng tìm, sắp xếp được và tải về CSV được; cả kho có trong
# tệp Excel `compare.xlsx` bên cạnh báo cáo này.

# %% tags=["parameters"]
processed = "../data/processed"

# %%
import polars as pl

import compare
from compare.report import note, plotting, show, show_table

corpus = compare.load(processed)
docs = corpus.documents
note(f"{docs.height} kế hoạch, {corpus.tasks.height} nhiệm vụ")

# %% [markdown]
# ## Tìm nhiệm vụ
# Có dấu hay không dấu đều được; tìm cả trong ghi chú và văn bản trích dẫn kèm nhiệm vụ.

# %%
from compare.report import search_box

search_box(corpus)

# %% [markdown]
# ## Các kế hoạch

# %%
show_table(docs.with_columns(pl.col("doc_id").alias("file")).select(
    "doc_id", "issuer", "parent", "jurisdiction", "admin_level", "doc_type", "number", "issued_date",
    "year", "period", "title", "signer", "signer_title", "n_tasks", "text_quality", "file"),
    documents=docs, name="ke-hoach")

# %% [markdown]
# ### Kế hoạch không đọc được nhiệm vụ
# Tệp là kế hoạch (có tiêu đề, số hiệu hoặc thông tin văn bản của cổng thông tin) nhưng văn bản
# bị cắt hoặc không tách được nhiệm vụ: giữ thông tin văn bản, không đưa vào so sánh.

# %%
if corpus.without_tasks.height:
    show_table(corpus.without_tasks.select(
        "doc_id", "issuer", "doc_type", "number", "issued_date", "year", "title", "status", "status_note",
        "source_path"), documents=corpus.without_tasks, name="ke-hoach-khong-co-nhiem-vu")
else:
    note("Không có: mọi kế hoạch đều đọc được nhiệm vụ.")

# %% [markdown]
# ## Mọi nhiệm vụ
# Mỗi nhiệm vụ với kế hoạch, số mục, chủ đề, đơn vị chủ trì, thời hạn và dòng trong tệp gốc.

# %%
show_table(corpus.tasks.select("doc_id", "label", "text", "theme", "lead_units", "timeframe", "line_start",
                               "line_end", "task_id"), documents=docs, name="moi-nhiem-vu")

# %% [markdown]
# ## Nhiệm vụ theo kế hoạch, chủ đề và phần

# %%
show(plotting.tasks_per_plan(corpus.tasks, docs))

# %%
parts = (corpus.tasks.join(corpus.sections.select("section_id", "kind"), on="section_id", how="left")
         .with_columns(pl.col("kind").fill_null("other"))
         .group_by("doc_id", "kind").len().rename({"len": "tasks"}).sort("doc_id", "kind"))
show_table(parts, documents=docs, name="nhiem-vu-theo-phan")

# %% [markdown]
# ## Thời hạn và mốc báo cáo

# %%
show(plotting.deadline_timeline(corpus.tasks, docs))

# %%
show_table(corpus.tasks.filter(pl.col("due_end").is_not_null())
           .select("doc_id", "label", "timeframe", "due_start", "due_end", "recurring", "text")
           .sort("due_end", "doc_id"), documents=docs, name="thoi-han")
