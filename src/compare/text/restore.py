"""Restore the diacritics of OCR text, line for line.

A syllable bigram model learns from clean Vietnamese: a general word list (pyvi's, 31k words)
and the packaged counts of the project's clean plans (`text/vocab/restorer.tsv.gz`, versioned:
`MODEL_VERSION`), so that a plan's restored text depends on the plan alone. Learning from the
clean plans of a folder as well is an explicit choice (`Restorer.default(texts)`). Each damaged token
("nim", "thdang", "S6", "v4i", "Pao") gets candidates from the vocabulary: syllables whose
accent-folded form is within a small edit distance of the token once typical OCR confusions
are undone (P/D → đ, 6/0 → o, 4 → a, 1/j → i, ...); Viterbi picks the sequence the bigram
model likes best. Words the model does not know (codes, numbers, acronyms) stay as they are.
Restoring clean text changes nothing.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from compare.text.numerals import ROMAN
from compare.text.vietnamese import fold, is_valid_syllable, normalize

_SYMBOL_IN_WORD = re.compile(r"(?<=[^\W\d_])[¢€]|[¢€](?=[^\W\d_])")
_QUOTE_IN_WORD = re.compile(r"(?<=[^\W\d_])['’`](?=[^\W\d_])")
_TOKEN = re.compile(r"[^\W_]+|[\W_]+", re.UNICODE)
# a line-initial "I.", "IV." or "B." numbers a part, "a)" an item: never a word to put marks on
# ("Ì.", "Bộ.")
_NUMERALS = frozenset(ROMAN)
_LONE_O = re.compile(r"(?<=[^\W\d_] )[&¢](?= [^\W\d_])")
_ACRONYM = re.compile(r"\b[A-ZĐ]{2,8}\b")
# OCR confusions undone before matching (on lower-case, accent-folded text).
_OCR_MAP = str.maketrans(
    {
        "6": "o",
        "0": "o",
        "4": "a",
        "1": "i",
        "¢": "e",
        "€": "e",
        "&": "o",
        "$": "s",
        "@": "a",
        "|": "l",
        "!": "i",
        "9": "g",
        "5": "s",
        "8": "b",
        "3": "e",
        "7": "t",
    }
)
# Groups of letters OCR makes of one Vietnamese letter with its marks ("của" → "ctia", "cia",
# "clia"; "ư" → "ir", "tr", "ii"), tried as alternative keys at a small cost.
_OCR_SEQUENCES = [
    ("tti", "u"),
    ("ti", "u"),
    ("ii", "u"),
    ("li", "u"),
    ("ir", "u"),
    ("tr", "u"),
    ("ur", "u"),
    ("rr", "u"),
    ("d", "a"),
    ("i", "a"),
    ("e", "o"),
    ("d", "o"),
    ("de", "oc"),
    ("c", "e"),
]
_MAX_EDITS = 2
_KNOWN_PENALTY = 1.0  # cost of other surfaces when the token is itself a known syllable with marks
_VARIANTS, _CANDIDATES = 8, 12  # surfaces per folded key, candidates per token
_LM_WEIGHT = 1.0  # weight of the language model against the OCR candidates
_BIGRAM_SHARE = 0.5  # bigram vs unigram in the interpolated model (measured: benchmarks restore)
EDIT_COST = 2.5  # log-score per edit between a damaged token and a known syllable
_TEXT_WEIGHT = 3  # a syllable of a clean plan against one of the word list

# The packaged model: what `compare.build.restorer_model` learns from the project's clean plans.
MODEL_FILE = "restorer.tsv.gz"
MODEL_VERSION = "restorer-1"


def _shape(token: str) -> str:
    """'upper', 'title' or 'lower': how to case a restored syllable like its source."""
    letters = [c for c in token if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return "upper"
    if letters and letters[0].isupper():
        return "title"
    return "lower"


def _apply_shape(word: str, shape: str) -> str:
    if shape == "upper":
        return word.upper()
    if shape == "title":
        return word[:1].upper() + word[1:]
    return word


@dataclass
class Restorer:
    """Syllable bigram model + fuzzy candidates. Fit on clean text, then restore lines."""

    unigrams: Counter[str] = field(default_factory=Counter)
    bigrams: Counter[tuple[str, str]] = field(default_factory=Counter)
    variants: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))  # folded → surface counts
    deletes: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # SymSpell delete index
    total: int = 0
    acronyms: dict[str, str] = field(default_factory=dict)  # "GDDT" → "GDĐT", as the clean plans write it

    # --- learning ---------------------------------------------------------------------
    def add_text(self, text: str, weight: int = 1) -> None:
        for acronym in sorted(set(_ACRONYM.findall(text))):  # (sorted: the same in every process)
            if "Đ" in acronym:
                self.acronyms.setdefault(fold(acronym).upper(), acronym)
        for line in text.split("\n"):
            prev = "<s>"
            for tok in _TOKEN.findall(normalize(line).lower()):
                if not tok[0].isalpha():
                    prev = "<s>" if any(c in tok for c in '.;:!?()"“”') else prev
                    continue
                if not is_valid_syllable(tok):
                    prev = "<s>"
                    continue
                self.unigrams[tok] += weight
                self.bigrams[(prev, tok)] += weight
                self.total += weight
                prev = tok

    def add_words(self, words: Iterable[str]) -> None:
        """A word list: each word's syllables and their order inside the word."""
        for w in words:
            syl = [s for s in normalize(w).lower().split() if is_valid_syllable(s)]
            for k, s in enumerate(syl):
                self.unigrams[s] += 1
                self.total += 1
                if k:
                    self.bigrams[(syl[k - 1], s)] += 1

    def finish(self) -> Restorer:
        self.variants = defaultdict(Counter)
        # sorted: a word list arrives as a set, whose order changes from one process to the
        # next; ties between equally frequent surfaces must not depend on it
        for s, n in sorted(self.unigrams.items()):
            self.variants[fold(s)][s] += n
        self.deletes = defaultdict(set)
        for f in self.variants:
            for d in _deletes(f, _MAX_EDITS):
                self.deletes[d].add(f)
        self._cand_cache: dict[str, list[tuple[str, float]]] = {}
        self._prev_totals: Counter[str] = Counter()
        for (a, _), n in self.bigrams.items():
            self._prev_totals[a] += n
        return self

    @classmethod
    def default(cls, clean_texts: Iterable[str] = ()) -> Restorer:
        """The word list, then `clean_texts` (each counted three times)."""
        from compare.text.lexicon import vietnamese_words

        r = cls()
        r.add_words(vietnamese_words())
        for t in clean_texts:
            r.add_text(t, weight=_TEXT_WEIGHT)
        return r.finish()

    @classmethod
    def packaged(cls, clean_texts: Iterable[str] = ()) -> Restorer:
        """The word list and the packaged model (MODEL_VERSION), then `clean_texts` if any:
        what the build restores scans with.

        >>> Restorer.packaged().restore_line("K€ hoach trién khai cong tac dan van")
        'Kế hoạch triển khai công tác dân vận'
        """
        from compare.text.lexicon import vietnamese_words

        r = cls()
        r.add_words(vietnamese_words())
        r.add_counts(*packaged_counts(), weight=_TEXT_WEIGHT)
        for t in clean_texts:
            r.add_text(t, weight=_TEXT_WEIGHT)
        return r.finish()

    def add_counts(
        self, unigrams: Counter[str], bigrams: Counter[tuple[str, str]], acronyms: dict[str, str], weight: int = 1
    ) -> None:
        """Counts learnt elsewhere (`add_text` on other texts), as if their texts were added."""
        for s, n in unigrams.items():
            self.unigrams[s] += n * weight
            self.total += n * weight
        for pair, n in bigrams.items():
            self.bigrams[pair] += n * weight
        for key, acronym in acronyms.items():
            self.acronyms.setdefault(key, acronym)

    # --- scoring ----------------------------------------------------------------------
    def _logp(self, prev: str, word: str) -> float:
        uni = (self.unigrams.get(word, 0) + 0.1) / (self.total + 1)
        seen = self._prev_totals.get(prev, 0)
        bi = self.bigrams.get((prev, word), 0) / seen if seen else 0.0
        return math.log(_BIGRAM_SHARE * bi + (1 - _BIGRAM_SHARE) * uni)

    def candidates(self, token: str) -> list[tuple[str, float]]:
        """(syllable, emission log-score) for one alphabetic token; empty when none fits."""
        cached = self._cand_cache.get(token)
        if cached is None:
            cached = self._cand_cache[token] = self._candidates(token)
        return cached

    def _candidates(self, token: str) -> list[tuple[str, float]]:
        low = token.lower()
        key = ocr_key(token)
        found: dict[str, float] = {}
        marked_known = low in self.unigrams and not low.isascii()
        keys = {key: 0.0, fold(low): 0.0}
        for pattern, repl in _OCR_SEQUENCES:  # "ctia" → "cua": letter groups OCR makes of one letter
            for m in re.finditer(pattern, key):
                keys.setdefault(key[: m.start()] + repl + key[m.end() :], -1.0)
        for cand_key, penalty in keys.items():
            for d in _deletes(cand_key, _MAX_EDITS):
                for f in self.deletes.get(d, ()):
                    dist = Levenshtein.distance(cand_key, f, score_cutoff=_MAX_EDITS)
                    if dist > _MAX_EDITS or (dist == 2 and len(cand_key) < 4):
                        continue
                    score = -EDIT_COST * dist + penalty
                    found[f] = max(found.get(f, -99.0), score)
        out: list[tuple[str, float]] = []
        total_f = {f: sum(c.values()) for f, c in ((f, self.variants[f]) for f in found)}
        for f, base in found.items():
            for surface, n in self.variants[f].most_common(_VARIANTS):
                score = base + 0.3 * math.log(n / total_f[f])
                if marked_known:
                    # a marked token that is a known syllable is probably right. An unmarked one
                    # gets no such favour: in a damaged text it has as likely lost its marks as
                    # not, and how often clean text writes each surface is the fair prior
                    # ("tai" is mostly "tại"; measured: benchmarks restore and table_001)
                    score += 2.0 if surface == low else -_KNOWN_PENALTY
                out.append((surface, score))
        out.sort(key=lambda x: (-x[1], x[0]))  # ties by the word itself: the same in every process
        return out[:_CANDIDATES]

    # --- restoring --------------------------------------------------------------------
    def restore_line(self, line: str) -> str:
        line = _LONE_O.sub("ở", line)  # "dân chủ ¢ cơ sở": a lone "ở" comes out as a symbol
        line = _SYMBOL_IN_WORD.sub("e", line)  # "hi¢u", "d€": OCR's e with marks
        line = _QUOTE_IN_WORD.sub("", line)  # "THU'C": a speck read as an apostrophe
        tokens = _TOKEN.findall(line)
        out = list(tokens)
        run: list[int] = []  # indices of alphabetic tokens in the current context run

        def flush() -> None:
            if run:
                for k, word in zip(run, self._viterbi([tokens[k] for k in run])):
                    out[k] = word
                run.clear()

        for k, tok in enumerate(tokens):
            if tok[0].isalpha() or (tok[0].isdigit() and any(c.isalpha() for c in tok)):
                before = tokens[k - 1] if k else " "
                after = tokens[k + 1] if k + 1 < len(tokens) else " "
                line_start = k == 0 or (k == 1 and tokens[0].isspace())  # (tokens alternate word, non-word)
                # (a word processor's "o" bullet before a capitalised item is no word either)
                bullet = (
                    tok == "o"
                    and line_start
                    and after.isspace()
                    and k + 2 < len(tokens)
                    and tokens[k + 2][:1].isupper()
                )
                if (
                    ((len(tok) == 1 or tok in _NUMERALS) and after[:1] in ".):-" and line_start)
                    or bullet
                    or _is_code(tok, before, after, self.variants.__contains__)
                ):
                    flush()  # "KH-SGDDT", "UBND", "33/CT-TTg": codes and acronyms stay as written,
                    if tok.isupper() and tok in self.acronyms:  # but for a "Đ" that OCR read as "D"
                        out[k] = self.acronyms[tok]
                    continue
                run.append(k)
            else:
                if any(c in tok for c in '.;:!?()"“”|') or "\n" in tok:
                    flush()
        flush()
        return "".join(out)

    def _viterbi(self, toks: list[str]) -> list[str]:
        lattice: list[list[tuple[str, float]]] = []
        for t in toks:
            if t.isdigit():
                lattice.append([(t, 0.0)])
                continue
            cands = self.candidates(t)
            keep_raw = [(t, -6.0)] if not is_valid_syllable(t) or not cands else [(t.lower(), -4.0)]
            lattice.append(cands + keep_raw if cands else [(t, 0.0)])
        # (score, the word before it); the start symbol's own back pointer is never read
        best: list[dict[str, tuple[float, str]]] = []
        prev_layer: dict[str, tuple[float, str]] = {"<s>": (0.0, "")}
        for cands in lattice:
            layer: dict[str, tuple[float, str]] = {}
            for word, emit in cands:
                w = word.lower()
                score, back = max(
                    ((s + _LM_WEIGHT * self._logp(p, w) + emit, p) for p, (s, _) in prev_layer.items()),
                    key=lambda x: x[0],
                )
                if word not in layer or score > layer[word][0]:
                    layer[word] = (score, back)
            best.append(layer)
            prev_layer = {w: v for w, v in layer.items()}
        # backtrack
        words: list[str] = []
        word = max(best[-1], key=lambda w: best[-1][w][0])
        for k in range(len(best) - 1, -1, -1):
            words.append(word)
            word = best[k][word][1]
        words.reverse()
        return [w if w == t else _apply_shape(w, _shape(t)) for w, t in zip(words, toks)]


def ocr_key(token: str) -> str:
    """The accent-folded key of a token once typical OCR confusions are undone."""
    low = token.lower()
    key = fold(low).translate(_OCR_MAP)
    key = re.sub(r"q(?!u)", "o", key)  # "HQI": Vietnamese writes q only in "qu"
    if token[:1] == "P" and re.match(r"p[aeiouy]", key):
        key = "d" + key[1:]  # "PAO", "Poc": Đ read as P
    return key


def _is_code(tok: str, before: str, after: str, known: Callable[[str], bool]) -> bool:
    """An acronym or a piece of a document code, which restoration must not touch."""
    if before[-1:] in "/-" or after[:1] in "/-":
        letters = [c for c in tok if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) >= len(letters) - 1:
            return True
    if len(tok) >= 2 and tok.upper() == tok and not known(ocr_key(tok)):
        return True  # UBND, CMNV, KH: no Vietnamese syllable folds like that
    return False


def _deletes(word: str, depth: int) -> set[str]:
    out = {word}
    frontier = {word}
    for _ in range(depth):
        nxt = set()
        for w in frontier:
            for i in range(len(w)):
                nxt.add(w[:i] + w[i + 1 :])
        out |= nxt
        frontier = nxt
    return out


def restore_text(text: str, restorer: Restorer) -> str:
    """The text restored line for line (the same number of lines, in the same order)."""
    return "\n".join(restorer.restore_line(normalize(line)) for line in text.split("\n"))


def needs_restoring(text: str) -> bool:
    """Is this text damaged the way OCR damages Vietnamese (few valid or marked syllables)?"""
    from compare.text.vietnamese import syllable_stats

    return damaged(syllable_stats(text))


def damaged(stats: tuple[int, int, int]) -> bool:
    """The rule on (tokens, valid syllables, marked syllables): few valid or few marked."""
    tokens, valid, marked = stats
    return bool(tokens) and (valid / tokens < 0.85 or marked / tokens < 0.3)


def restore_lines(lines: Iterable[str], restorer: Restorer | None = None) -> Iterator[str]:
    """Each line restored (or only normalised when no restorer is given), one for one."""
    for line in lines:
        yield restorer.restore_line(normalize(line)) if restorer else normalize(line)


def packaged_counts() -> tuple[Counter[str], Counter[tuple[str, str]], dict[str, str]]:
    """The packaged model's (unigrams, bigrams, acronyms), as `Restorer.add_text` counts them
    (weight 1). Raises RuntimeError when the file is missing or of another version."""
    import gzip
    from importlib.resources import files

    data = files("compare.text").joinpath("vocab", MODEL_FILE).read_bytes()
    lines = gzip.decompress(data).decode("utf-8").split("\n")
    if not lines[0].startswith(f"# {MODEL_VERSION} "):
        raise RuntimeError(f"the packaged restorer model is not {MODEL_VERSION}: {lines[0][:80]!r}")
    unigrams: Counter[str] = Counter()
    bigrams: Counter[tuple[str, str]] = Counter()
    acronyms: dict[str, str] = {}
    for line in lines[1:]:
        kind, *cells = line.split("\t")
        if kind == "u":
            unigrams[cells[0]] = int(cells[1])
        elif kind == "b":
            bigrams[(cells[0], cells[1])] = int(cells[2])
        elif kind == "a":
            acronyms[cells[0]] = cells[1]
    return unigrams, bigrams, acronyms


def dump_counts(r: Restorer, sources: list[str]) -> bytes:
    """`r`'s counts (learnt with `add_text` alone) as the packaged model's file: sorted lines,
    gzip without a time stamp, so the same plans always give the same bytes."""
    import gzip

    head = f"# {MODEL_VERSION} · syllable counts of {len(sources)} clean plans: {', '.join(sources)}"
    body = [f"u\t{s}\t{n}" for s, n in sorted(r.unigrams.items())]
    body += [f"b\t{a}\t{b}\t{n}" for (a, b), n in sorted(r.bigrams.items())]
    body += [f"a\t{k}\t{v}" for k, v in sorted(r.acronyms.items())]
    return gzip.compress("\n".join([head, *body]).encode("utf-8"), mtime=0)
