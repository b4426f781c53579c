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
# # So sánh qua các năm · Year over year
# For each pair of consecutive plans of one issuer (or the pair named below): what was kept,
# modified, added and dropped, word by word, and which cited documents came and went.

# %% tags=["parameters"]
processed = "../data/processed"
old = ""  # doc_id of an older plan to compare (optional)
new = ""  # doc_id of a newer plan (optional)

# %%
import polars as pl

import compare
from compare import plotting
from compare.changes import word_diff_html
from compare.report import show, show_table

corpus = compare.load(processed)
pairs = corpus.plan_pairs()
if old and new and (old, new) not in pairs:
    pairs.append((old, new))
changes = pl.concat([corpus.changes(a, b) for a, b in pairs]) if pairs else None
texts = dict(zip(corpus.tasks["task_id"], corpus.tasks["text"]))
print(f"{len(pairs)} pair(s) of plans:", pairs)

# %%
if changes is not None:
    show(plotting.changes_bars(changes, corpus.documents))

# %%
for a, b in pairs:
    show(plotting.changes_sankey(changes, corpus.documents, a, b))

# %% [markdown]
# ## Đối chiếu từng nhiệm vụ · Side by side, with word differences

# %%
for a, b in pairs:
    sub = changes.filter((pl.col("doc_id_old") == a) & (pl.col("doc_id_new") == b))
    rows = []
    for r in sub.iter_rows(named=True):
        t_old, t_new = texts.get(r["task_id_old"]), texts.get(r["task_id_new"])
        diff = word_diff_html(t_old, t_new) if t_old and t_new and r["status"] == "modified" else ""
        rows.append({"status": r["status"], "similarity": r["similarity"], "old task": t_old or "",
                     "new task": t_new or "", "word diff": diff})
    print(f"{a} → {b}")
    show_table(pl.DataFrame(rows), html_columns=("word diff",))

# %% [markdown]
# ## Văn bản được trích dẫn · Cited documents added and removed

# %%
for a, b in pairs:
    rc = corpus.reference_changes(a, b)
    show_table(rc.filter(pl.col("change") != "kept").select("change", "ref_id").sort("change", "ref_id"))

# %% [markdown]
# ## Tham chiếu lỗi thời · Stale references (another year's theme)

# %%
stale = corpus.stale_references().join(corpus.tasks.select("task_id", "text"), on="task_id")
show_table(stale)
show_table(corpus.stale_headings())
