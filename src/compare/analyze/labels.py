"""One readable, unique name per plan, as an official would write it, and the way back from any
name a user types (an id prefix, a number, a label) to the plan.

>>> import polars as pl, datetime as dt
>>> docs = pl.DataFrame({"doc_id": ["001_ab"], "issuer": ["Sở Giáo dục và Đào tạo"],
...     "jurisdiction": ["Hải Phòng"], "admin_level": ["department"], "number": ["979/KH-SGDĐT"],
...     "issued_date": [dt.date(2026, 2, 23)], "year": [2026], "period": ["year"]})
>>> plan_labels(docs)["001_ab"]
'Sở GD&ĐT Hải Phòng · năm 2026 · KH 979'
>>> resolve_plan(docs, "979")
'001_ab'
"""

from __future__ import annotations

import re

import polars as pl

from compare.text.vietnamese import fold

# Long names in issuers → the short forms officials write (longest first wins).
ABBREVIATIONS: list[tuple[str, str]] = [
    ("Ủy ban nhân dân", "UBND"),
    ("Uỷ ban nhân dân", "UBND"),
    ("Hội đồng nhân dân", "HĐND"),
    ("Giáo dục và Đào tạo", "GD&ĐT"),
    ("Lao động - Thương binh và Xã hội", "LĐ-TB&XH"),
    ("Lao động, Thương binh và Xã hội", "LĐ-TB&XH"),
    ("Văn hóa, Thể thao và Du lịch", "VH-TT&DL"),
    ("Văn hoá, Thể thao và Du lịch", "VH-TT&DL"),
    ("Tài nguyên và Môi trường", "TN&MT"),
    ("Nông nghiệp và Phát triển nông thôn", "NN&PTNT"),
    ("Nông nghiệp và Môi trường", "NN&MT"),
    ("Khoa học và Công nghệ", "KH&CN"),
    ("Thông tin và Truyền thông", "TT&TT"),
    ("Kế hoạch và Đầu tư", "KH&ĐT"),
    ("Giao thông vận tải", "GTVT"),
    ("Giao thông - Vận tải", "GTVT"),
    ("Xây dựng và Giao thông", "XD&GT"),
    ("Mặt trận Tổ quốc Việt Nam", "MTTQ Việt Nam"),
    ("Mặt trận Tổ quốc", "MTTQ"),
]

# Period codes of `documents.period` → how officials write them before the year.
PERIOD_WORDS = {
    "year": "năm {year}",
    "H1": "6 tháng đầu năm {year}",
    "H2": "6 tháng cuối năm {year}",
    "Q1": "quý I/{year}",
    "Q2": "quý II/{year}",
    "Q3": "quý III/{year}",
    "Q4": "quý IV/{year}",
}

_NUMBER = re.compile(r"^\s*(?P<n>[\w.]*?)\s*[/-]\s*(?P<code>[^\W\d_]+)")


class PlanNotFound(KeyError):
    """A name that matches no plan, or several."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


def short_issuer(issuer: str | None) -> str:
    """'Sở Giáo dục và Đào tạo' → 'Sở GD&ĐT'; 'Ủy ban nhân dân phường Đông Hải' → 'UBND phường Đông Hải'."""
    if not issuer:
        return "Cơ quan chưa rõ"
    out = issuer
    for long, short in sorted(ABBREVIATIONS, key=lambda p: -len(p[0])):
        out = re.sub(re.escape(long), short, out, flags=re.IGNORECASE)
    return out


def period_text(period: str | None, year: int | None) -> str:
    """('H2', 2025) → '6 tháng cuối năm 2025'."""
    if year is None:
        return "năm chưa rõ"
    return PERIOD_WORDS.get(period or "year", "năm {year}").format(year=year)


def number_text(number: str | None) -> str | None:
    """'979/KH-SGDĐT' → 'KH 979'; '05/CTr-UBND' → 'CTr 05'; a blank number → None."""
    if not number:
        return None
    m = _NUMBER.match(number)
    if not m or not m.group("n"):
        return None
    return f"{m.group('code')} {m.group('n')}"


_PLACE_WORDS = ("huyen", "quan", "thi xa", "thanh pho", "xa ", "phuong", "tinh", "thi tran")


def base_label(row: dict) -> str:
    issuer = short_issuer(row.get("issuer"))
    parent = row.get("parent")
    if (
        row.get("admin_level") in ("district", "commune")
        and parent
        and not any(w in fold(issuer) + " " for w in _PLACE_WORDS)
    ):
        issuer = f"{issuer} {short_issuer(parent).removeprefix('UBND ')}"  # 'Phòng Nội vụ huyện Cần Giuộc'
    place = row.get("jurisdiction")
    if place and fold(place) not in fold(issuer):
        issuer = (
            f"{issuer} {place}" if row.get("admin_level") in ("department", "province", None) else f"{issuer}, {place}"
        )
    parts = [issuer, period_text(row.get("period"), row.get("year"))]
    number = number_text(row.get("number"))
    if number:
        parts.append(number)
    return " · ".join(parts)


def plan_labels(documents: pl.DataFrame) -> dict[str, str]:
    """doc_id → a label unique in this corpus: issuer, place, period, number; plans that still
    share one get their issue date, then their file name."""
    rows = sorted(documents.iter_rows(named=True), key=lambda r: r["doc_id"])
    labels = {r["doc_id"]: base_label(r) for r in rows}
    for extra in (_date_part, _file_part):
        seen: dict[str, list[str]] = {}
        for doc_id, label in labels.items():
            seen.setdefault(label, []).append(doc_id)
        by_id = {r["doc_id"]: r for r in rows}
        for label, ids in seen.items():
            if len(ids) > 1:
                for doc_id in ids:
                    part = extra(by_id[doc_id])
                    if part:
                        labels[doc_id] = f"{label} · {part}"
    return labels


def _date_part(row: dict) -> str | None:
    date = row.get("issued_date")
    return f"ngày {date:%d/%m/%Y}" if date else None


def _file_part(row: dict) -> str:
    return f"tệp {row['doc_id']}"


def resolve_plan(documents: pl.DataFrame, name: str | int) -> str:
    """The doc_id of the one plan that `name` names: its id or an id prefix, its number (whole
    or the part before the '/'), or its label (whole, or a part of it, marks optional).
    Raises PlanNotFound naming the candidates when there are none or several."""
    name = str(name).strip()
    if not name:
        raise PlanNotFound("Chưa nêu tên kế hoạch (no plan named)")
    labels = plan_labels(documents)
    rows = list(documents.iter_rows(named=True))
    folded = fold(name)
    tiers = [
        [r["doc_id"] for r in rows if r["doc_id"] == name],
        [d for d, label in labels.items() if label == name],
        [r["doc_id"] for r in rows if r.get("number") and fold(r["number"]) == folded],
        [r["doc_id"] for r in rows if r["doc_id"].startswith(name)],
        [r["doc_id"] for r in rows if r.get("number") and fold(r["number"]).split("/")[0] == folded],
        [d for d, label in labels.items() if folded in fold(label)],
    ]
    for found in tiers:
        found = sorted(set(found))
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            listed = "; ".join(f"{labels[d]} ({d})" for d in found[:8])
            raise PlanNotFound(f"'{name}' chỉ nhiều kế hoạch (ambiguous plan name): {listed}")
    some = "; ".join(f"{labels[r['doc_id']]} ({r['doc_id']})" for r in rows[:8])
    raise PlanNotFound(f"Không có kế hoạch '{name}' (unknown plan). Có: {some}")
