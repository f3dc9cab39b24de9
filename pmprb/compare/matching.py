"""Match the questions of two worksheet versions (zi-2025 -> zi-2026, the 90/2021 form -> PortalRB).

A pair needs evidence: the same id, PortalRB soal_id or code path backed by similar wording, or
nearly the same wording alone; last, within the same node, the same distinctive words (a row
renamed "Lainnya" -> "Jumlah Lainnya"). Pairs are taken greedily, strongest first; what stays
unpaired on either side is listed, never guessed.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from pmprb.model import Question, Worksheet

# Wording a key (id, soal_id, code path) must still share: a renumbered slot that now holds a
# different question is not a match.
KEY_SIMILARITY = 0.5
# Wording alone: a reworded question keeps most of its text.
TEXT_SIMILARITY = 0.75
# Within one node: share of the words, weighted by how rare each word is in both worksheets, that
# two questions share (common words such as "jumlah" or "yang" weigh little).
WORD_OVERLAP = 0.4

_NON_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True, slots=True)
class Pair:
    a: str  # question id in worksheet A
    b: str  # question id in worksheet B
    how: tuple[str, ...]  # evidence: "id", "soal_id", "code", "text", "node" (with shared words)
    similarity: float  # of the normalised wording, 0..1

    @property
    def reworded(self) -> bool:
        return self.similarity < 1.0


@dataclass(slots=True)
class Matching:
    pairs: list[Pair]
    unmatched_a: list[str] = field(default_factory=list)
    unmatched_b: list[str] = field(default_factory=list)
    same_worksheet: bool = False

    @property
    def b_of(self) -> dict[str, str]:
        return {p.a: p.b for p in self.pairs}

    @property
    def changed(self) -> list[Pair]:
        """Pairs whose id or wording differs: worth a reviewer's glance."""
        return [p for p in self.pairs if p.a != p.b or p.reworded]


def normalise(text: str) -> str:
    """Case, accents, punctuation and spacing do not make a question different."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").casefold()
    return " ".join(_NON_WORD.sub(" ", folded).split())


def code_path(worksheet: Worksheet, question: Question) -> tuple[str, ...] | None:
    """The form's hierarchy codes (A / I / 1 / i / a): recorded in the source, else read off the tree."""
    if question.source is not None and question.source.code_path:
        codes: list[str | None] = list(question.source.code_path)
    else:
        codes = [question.code]
        parent = worksheet.parent_of.get(question.id)
        while parent is not None:
            codes.append(worksheet.node_by_id[parent].code)
            parent = worksheet.parent_of.get(parent)
        codes.reverse()
    if any(c is None for c in codes):
        return None
    return tuple(normalise(c) for c in codes if c is not None)


def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def match_questions(a: Worksheet, b: Worksheet) -> Matching:
    if a is b or (a.id == b.id and a.version == b.version):
        return Matching([Pair(q, q, ("id",), 1.0) for q in a.questions], same_worksheet=True)
    text_a = {qid: normalise(q.text) for qid, q in a.questions.items()}
    text_b = {qid: normalise(q.text) for qid, q in b.questions.items()}
    holders_b = _holders(b)
    candidates: dict[tuple[str, str], set[str]] = {}
    for qid, keys in _keys(a).items():
        for key in keys:
            for other in holders_b.get(key, ()):
                candidates.setdefault((qid, other), set()).add(key[0])
    by_text: dict[str, list[str]] = {}
    for qid, text in text_b.items():
        by_text.setdefault(text, []).append(qid)
    for qid, text in text_a.items():
        for other in by_text.get(text, ()):
            candidates.setdefault((qid, other), set()).add("text")

    scored: list[tuple[int, float, Pair]] = []
    for (qa, qb), how in candidates.items():
        ratio = similarity(text_a[qa], text_b[qb])
        keyed = how - {"text"}
        if ratio >= TEXT_SIMILARITY or (keyed and ratio >= KEY_SIMILARITY):
            scored.append((len(keyed), ratio, Pair(qa, qb, _ordered(how), ratio)))
    pairs = _greedy(scored, set(), set())
    taken_a, taken_b = {p.a for p in pairs}, {p.b for p in pairs}

    # wording alone, for what no key paired (quick_ratio bounds the ratio from above: skip early)
    rest: list[tuple[int, float, Pair]] = []
    for qa, ta in text_a.items():
        if qa in taken_a:
            continue
        for qb, tb in text_b.items():
            if qb in taken_b:
                continue
            matcher = SequenceMatcher(None, ta, tb, autojunk=False)
            if matcher.real_quick_ratio() < TEXT_SIMILARITY or matcher.quick_ratio() < TEXT_SIMILARITY:
                continue
            ratio = matcher.ratio()
            if ratio >= TEXT_SIMILARITY:
                rest.append((0, ratio, Pair(qa, qb, ("text",), ratio)))
    pairs += _greedy(rest, taken_a, taken_b)
    taken_a, taken_b = {p.a for p in pairs}, {p.b for p in pairs}
    pairs += _same_node(a, b, text_a, text_b, taken_a, taken_b)
    taken_a, taken_b = {p.a for p in pairs}, {p.b for p in pairs}
    order_b = {qid: i for i, qid in enumerate(b.questions)}
    pairs.sort(key=lambda p: order_b[p.b])
    return Matching(
        pairs,
        unmatched_a=[q for q in a.questions if q not in taken_a],
        unmatched_b=[q for q in b.questions if q not in taken_b],
    )


Key = tuple[str, object]  # ("id", "12"), ("soal_id", 12), ("code", ("a", "i", "1", "i", "a"))


def _same_node(
    a: Worksheet,
    b: Worksheet,
    text_a: dict[str, str],
    text_b: dict[str, str],
    taken_a: set[str],
    taken_b: set[str],
) -> list[Pair]:
    """What is left, paired inside nodes of the same id by rare words shared (weighted Jaccard, IDF)."""
    words = {("a", q): set(t.split()) for q, t in text_a.items()} | {
        ("b", q): set(t.split()) for q, t in text_b.items()
    }
    frequency = Counter(w for ws in words.values() for w in ws)
    rarity = {w: math.log(len(words) / n) for w, n in frequency.items()}
    left_b: dict[str | None, list[str]] = {}
    for qb in b.questions:
        if qb not in taken_b:
            left_b.setdefault(b.parent_of.get(qb), []).append(qb)
    scored: list[tuple[int, float, Pair]] = []
    for qa in a.questions:
        if qa in taken_a:
            continue
        for qb in left_b.get(a.parent_of.get(qa), []):
            wa, wb = words[("a", qa)], words[("b", qb)]
            union = sum(rarity[w] for w in wa | wb)
            overlap = sum(rarity[w] for w in wa & wb) / union if union else 0.0
            if overlap >= WORD_OVERLAP:
                scored.append((0, overlap, Pair(qa, qb, ("node",), similarity(text_a[qa], text_b[qb]))))
    return _greedy(scored, taken_a, taken_b)


def _keys(worksheet: Worksheet) -> dict[str, list[Key]]:
    out: dict[str, list[Key]] = {}
    for qid, q in worksheet.questions.items():
        keys: list[Key] = [("id", qid)]
        if q.source is not None and q.source.soal_id is not None:
            keys.append(("soal_id", q.source.soal_id))
        path = code_path(worksheet, q)
        if path is not None:
            keys.append(("code", path))
        out[qid] = keys
    return out


def _holders(worksheet: Worksheet) -> dict[Key, list[str]]:
    out: dict[Key, list[str]] = {}
    for qid, keys in _keys(worksheet).items():
        for key in keys:
            out.setdefault(key, []).append(qid)
    return out


def _ordered(how: set[str]) -> tuple[str, ...]:
    return tuple(k for k in ("id", "soal_id", "code", "text") if k in how)


def _greedy(scored: list[tuple[int, float, Pair]], taken_a: set[str], taken_b: set[str]) -> list[Pair]:
    """Strongest evidence first; among equals (two rows worded alike) the order of the rows decides."""
    taken_a, taken_b = set(taken_a), set(taken_b)
    out: list[Pair] = []
    for _, _, pair in sorted(scored, key=lambda s: (-s[0], -s[1])):
        if pair.a in taken_a or pair.b in taken_b:
            continue
        taken_a.add(pair.a)
        taken_b.add(pair.b)
        out.append(pair)
    return out
