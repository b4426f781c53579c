"""The documents plans cite, as one row per document: the spellings that name the same
document merged (`26-CT/UBND` and `26/CT-UBND` of the same date), codes a scan damaged repaired
where the kind and date leave no doubt and flagged otherwise, look-alikes flagged (`446-QĐ/TU`
and `466-QĐ/TU` of the same date), and laws cited by name ("Luật Tiếp công dân") counted too.

>>> parse_code("26-CT/UBND") == parse_code("26/CT-UBND")
True
>>> parse_code("59/2023/NĐ-CP")
('59', 'NĐ', 'CP')
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import polars as pl

from compare.build.tables import ColumnType
from compare.parse.references import CODE_KINDS
from compare.text.vietnamese import fold
from compare.text.vocabulary import CODE_BY_KIND, kind_pattern

KIND_CODE = CODE_BY_KIND  # kind of document → its type code, as numbers write it

# Issuer code → the level of the body that issues it.
LEVELS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(TW|BCT|BCHTW|BBT|BDVTW)$"), "Trung ương / Bộ Chính trị"),
    (re.compile(r"^QH"), "Quốc hội"),
    (re.compile(r"^(CP|TTG|VPCP)$"), "Chính phủ / Thủ tướng"),
    (re.compile(r"^B[A-ZĐ]{1,6}$"), "Bộ, ngành Trung ương"),
    (re.compile(r"^(TU|THU|ĐU|HU|BTV|BDVTU|BTGDVTU)"), "Tỉnh ủy / Thành ủy"),
    (re.compile(r"^HĐND"), "HĐND"),
    (re.compile(r"^UBND"), "UBND"),
    (re.compile(r"^S[A-ZĐ]{1,6}$|^NV$"), "Sở"),
]

# Party style "23-QĐ/TW", state style "129/QĐ-UBND" or "59/2023/NĐ-CP".
_PARTY = re.compile(r"^(?P<n>\d+[a-z]?)-(?P<type>[^/]+)/(?P<issuer>.+)$")
_STATE = re.compile(r"^(?P<n>\d+[a-z]?)/(?:(?P<year>\d{4})/)?(?P<type>[^-/]+)-(?P<issuer>.+)$")

# "Luật Thực hiện dân chủ ở cơ sở", "Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân":
# "Luật" in capitals, then the words of its name up to a number, a date, "năm", a bracket or a stop.
LAW_NAME = re.compile(r"\bLuật\s+(?P<name>[A-ZĐÀ-Ỹ][^;,.()\d\n“”\"]{3,90}?)(?=\s*(?:số|ngày|năm|\d|[;,.()\n“”\"]|$))")


def parse_code(ref_id: str) -> tuple[str, str, str] | None:
    """(number, type code, issuer code) of a normalised reference id, whatever its style."""
    m = _PARTY.match(ref_id) or _STATE.match(ref_id)
    if not m:
        return None
    return m.group("n"), m.group("type").upper(), m.group("issuer").upper()


def level_of(issuer_code: str | None) -> str | None:
    if not issuer_code:
        return None
    first = issuer_code.split("-")[0].upper()
    return next((name for pattern, name in LEVELS if pattern.search(first)), None)


@dataclass
class _Doc:
    key: tuple
    spellings: Counter = field(default_factory=Counter)
    kind: str | None = None
    ref_date: object = None
    doc_ids: set = field(default_factory=set)
    flags: list = field(default_factory=list)
    subject: str | None = None


def _subject(text: str, code: str) -> str | None:
    """The "về ..." phrase that follows a citation in the task text, where there is one."""
    at = text.find(code)
    if at < 0:
        return None
    tail = text[at + len(code) : at + len(code) + 280]
    # "về ..." of this citation: within its own clause (no ';'), close after the code (its date
    # and issuer), and not "gửi về" (a direction)
    m = re.search(
        r"^[^;]{0,110}?(?<!gửi )\bvề\s+(?:việc\s+)?(.{6,160}?)"
        rf"(?=[;.]|\s+(?:và|,)\s+{kind_pattern()}\b|$)",
        tail,
    )
    return m.group(1).strip(' ,“”"') if m else None


def citations(
    references: pl.DataFrame, tasks: pl.DataFrame, documents: pl.DataFrame, searchable: list[str] | None = None
) -> pl.DataFrame:
    """One row per cited document: ref_id (its commonest spelling), variants, kind, ref_date,
    level, subject, doc_ids, years, n_plans, flags. Laws cited by name are rows too (kind
    "Luật", ref_id "Luật ..."). `searchable`: each task's searchable text, in `tasks` order
    (for laws named in notes); by default the task texts."""
    years = dict(zip(documents["doc_id"].to_list(), documents["year"].to_list()))
    task_text = dict(zip(tasks["task_id"].to_list(), tasks["text"].to_list()))
    docs: dict[tuple, _Doc] = {}
    raw = []
    for doc_id, task_id, ref_id, kind, ref_date, text in references.select(
        "doc_id", "task_id", "ref_id", "kind", "ref_date", "text"
    ).iter_rows():
        parsed = parse_code(ref_id)
        raw.append((doc_id, task_id, ref_id, kind, ref_date, text, parsed))
    # a code whose type contradicts the citation's kind ("Chỉ thị số 28/TT-TTg", a scan's TT for
    # CT) takes the kind's type where a citation of that number, issuer and date already has it
    by_triplet: dict[tuple, set] = {}
    for *_, ref_date, _text, parsed in raw:
        if parsed:
            by_triplet.setdefault((parsed[0], parsed[2], ref_date), set()).add(parsed[1])
    for doc_id, task_id, ref_id, kind, ref_date, text, parsed in raw:
        flags = []
        if parsed:
            number, type_code, issuer = parsed
            want = KIND_CODE.get(kind or "")
            if want and type_code != want.upper():
                said = CODE_KINDS.get(type_code, type_code)
                if ref_date is not None and want.upper() in by_triplet.get((number, issuer, ref_date), set()):
                    flags.append(
                        f"mã ghi {said} ({ref_id}) nhưng loại là {kind}: đã gộp với văn bản cùng số, cùng ngày"
                    )
                    type_code = want.upper()
                elif ref_date is not None and kind in ("Chỉ thị", "Quyết định", "Nghị quyết", "Nghị định"):
                    flags.append(f"mã ghi {said} nhưng loại là {kind}: có thể do bản quét, đã sửa theo loại văn bản")
                    type_code = want.upper()
                else:
                    flags.append(f"mã ghi {said} nhưng loại là {kind}")
            key = (number, type_code, issuer, ref_date if ref_date is not None else None)
        else:
            key = ("", ref_id, "", ref_date)
        entry = docs.setdefault(key, _Doc(key))
        entry.spellings[ref_id] += 1
        entry.kind = entry.kind or kind
        entry.ref_date = entry.ref_date or ref_date
        entry.doc_ids.add(doc_id)
        entry.flags += [f for f in flags if f not in entry.flags]
        if entry.subject is None and task_id in task_text:
            entry.subject = _subject(task_text[task_id] or "", text or ref_id) or _subject(
                task_text[task_id] or "", ref_id
            )
    # a citation without a date joins the dated document of the same code, when there is one
    for key in [k for k in docs if k[3] is None and k[0]]:
        dated = [k for k in docs if k[:3] == key[:3] and k[3] is not None]
        if len(dated) == 1:
            target, gone = docs[dated[0]], docs.pop(key)
            target.spellings.update(gone.spellings)
            target.doc_ids |= gone.doc_ids
            target.flags += [f for f in gone.flags if f not in target.flags]
            target.subject = target.subject or gone.subject
    _flag_lookalikes(docs)
    rows = [_row(entry, years) for entry in docs.values()]
    clean = (
        {d for d, q in zip(documents["doc_id"].to_list(), documents["text_quality"].to_list()) if q != "ocr"}
        if "text_quality" in documents.columns
        else set(documents["doc_id"].to_list())
    )
    rows += _laws(tasks, searchable if searchable is not None else tasks["text"].to_list(), years, clean)
    schema: dict[str, ColumnType] = {
        "ref_id": pl.Utf8,
        "variants": pl.List(pl.Utf8),
        "kind": pl.Utf8,
        "ref_date": pl.Date,
        "level": pl.Utf8,
        "subject": pl.Utf8,
        "doc_ids": pl.List(pl.Utf8),
        "years": pl.List(pl.Int32),
        "n_plans": pl.Int64,
        "first_year": pl.Int32,
        "last_year": pl.Int32,
        "flags": pl.List(pl.Utf8),
    }
    return pl.DataFrame(rows, schema=schema).sort(["n_plans", "ref_id"], descending=[True, False])


def _canonical(entry: _Doc) -> str:
    _number, type_code, _issuer, _ = entry.key
    spellings = sorted(entry.spellings.items(), key=lambda kv: (-kv[1], kv[0]))
    for spelling, _n in spellings:  # the commonest spelling that says the document's own type
        parsed = parse_code(spelling)
        if parsed is None or parsed[1] == type_code:
            return spelling
    spelling = spellings[0][0]  # every spelling says another type: the commonest, its type repaired
    m = _PARTY.match(spelling) or _STATE.match(spelling)
    assert m is not None
    code = KIND_CODE.get(entry.kind or "", type_code)
    return spelling[: m.start("type")] + code + spelling[m.end("type") :]


def _row(entry: _Doc, years: dict) -> dict:
    plan_years = sorted({years[d] for d in entry.doc_ids if years.get(d) is not None})
    issuer = entry.key[2] or None
    return {
        "ref_id": _canonical(entry),
        "variants": sorted(entry.spellings),
        "kind": entry.kind,
        "ref_date": entry.ref_date,
        "level": level_of(issuer),
        "subject": entry.subject,
        "doc_ids": sorted(entry.doc_ids),
        "years": plan_years,
        "n_plans": len(entry.doc_ids),
        "first_year": plan_years[0] if plan_years else None,
        "last_year": plan_years[-1] if plan_years else None,
        "flags": entry.flags,
    }


def _flag_lookalikes(docs: dict[tuple, _Doc]) -> None:
    """Same type, issuer and date, numbers of one length one digit apart: one is likely a typo."""
    groups: dict[tuple, list[_Doc]] = {}
    for entry in docs.values():
        number, type_code, issuer, date = entry.key
        if number and date is not None:
            groups.setdefault((type_code, issuer, date), []).append(entry)
    for group in groups.values():
        for a in group:
            for b in group:
                na, nb = a.key[0], b.key[0]
                if a is not b and len(na) == len(nb) and sum(x != y for x, y in zip(na, nb)) == 1:
                    flag = f"có thể là {_canonical(b)}: cùng ngày, khác một chữ số"
                    if flag not in a.flags:
                        a.flags.append(flag)


def _laws(tasks: pl.DataFrame, searchable: list[str], years: dict, clean: set[str]) -> list[dict]:
    """Laws cited by name in tasks (and their notes): one row per law. A name from a plan whose
    text is clean outranks one a scan gave."""
    seen: dict[str, dict] = {}
    for doc_id, text in zip(tasks["doc_id"].to_list(), searchable):
        for m in LAW_NAME.finditer(text or ""):
            name = re.sub(r"\s+", " ", m.group("name")).strip()
            name = re.split(r"\s+và\s+(?:các|những|văn bản|hướng dẫn)\b", name)[0]  # "... và các văn bản ..."
            words = [w for w in name.split() if any(ch.isalpha() for ch in w)]
            words = [re.sub(r"\W+$", "", w) for w in words]
            while words and fold(words[-1]) in ("va", "cua", "ve", "nam", "ngay", "duoc", "da", "tai", "theo"):
                words.pop()
            if len(words) < 2:
                continue
            name = " ".join(words)
            key = fold(name)
            entry = seen.setdefault(key, {"names": Counter(), "docs": set()})
            entry["names"][f"Luật {name}"] += 1
            entry["docs"].add(doc_id)
    # one law whatever a scan made of its name ("dân chỉ ở cơ sở"): the names most cited first,
    # a name close to one already kept joins it
    from rapidfuzz import fuzz

    kept: dict[str, dict] = {}
    for key in sorted(
        seen, key=lambda k: (-len(seen[k]["docs"]), -len(seen[k]["docs"] & clean), -sum(seen[k]["names"].values()), k)
    ):
        home = next((h for h in kept if fuzz.ratio(h, key) >= 85), None)
        if home is None:
            kept[key] = seen[key]
            kept[key]["home"] = seen[key]["names"].most_common(1)[0][0]
        else:
            kept[home]["names"].update(seen[key]["names"])
            kept[home]["docs"] |= seen[key]["docs"]
    rows = []
    for entry in kept.values():
        plan_years = sorted({years[d] for d in entry["docs"] if years.get(d) is not None})
        names = sorted(entry["names"].items(), key=lambda kv: (kv[0] != entry["home"], -kv[1], kv[0]))
        rows.append(
            {
                "ref_id": names[0][0],
                "variants": sorted(entry["names"]),
                "kind": "Luật",
                "ref_date": None,
                "level": "Quốc hội",
                "subject": None,
                "doc_ids": sorted(entry["docs"]),
                "years": plan_years,
                "n_plans": len(entry["docs"]),
                "first_year": plan_years[0] if plan_years else None,
                "last_year": plan_years[-1] if plan_years else None,
                "flags": [],
            }
        )
    return rows
