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
# # Phiếu từng kế hoạch
# *Report card per plan.* Với mỗi kế hoạch: số nhiệm vụ theo chủ đề so với trung vị của kho,
# chủ đề bắt buộc còn thiếu và căn cứ, nhiệm vụ chung với cơ quan nào, nhiệm vụ chỉ kế hoạch
# này có, văn bản trích dẫn mới và bỏ so với kế hoạch trước, tham chiếu lỗi thời, thời hạn theo
# quý, và cảnh báo khi văn bản lấy từ bản quét. Bấm vào tên kế hoạch để mở phiếu.

# %% tags=["parameters"]
processed = "../data/processed"
plan = ""  # chỉ một kế hoạch (mã tệp, số hiệu hoặc tên; để trống: mọi kế hoạch)

# %%
from IPython.display import HTML, display

import compare
from compare.report import CARD_CSS, plan_card_html
from compare.report.cards import PlanCards

corpus = compare.load(processed)
cards = PlanCards(corpus)
chosen = [corpus.plan(str(plan))] if plan else sorted(corpus.documents["doc_id"].to_list(), key=corpus.labels.get)
display(HTML(CARD_CSS + "".join(plan_card_html(cards.card(d), open_=len(chosen) == 1) for d in chosen)))
