"""A national corpus for benchmarks: every province's agencies, one plan a year, 2023-2026.

Structure the analysis must find, on purpose:
- **overlaps between agencies of one province**: each province has a catalogue (tasks drawn
  from the seeds and tests/material, re-worded), and each of its agencies copies most of its
  plan from it, some tasks word for word, some re-worded;
- **changes from year to year**: an agency's plan for year Y+1 is its plan for Y with about
  15% of the tasks dropped, 15% re-worded (dates, numbers, a clause moved, words swapped) and
  new tasks added from the catalogue of Y+1 (which itself changes a little each year);
- **variety**: departments, districts' and communes' committees and Party committees, parts
  laid out in several ways (numbered parts, dashes, "a)" items), some files hard-wrapped.

    python benchmarks/national_gen.py OUT_DIR [N_PLANS] [SEED]     # default 10,000 plans

The same (N_PLANS, SEED) gives the same files.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

YEARS = (2023, 2024, 2025, 2026)
DEPARTMENTS = (
    "Sở Nội vụ", "Sở Tư pháp", "Sở Y tế", "Sở Tài chính", "Sở Xây dựng", "Sở Công Thương",
    "Sở Nông nghiệp và Môi trường", "Sở Khoa học và Công nghệ", "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Giáo dục và Đào tạo", "Sở Ngoại vụ", "Sở Dân tộc và Tôn giáo", "Thanh tra tỉnh",
)  # fmt: skip
COMMUNE_NAMES = (
    "An Bình", "Tân Thành", "Hòa Phú", "Phước Long", "Đông Hải", "Nam Sơn", "Bình Minh",
    "Thuận An", "Hưng Lợi", "Quang Trung", "Long Hòa", "Mỹ Phước", "Tân Lập", "Hòa Bình",
    "Đồng Tâm", "Thạnh Phú", "Vĩnh Hưng", "Cẩm Phú", "Phú Lộc", "Hải Thành", "Kim Sơn",
    "Lương Sơn", "Tiên Phong", "Thống Nhất",
)  # fmt: skip
THEMES = (
    "Công tác tuyên truyền, quán triệt",
    "Thực hiện dân chủ ở cơ sở",
    "Cải cách hành chính, chuyển đổi số",
    "Tiếp công dân, đối thoại với Nhân dân",
    "Phong trào thi đua “Dân vận khéo”",
)
# words a re-worded task may swap (each pair in both directions)
SYNONYMS = (
    ("triển khai", "tổ chức thực hiện"), ("nâng cao", "tăng cường"), ("kịp thời", "đúng hạn"),
    ("cán bộ, công chức", "cán bộ, công chức, viên chức"), ("Nhân dân", "người dân"),
    ("hiệu quả", "thiết thực"), ("theo dõi", "giám sát"), ("tuyên truyền", "thông tin, tuyên truyền"),
)  # fmt: skip


def task_pool() -> list[str]:
    """The task texts of the seeds and tests/material, as the build reads them (clean ones)."""
    from compare.build import build_corpus

    texts: list[str] = []
    for folder in (ROOT / "data" / "raw", ROOT / "tests" / "material"):
        result = build_corpus(folder)
        tasks = result.tables["tasks"].join(result.tables["documents"].select("doc_id", "text_quality"), on="doc_id")
        clean = tasks.filter(tasks["text_quality"] == "clean")["text"].to_list()
        texts += [t for t in clean if 40 <= len(t) <= 400 and not t.rstrip(".").endswith(":")]
    return sorted(set(texts))


def reword(text: str, rng: random.Random, year: int) -> str:
    """The same task said otherwise: words swapped, its year moved on, a clause moved."""
    for a, b in SYNONYMS:  # (b may hold a: "thông tin, tuyên truyền")
        if rng.random() < 0.5:
            text = text.replace(b, a) if b in text else text.replace(a, b)
    text = re.sub(r"\b20(2[2-7])\b", str(year), text)
    parts = [p for p in text.rstrip(".;").split("; ") if p]
    if len(parts) > 1 and rng.random() < 0.5:
        parts = parts[1:] + parts[:1]
    return "; ".join(parts) + "."


def issuers(province: str, rng: random.Random, n: int) -> list[tuple[str, str, str]]:
    """(issuer, parent, number code) of `n` agencies of a province."""
    from compare.text.lexicon import CENTRAL_CITIES

    word = "thành phố" if province in CENTRAL_CITIES else "tỉnh"
    out = [
        (d, f"UBND {word} {province}", "KH-S" + "".join(w[0] for w in d.split()[1:] if w != "và").upper())
        for d in DEPARTMENTS
    ]
    for name in COMMUNE_NAMES:
        for level in ("xã", "phường"):
            out.append((f"Ủy ban nhân dân {level} {name}", f"UBND {word} {province}", "KH-UBND"))
            out.append((f"Đảng ủy {level} {name}", f"Đảng bộ {word} {province}", "ĐU"))
    rng.shuffle(out)
    return out[:n]


def render(issuer: str, parent: str, code: str, province: str, year: int, number: int, tasks: list[list[str]],
           rng: random.Random) -> str:  # fmt: skip
    """A plan as an agency writes it: header, title, parts, tasks grouped by theme, signature."""
    party = code == "ĐU"
    num = f"{number}-KH/ĐU" if party else f"{number}/{code}"
    day, month = rng.randint(2, 28), rng.randint(1, 3)
    motto = "ĐẢNG CỘNG SẢN VIỆT NAM" if party else "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    lines = [
        f"{parent.replace('UBND', 'ỦY BAN NHÂN DÂN').upper()}        {motto}",
        f"{issuer.upper()}",
        f"Số: {num}        {province}, ngày {day:02d} tháng {month:02d} năm {year}",
        "",
        "KẾ HOẠCH",
        f"Thực hiện công tác dân vận chính quyền năm {year}",
        "",
        f"Căn cứ Kế hoạch của {parent} về công tác dân vận năm {year}, {issuer} ban hành Kế hoạch như sau:",
        "",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "",
        "Nâng cao nhận thức, trách nhiệm của cán bộ, công chức về công tác dân vận chính quyền.",
        "",
        "II. NHIỆM VỤ TRỌNG TÂM",
        "",
    ]
    style = rng.choice(("numbered", "dashes", "letters"))
    for k, (theme, items) in enumerate(zip(THEMES, tasks), start=1):
        if not items:
            continue
        lines += [f"{k}. {theme}", ""]
        for m, item in enumerate(items):
            bullet = {"numbered": f"{k}.{m + 1}.", "dashes": "-", "letters": f"{'abcdefghiklmnopq'[m % 16]})"}[style]
            lines += [f"{bullet} {item}", ""]
    signer = rng.choice(("Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Tâm", "Phạm Thu Hà", "Võ Thanh Sơn"))
    lines += [
        "III. TỔ CHỨC THỰC HIỆN",
        "",
        f"Các phòng, đơn vị thuộc {issuer} căn cứ Kế hoạch này tổ chức thực hiện; báo cáo kết quả trước ngày 15/12/{year}.",
        "",
        "Nơi nhận:",
        f"- {parent};",
        "- Lưu: VT.",
        "",
        "BÍ THƯ" if party else "GIÁM ĐỐC" if issuer.startswith("Sở") else "CHỦ TỊCH",
        "",
        signer,
    ]
    text = "\n".join(lines) + "\n"
    if rng.random() < 0.2:
        import forms

        text = forms.rewrapped(text, width=rng.randint(70, 110), seed=number)
    return text


def make(folder: Path, n_plans: int = 10_000, seed: int = 0) -> list[Path]:
    """`n_plans` plan files in `folder`: the provinces' agencies, a plan a year each."""
    from compare.text.lexicon import PROVINCES

    rng = random.Random(seed)
    pool = task_pool()
    provinces = PROVINCES[:34]
    agencies_in_all = -(-n_plans // len(YEARS))  # (a plan a year each; the first provinces get one more)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for p, province in enumerate(provinces):
        catalogue = [[reword(t, rng, YEARS[0]) for t in rng.sample(pool, 8)] for _ in THEMES]
        count = agencies_in_all // len(provinces) + (p < agencies_in_all % len(provinces))
        agencies = issuers(province, rng, max(1, count))
        plans = {a: [rng.sample(items, k=rng.randint(3, len(items))) for items in catalogue] for a in agencies}
        for year in YEARS:
            for a, (issuer, parent, code) in enumerate(agencies):
                tasks = plans[agencies[a]]
                text = render(issuer, parent, code, province, year, rng.randint(1, 1999), tasks, rng)
                path = folder / f"{year}_{p:02d}_{a:03d}.txt"
                path.write_text(text, encoding="utf-8")
                written.append(path)
            # next year: the catalogue moves a little, each agency's plan more
            catalogue = [[reword(t, rng, year + 1) if rng.random() < 0.2 else t for t in items] for items in catalogue]
            for agency, groups in plans.items():
                nxt = []
                for items, cat in zip(groups, catalogue):
                    kept = [
                        reword(t, rng, year + 1) if rng.random() < 0.15 else t for t in items if rng.random() > 0.15
                    ]
                    fresh = [t for t in cat if t not in kept]
                    kept += rng.sample(fresh, k=min(len(fresh), rng.randint(0, 2)))
                    nxt.append(kept)
                plans[agency] = nxt
    written.sort()
    for extra in written[n_plans:]:  # (agencies × years rounds up: the last few go)
        extra.unlink()
    return written[:n_plans]


if __name__ == "__main__":
    out = Path(sys.argv[1])
    made = make(out, int(sys.argv[2]) if len(sys.argv) > 2 else 10_000, int(sys.argv[3]) if len(sys.argv) > 3 else 0)
    print(f"{len(made)} plans in {out}")
