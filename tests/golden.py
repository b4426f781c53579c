"""Stored expected tables: every build table for the seeds, each plan of `tests/material/`,
and a fixed set of variants (encodings, markup, wraps, scan damage), kept as sorted JSON lines
in `tests/golden/` so that a change of one rule shows as the rows it changes.

    python tests/golden.py            # compare, print the differing rows, exit 1 if any
    python tests/golden.py --write    # rewrite the stored tables on purpose (`make golden`)

A case is one file of JSON lines, one row per line: ``{"table": ..., "key": ..., <columns>}``,
sorted by table and key, dates as ISO text. `test_golden.py` rebuilds every case and names
each differing row with the columns that differ, stored value against new value.

Each plan is parsed alone (`parse_text`), so a case depends on its plan only; the seeds are
also stored as the product builds them, the folder at once (`build_corpus(data/raw)`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RAW = ROOT / "data" / "raw"
MATERIAL = HERE / "material"
GOLDEN = HERE / "golden"
sys.path.insert(0, str(HERE))

TABLES = ("documents", "sections", "tasks", "references", "lines", "rejects")
CLEAN_SEEDS = ("000_04f4ef8ac17a6be6", "002_f6c5449781db0a59", "003_ebb1f1004e055704", "004_af6ae590234994d3")
# Plans of other layouts that also go through every variant (the seeds always do).
VARIED_MATERIAL = (
    "department_task_table.md",
    "province_slash_numbering.txt",
    "district_word_bullets.txt",
    "commune_month_headings.txt",
)


def _variants() -> dict[str, Callable[[str], tuple[str, str]]]:
    """Form name → (clean text → (text as the reader gives it back, encoding))."""
    import forms

    from compare.read.html_text import html_to_text
    from compare.read.raw import decode_bytes

    def decoded(data: bytes) -> tuple[str, str]:
        text, encoding = decode_bytes(data)
        return text.replace("\r\n", "\n"), encoding

    return {
        "crlf-nfd-bom": lambda t: decoded(forms.plain_crlf_nfd_bom(t)),
        "windows-1258": lambda t: decoded(forms.windows_1258(t)),
        "tcvn3": lambda t: decoded(forms.tcvn3(t)),
        "vni": lambda t: decoded(forms.vni(t)),
        "utf-16": lambda t: decoded(forms.utf16(t)),
        "html-page": lambda t: (html_to_text(forms.html_page(t)), "html"),
        "wrapped-60": lambda t: (forms.rewrapped(t, width=60, seed=60), "utf-8"),
        "wrapped-110": lambda t: (forms.rewrapped(t, width=110, seed=110), "utf-8"),
        "scan": lambda t: (forms.ocr_damage(forms.strip_markdown(t), drop=0.7, seed=1), "utf-8"),
    }


def _material_files() -> list[Path]:
    return sorted(p for p in MATERIAL.iterdir() if p.is_file() and p.suffix != ".py")


def _table_plan_text(scan: bool) -> str:
    """The commune task table of `material/commune_table_rows.py`, flattened as OCR gives it."""
    sys.path.insert(0, str(MATERIAL))
    import commune_table_rows as rows  # type: ignore[import-not-found]
    import forms

    text = rows.HEAD + forms.flattened_table(rows.GROUPS, seed=3) + "\n" + rows.TAIL
    return forms.ocr_damage(text, drop=0.8, seed=3) if scan else text


def _alone(doc_id: str, text: str, source_path: str, encoding: str = "utf-8", sha256: str = ""):
    """Tables of one plan parsed alone (or its reject)."""
    from compare.build import parse_text, tables_of
    from compare.read.raw import Rejected

    try:
        doc = parse_text(text, doc_id, source_path, sha256, encoding)
    except Rejected as exc:
        return tables_of([], [{"source_path": source_path, "reason": str(exc)}])
    return tables_of([doc], [])


def cases() -> dict[str, Callable[[], dict]]:
    """Case name (its path under tests/golden/, without .jsonl) → a function giving its tables."""
    from compare.build import build_corpus
    from compare.read.raw import read_text

    def seeds_folder():
        with contextlib.chdir(ROOT):
            return build_corpus(Path("data/raw")).tables

    def file_alone(path: Path):
        def run():
            raw = read_text(path)
            return _alone(path.stem, raw.text, path.relative_to(ROOT).as_posix(), raw.encoding, raw.sha256)

        return run

    def variant(path: Path, form: str, make: Callable[[str], tuple[str, str]]):
        def run():
            text, encoding = make(path.read_text(encoding="utf-8"))
            return _alone(f"{path.stem}~{form}", text, f"{path.relative_to(ROOT).as_posix()}~{form}", encoding)

        return run

    out: dict[str, Callable[[], dict]] = {"seeds/folder": seeds_folder}
    for path in sorted(RAW.glob("*.txt")):
        out[f"seeds/{path.stem}"] = file_alone(path)
    for path in _material_files():
        out[f"material/{path.stem}"] = file_alone(path)
    for path in sorted((MATERIAL / "excerpts").iterdir()):  # pages that are plans in part, or no plans
        out[f"excerpts/{path.stem}"] = file_alone(path)
    for form, scan in (("flattened", False), ("flattened-scan", True)):
        out[f"material/commune_table_rows~{form}"] = lambda form=form, scan=scan: _alone(
            f"commune_table_rows~{form}", _table_plan_text(scan), f"tests/material/commune_table_rows.py~{form}"
        )
    varied = [RAW / f"{s}.txt" for s in CLEAN_SEEDS] + [MATERIAL / m for m in VARIED_MATERIAL]
    for path in varied:
        for form, make in _variants().items():
            out[f"variants/{path.stem}~{form}"] = variant(path, form, make)
    return out


# --- rows as sorted JSON lines -----------------------------------------------------------------


def _key(table: str, row: dict, seen: dict[str, int]) -> str:
    if table == "documents":
        base = row["doc_id"]
    elif table == "sections":
        base = row["section_id"]
    elif table == "tasks":
        base = row["task_id"]
    elif table == "lines":
        base = f"{row['doc_id']}:{row['line_no']:05d}"
    elif table == "rejects":
        base = row["source_path"]
    else:  # references have no id of their own: where they are cited, what, and which time
        base = f"{row['task_id'] or row['doc_id'] + ':preamble'} {row['ref_id']}"
    n = seen.get(base, 0)
    seen[base] = n + 1
    return base if n == 0 else f"{base} #{n + 1}"


def _plain(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 9)
    return value


def rows(tables: dict) -> list[dict]:
    """Every row of every table, keyed and sorted: what a case file holds."""
    out = []
    for table in TABLES:
        seen: dict[str, int] = {}
        for row in tables[table].iter_rows(named=True):
            out.append({"table": table, "key": _key(table, row, seen), **{k: _plain(v) for k, v in row.items()}})
    return sorted(out, key=lambda r: (TABLES.index(r["table"]), r["key"]))


def dumps(case_rows: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in case_rows)


def load(name: str) -> list[dict] | None:
    path = GOLDEN / f"{name}.jsonl"
    if not path.exists():
        return None
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def differences(stored: list[dict], now: list[dict], limit: int = 25) -> list[str]:
    """The rows that differ, one line each: '- key' gone, '+ key' new, '~ key: col: old → new'."""
    old = {(r["table"], r["key"]): r for r in stored}
    new = {(r["table"], r["key"]): r for r in now}
    out = []
    for k in sorted(old.keys() | new.keys(), key=lambda k: (TABLES.index(k[0]), k[1])):
        a, b = old.get(k), new.get(k)
        if a == b:
            continue
        if a is None:
            out.append(f"+ {k[0]} {k[1]}: new row {_short(b)}")
        elif b is None:
            out.append(f"- {k[0]} {k[1]}: row gone {_short(a)}")
        else:
            cols = [c for c in a.keys() | b.keys() if c not in a or c not in b or a[c] != b[c]]
            out.append(
                f"~ {k[0]} {k[1]}: "
                + "; ".join(
                    f"{c}: {_short(a[c]) if c in a else '(no column)'} → {_short(b[c]) if c in b else '(no column)'}"
                    for c in sorted(cols)
                )
            )
        if len(out) == limit:
            out.append("… (more rows differ)")
            break
    return out


def _short(value, width: int = 160) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= width else text[: width - 1] + "…"


def main(argv: list[str]) -> int:
    write = "--write" in argv
    wanted = [a for a in argv if not a.startswith("--")]
    changed = 0
    known = cases()
    for name, make in known.items():
        if wanted and not any(w in name for w in wanted):
            continue
        now = rows(make())
        stored = load(name)
        if stored == now:
            continue
        changed += 1
        if write:
            path = GOLDEN / f"{name}.jsonl"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(dumps(now), encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
        else:
            print(f"{name}: " + ("not stored yet" if stored is None else "differs"))
            for line in differences(stored or [], now):
                print("  " + line)
    if write and not wanted:  # a case that no longer exists leaves no file behind
        for path in GOLDEN.rglob("*.jsonl"):
            if path.relative_to(GOLDEN).with_suffix("").as_posix() not in known:
                path.unlink()
                print(f"removed {path.relative_to(ROOT)}")
    print(f"{changed} of {len(known)} case(s) {'rewritten' if write else 'differ'}")
    return 1 if changed and not write else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
