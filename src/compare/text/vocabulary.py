"""The vocabulary the parser knows, loaded once from the data files of `text/vocab/` into typed
tables, and every pattern built from it in one place.

One concept, one file, one owner:

    organisation_heads.tsv  the words that open an organisation's or a unit's name, by role
    document_kinds.tsv      kinds of document, their type codes, which ones are plans
    table_columns.toml      the columns of a task table and the phrases that name them
    part_kinds.tsv          the kind of part a heading names
    themes.toml             themes and their key phrases (read by parse/themes.py)
    watchlist.toml          the period's subjects followed across years (analyze/trends.py)

Numerals live in `text/numerals.py`; provinces, agencies, surnames and signer titles in
`text/lexicon.py` (data-only modules).

>>> heads("issuer")[:3]
('Ủy ban nhân dân', 'Thanh tra', 'Trung tâm')
>>> column_of("Đơn vị chủ trì"), column_of("Thời gian thực hiện"), column_of("TT")
('lead', 'time', 'stt')
>>> KIND_BY_CODE["QĐ"], PLAN_KINDS
('Quyết định', ('Kế hoạch', 'Chương trình'))
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from compare.text.vietnamese import fold

VOCAB = Path(__file__).resolve().parent / "vocab"
ROLES = ("issuer", "agency", "lead", "partner", "splitter", "unit")


def read_tsv(name: str) -> list[list[str]]:
    """The rows of a vocabulary file: tab-separated cells, '#' lines and blank lines skipped."""
    rows = []
    for line in (VOCAB / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


# --- organisation heads ------------------------------------------------------------------


@dataclass(frozen=True)
class Head:
    """A word that opens an organisation's name, as written, and the roles it plays."""

    form: str
    roles: frozenset[str]
    not_before: str  # words that, next, make the form no head ("hành" of "Ban hành"), | between
    example: str


HEADS: tuple[Head, ...] = tuple(
    Head(form, frozenset(roles.split(",")), not_before, example)
    for form, roles, not_before, example in read_tsv("organisation_heads.tsv")
)


def heads(role: str) -> tuple[str, ...]:
    """The forms that open a name in `role`, longest first (so that an alternation tries
    "Ủy ban nhân dân" before "Ủy ban")."""
    if role not in ROLES:
        raise ValueError(f"no role {role!r}: one of {ROLES}")
    return tuple(sorted((h.form for h in HEADS if role in h.roles), key=lambda f: (-len(f), f)))


def head_pattern(role: str, case: str = "as_written") -> str:
    """A non-capturing alternation of the heads of `role`: as written, in capitals ("upper"),
    or accent-folded in lower case ("folded"), each with its `not_before` look-ahead."""
    forms: dict[str, Callable[[str], str]] = {
        "as_written": str,
        "upper": str.upper,
        "folded": lambda f: fold(f).lower(),
    }
    by_form = {h.form: h for h in HEADS}
    parts = []
    for form in heads(role):
        text = re.escape(forms[case](form)).replace(r"\ ", r"\s+")
        after = by_form[form].not_before
        words = "|".join(re.escape(forms[case](w)) for w in after.split("|"))
        parts.append(text + (rf"(?!,?\s+(?:{words})\b)" if after else ""))
    return "(?:" + "|".join(parts) + ")"


# --- kinds of document ---------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentKind:
    name: str  # "Quyết định"
    code: str  # the type code of its number, "QĐ" ("" where numbers carry none)
    plan: bool  # a plan `compare build` reads
    example: str
    subject: str = ""  # how its subject line opens, where that names the kind ("V/v")


DOCUMENT_KINDS: tuple[DocumentKind, ...] = tuple(
    DocumentKind(name, code, plan == "yes", example, *subject)
    for name, code, plan, example, *subject in read_tsv("document_kinds.tsv")
)
# a subject line's opening → the kind it names ("V/v" → "Công văn")
KIND_BY_SUBJECT: dict[str, str] = {k.subject: k.name for k in DOCUMENT_KINDS if k.subject}
PLAN_KINDS: tuple[str, ...] = tuple(k.name for k in DOCUMENT_KINDS if k.plan)
KIND_BY_CODE: dict[str, str] = {k.code.upper(): k.name for k in DOCUMENT_KINDS if k.code}
CODE_BY_KIND: dict[str, str] = {k.name: k.code for k in DOCUMENT_KINDS if k.code}


def kind_pattern(plans_only: bool = False, both_cases: bool = False, folded: bool = False) -> str:
    """An alternation of the kinds' names ("Kế hoạch|Quyết định|..."), longest first; with
    `both_cases`, each also as it stands inside a sentence ("kế hoạch"); `folded`, accent-folded
    in lower case ("ke hoach"), for text that `fold` made."""
    names = [k.name for k in DOCUMENT_KINDS if k.plan or not plans_only]
    if folded:
        names = [fold(n).lower() for n in names]
    elif both_cases:
        names += [n[0].lower() + n[1:] for n in names]
    # (folded text keeps one space between words where `fold` made it, and a scan's spacing
    # where `fold_same_length` did: a folded name matches its words one space apart only)
    space = r"\ " if folded else r"\s+"
    return "(?:" + "|".join(re.escape(n).replace(r"\ ", space) for n in sorted(names, key=lambda n: (-len(n), n))) + ")"


# --- the columns of a task table ---------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str  # stt | text | lead | partner | time | notes
    name: str  # as a rebuilt header writes it
    phrases: tuple[str, ...]  # folded, without spaces
    weak: tuple[str, ...]
    whole: tuple[str, ...]


def _flat(text: str) -> str:
    """Accent-folded, lower-case, letters and digits only: 'Đơn vị chủ trì' → 'donvichutri'."""
    return re.sub(r"[^0-9a-z]", "", fold(text).lower())


COLUMNS: tuple[Column, ...] = tuple(
    Column(
        c["key"],
        c["name"],
        tuple(_flat(p) for p in c.get("phrases", [])),
        tuple(_flat(p) for p in c.get("weak", [])),
        tuple(_flat(p) for p in c.get("whole", [])),
    )
    for c in tomllib.loads((VOCAB / "table_columns.toml").read_text(encoding="utf-8"))["column"]
)
COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)  # a rebuilt header's cells
COLUMN_KEYS: tuple[str, ...] = tuple(c.key for c in COLUMNS)  # the same, as keys


_HEADER_CELL_WORDS = 10  # a header cell names its column in a few words; a longer cell is content


@cache
def column_of(cell: str) -> str | None:
    """The column a header cell names, or None."""
    flat = _flat(cell)
    if not flat or len(cell.split()) > _HEADER_CELL_WORDS:
        return None
    for c in COLUMNS:
        if flat in c.whole or any(p in flat for p in c.phrases):
            return c.key
    return next((c.key for c in COLUMNS if flat.startswith(c.weak)), None)


def columns_named(text: str) -> set[str]:
    """Every column a header line names ("Stt Nội dung Đơn vị chủ trì" → stt, text, lead):
    the number column only as a word of its own."""
    flat = _flat(text)
    words = {_flat(w) for w in text.replace("|", " ").split()}
    found = {c.key for c in COLUMNS if any(p in flat for p in c.phrases) or words & set(c.whole)}
    if not found & {"lead", "partner"} and any(p in flat for c in COLUMNS for p in c.weak):
        found.add("lead")  # ("Đơn vị thực hiện" on a line of its own: a header's third column)
    return found


# --- part kinds ------------------------------------------------------------------------------

PART_KIND_PHRASES: tuple[tuple[str, str], ...] = tuple((phrase, kind) for phrase, kind, _ in read_tsv("part_kinds.tsv"))
# "Nơi nhận", folded: the label that opens the recipients' list
RECIPIENTS_LABEL = next(phrase for phrase, kind in PART_KIND_PHRASES if kind == "recipients")


# --- a portal's record of a document -------------------------------------------------------------

# folded label ("so hieu") → the field it gives ("number")
RECORD_FIELDS: dict[str, str] = {fold(label).lower(): field for label, field, _ in read_tsv("portal_record.tsv")}
