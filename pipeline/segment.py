"""Sentences and words.

``split_sentences`` cuts a unit's text into sentences, language-aware, and
never inside inline Markdown (code spans, links, images, autolinks, HTML), so
each sentence keeps its markup intact. ``join_lines`` re-joins hard-wrapped
lines (no space between Chinese characters). ``count_words`` counts words the
way CAT tools do: one per Han character, English by whitespace.

Chinese word segmentation (jieba) belongs here too and is imported lazily,
only where a caller really needs words, never for counting.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

__all__ = [
    "split_sentences",
    "join_lines",
    "count_words",
    "is_cjk",
    "protected_spans",
    "clean_text",
    "chinese_words",
    "chinese_words_tagged",
]

# Inline Markdown that a sentence boundary may never cut, in priority order.
_PROTECTED = re.compile(
    r"(?P<code>(`+).+?\2)"
    r"|(?P<image>!\[[^\]]*\]\([^)]*\))"
    r"|(?P<link>\[[^\]]*\]\([^)]*\))"
    r"|(?P<reflink>\[[^\]]*\]\[[^\]]*\])"
    r"|(?P<shortref>(?<![\]!])\[[^\]]+\](?![\[(]))"
    r"|(?P<autolink><[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>]*>)"
    r"|(?P<html></?[a-zA-Z][^<>]*>)"
    r"|(?P<url>https?://[^\s<>()\]\u3000-\u9fff\uff00-\uffef]+[^\s<>()\].,;:!?\u3000-\u9fff\uff00-\uffef”’])",
    re.DOTALL,
)

_CLOSERS = "”’」』）》】〉\"')]*_~"  # closing quotes and brackets, and the end of **emphasis**
_ZH_END = re.compile(r"(?:[。！？；!?…]|\.{3,})+[" + re.escape(_CLOSERS) + r"]*")
_BOOK_TITLE = re.compile(r"《[^《》]*》")  # a title may hold 。 or ！ of its own
_ZH_QUOTE = re.compile(r"“[^“”]{1,150}”")  # a quotation of a few sentences stays whole, its marks balanced
_EN_END = re.compile(r"[.!?]+[" + re.escape(_CLOSERS) + r"]*(?=\s)")

ABBREVIATIONS = frozenset(
    """Prof. Dr. Mr. Mrs. Ms. Jr. Sr. St. No. Nos. Fig. Figs. Vol. vs. Mt. Ft. Gen. Gov. Sen. Rep.
    Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec.
    e.g. i.e. cf. al. approx. Inc. Ltd. Co. Corp. U.S. U.K. U.N. E.U. a.m. p.m. Ph.D.
    Bldg. Dept. Univ. Assoc. Inst. Ave. Rd. Blvd.""".split()
)

_CJK_RANGES = (
    (0x3000, 0x303F),  # CJK punctuation
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFF00, 0xFFEF),  # full-width forms
    (0x20000, 0x2FA1F),
)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
_LATIN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.\-]*")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")


def is_cjk(char: str) -> bool:
    """True for Han characters and CJK punctuation (full-width forms included)."""
    point = ord(char)
    return any(low <= point <= high for low, high in _CJK_RANGES)


def protected_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every inline Markdown construct in ``text``."""
    return [(m.start(), m.end(), m.lastgroup or "") for m in _PROTECTED.finditer(text)]


# Characters str.splitlines() breaks on besides \n and \r: polib splits PO files with it, so
# one of these inside a msgid would corrupt the catalog when it is read back. In prose they
# are pasted from web pages and mean a space.
_LINE_BREAKERS = str.maketrans({char: " " for char in "\v\f\x1c\x1d\x1e\x85\u2028\u2029"})


def clean_text(text: str) -> str:
    """Text safe for a PO file: stray line-separator characters become spaces."""
    return text.translate(_LINE_BREAKERS)


def join_lines(lines: list[str]) -> tuple[str, list[int]]:
    """Join hard-wrapped lines into one text.

    Lines are stripped; two lines meet with no space where either side is
    Chinese, else with one space. Returns the text and the offset in it
    where each line starts.
    """
    text = ""
    starts: list[int] = []
    for raw in lines:
        line = clean_text(raw).strip()
        if text and line and not (is_cjk(text[-1]) or is_cjk(line[0])):
            text += " "
        starts.append(len(text))
        text += line
    return text, starts


def _boundaries(text: str, lang: str) -> Iterator[int]:
    """Offsets just after each sentence end in ``text``."""
    spans = protected_spans(text)

    def protected(offset: int) -> bool:
        return any(start <= offset < end for start, end, _ in spans)

    if lang == "zh":
        spans.extend((m.start(), m.end(), "title") for m in _BOOK_TITLE.finditer(text))
        # inside a quotation only its last mark may end the sentence
        spans.extend((m.start(), m.end() - 2, "quote") for m in _ZH_QUOTE.finditer(text))
        for match in _ZH_END.finditer(text):
            if not protected(match.start()):
                yield match.end()
        return
    for match in _EN_END.finditer(text):
        if protected(match.start()):
            continue
        word_start = text.rfind(" ", 0, match.start()) + 1
        word = text[word_start : match.start() + 1].lstrip("(\"'“‘[*_")
        if word in ABBREVIATIONS or re.fullmatch(r"[A-Z]\.", word):
            continue
        rest = text[match.end() :].lstrip()
        if rest and rest[0].islower():
            continue
        yield match.end()


def split_sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of ``text``, whitespace excluded."""
    pieces: list[tuple[int, int]] = []
    start = 0
    for end in [*_boundaries(text, lang), len(text)]:
        if end <= start:
            continue
        chunk = text[start:end]
        left = len(chunk) - len(chunk.lstrip())
        right = len(chunk.rstrip())
        if right > left:
            pieces.append((start + left, start + right))
        start = end
    return pieces


def count_words(text: str, lang: str) -> int:
    """Words as CAT tools count them.

    Chinese: one per Han character, plus each run of Latin letters or
    digits. English: whitespace-separated tokens. Link targets do not count.
    """
    text = _LINK_TARGET.sub("]", text)
    if lang == "zh":
        return len(_HAN.findall(text)) + len(_LATIN_WORD.findall(_HAN.sub(" ", text)))
    return len(text.split())


_JIEBA_WORDS: set[tuple[str, str]] = set()


def _jieba_with(user_words: Iterable[str], tag: str) -> None:
    """Load jieba's dictionary once per process, plus user words kept whole."""
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    for word in user_words:
        if (word, tag) not in _JIEBA_WORDS:
            jieba.add_word(word, freq=None, tag=tag)
            _JIEBA_WORDS.add((word, tag))


def chinese_words(text: str, *, user_words: Iterable[str] = (), user_tag: str = "n") -> list[str]:
    """Chinese words by jieba (no HMM: fast and predictable), user words kept whole."""
    import jieba

    _jieba_with(user_words, user_tag)
    return list(jieba.cut(text, HMM=False))


def chinese_words_tagged(text: str, *, user_words: Iterable[str] = (), user_tag: str = "n") -> list[tuple[str, str]]:
    """(word, part of speech) pairs by jieba's tagger without HMM."""
    import jieba.posseg

    _jieba_with(user_words, user_tag)
    return [(pair.word, pair.flag) for pair in jieba.posseg.cut(text, HMM=False)]
