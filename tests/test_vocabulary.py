"""The vocabulary's data files, one line one case: every line of text/vocab/ does what it says
where the parser reads it, and the patterns are built from these files alone."""

from __future__ import annotations

import doctest
import re

import pytest

from compare.parse.references import find_references
from compare.parse.tasks import units_from_text
from compare.parse.themes import classify_kind
from compare.text import vocabulary
from compare.text.vocabulary import COLUMNS, DOCUMENT_KINDS, HEADS, PART_KIND_PHRASES, column_of, head_pattern


def test_the_docstring_examples_hold():
    assert doctest.testmod(vocabulary).failed == 0


def _opens_with(name: str, form: str) -> bool:
    return name.lower().removeprefix("các ").startswith(form.lower())


@pytest.mark.parametrize("head", [h for h in HEADS if "lead" in h.roles], ids=lambda h: h.form)
def test_a_lead_head_opens_a_lead_unit(head):
    lead, _ = units_from_text(f"{head.example} chủ trì tổ chức hội nghị sơ kết công tác dân vận.")
    assert lead and _opens_with(lead[0], head.form), lead


@pytest.mark.parametrize("head", [h for h in HEADS if "partner" in h.roles], ids=lambda h: h.form)
def test_a_partner_head_opens_a_partner(head):
    _, partners = units_from_text(f"Văn phòng Sở chủ trì, phối hợp với {head.example} tổ chức hội nghị.")
    assert any(_opens_with(p, head.form) for p in partners), partners


@pytest.mark.parametrize("head", [h for h in HEADS if "splitter" in h.roles], ids=lambda h: h.form)
def test_a_list_of_units_is_cut_before_a_splitter_head(head):
    _, partners = units_from_text(f"Tổ chức hội nghị. Đơn vị phối hợp: Thanh tra Sở, {head.example}.")
    assert len(partners) == 2 and _opens_with(partners[1], head.form), partners


@pytest.mark.parametrize("head", HEADS, ids=lambda h: h.form)
def test_each_role_pattern_matches_its_heads(head):
    for role in head.roles:
        flags = re.IGNORECASE if role == "unit" else 0
        assert re.match(rf"{head_pattern(role)}\b", f"{head.form} Tư pháp", flags), role
    for word in filter(None, head.not_before.split("|")):  # "Hội nghị", "Phòng, chống" name no unit
        for role in head.roles:
            flags = re.IGNORECASE if role == "unit" else 0
            for text in (f"{head.form} {word} tham nhũng", f"{head.form}, {word} tham nhũng"):
                assert not re.match(rf"{head_pattern(role)}\b", text, flags), (role, text)


def test_a_role_pattern_takes_no_head_of_another_role():
    assert not re.match(head_pattern("issuer"), "Công đoàn cơ sở")  # a lead, never an issuer
    assert not re.match(head_pattern("agency"), "Hội Cựu chiến binh")


@pytest.mark.parametrize("kind", [k for k in DOCUMENT_KINDS if k.code], ids=lambda k: k.name)
def test_a_cited_document_gets_its_kind_from_its_word_and_from_its_code(kind):
    (cited,) = find_references(f"Thực hiện {kind.example} ngày 15/01/2025 của Ủy ban nhân dân thành phố")
    assert cited.kind == kind.name
    number = kind.example.split(" số ")[1]
    (bare,) = find_references(f"theo văn bản {number} ngày 15/01/2025")
    assert bare.kind == kind.name


@pytest.mark.parametrize("column", COLUMNS, ids=lambda c: c.key)
def test_a_column_is_known_by_its_name_and_each_phrase(column):
    assert column_of(column.name) == column.key
    for phrase in column.phrases + column.whole:
        assert column_of(phrase) == column.key, phrase
    for phrase in column.weak:  # only as a cell's first words
        assert column_of(phrase + " khác") == column.key and column_of("các " + phrase) != column.key


@pytest.mark.parametrize(("phrase", "kind"), PART_KIND_PHRASES, ids=[p for p, _ in PART_KIND_PHRASES])
def test_a_heading_that_opens_with_a_part_phrase_names_its_kind(phrase, kind):
    assert classify_kind("II. " + phrase.upper()) == kind


def _string_literals():
    """(file, line, text) of every string in the parser's code, docstrings aside."""
    import ast
    from pathlib import Path

    package = Path(vocabulary.__file__).resolve().parents[1]
    for layer in ("text", "read", "parse", "build"):
        for path in sorted((package / layer).rglob("*.py")):
            if path.name == "vocabulary.py":
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            docs = {
                id(n.body[0].value)
                for n in ast.walk(tree)
                if isinstance(n, ast.Module | ast.FunctionDef | ast.ClassDef)
                and n.body
                and isinstance(n.body[0], ast.Expr)
                and isinstance(n.body[0].value, ast.Constant)
            }
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
                    yield path.relative_to(package), node.lineno, node.value


def test_the_parser_spells_no_vocabulary_of_its_own():
    """Kinds of document, column names, the recipients' label and lists of organisation heads
    stand in text/vocab/ only: a pattern that needs them is built from there."""
    from compare.text.vietnamese import fold

    words = {k.name for k in DOCUMENT_KINDS} | {fold(k.name) for k in DOCUMENT_KINDS} | {c.name for c in COLUMNS}
    words |= {vocabulary.RECIPIENTS_LABEL}
    head_forms = {h.form for h in HEADS if len(h.form) > 3}
    found = []
    for path, line, text in _string_literals():
        # (in a pattern: "Sở Kế hoạch và Đầu tư", an agency's name in the lexicon, is no kind)
        pattern = "|" in text or "(?" in text or text in words
        spelled = [w for w in words if pattern and re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)]
        alternatives = set(re.split(r"[|()?:]+", text)) & head_forms
        if spelled or len(alternatives) >= 3:
            found.append(f"{path}:{line}: {spelled or sorted(alternatives)}")
    assert not found, found
