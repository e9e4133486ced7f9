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
from collections.abc import Iterable, Iterator, Sequence

from .inline import Span, has_words, markup_spans
from .text import count_words
from .model import Segment, Unit

__all__ = [
    "split_sentences",
    "text_unit",
    "WHOLE_KINDS",
    "join_lines",
    "count_words",
    "is_cjk",
    "clean_text",
    "chinese_words",
]

_FULL_STOPS = frozenset("。！？；｡")  # a sentence ends here, whatever follows
_TERMINALS = frozenset("。！？；｡.!?…")
_CLOSERS = frozenset("”’」』）》】〉\"')]*_~")  # closing quotes and brackets, and emphasis marks CommonMark left unpaired
# pairs that read as one with what they enclose, when short: quotations and parentheses
_QUOTES = {"“": "”", "「": "」", "『": "』", "(": ")", "（": "）"}
_CLOSING_QUOTES = frozenset("”」』\"’")
_SPEECH_ZH = r"(?:说(?!明)|表示|指出|介绍|强调|坦言|补充|回忆|感叹|透露|解释|告诉|回答|笑道|写道|问道|答道)"
_SPEECH_EN = (
    r"(?:said|says|asked|asks|wrote|writes|added|adds|replied|replies|explained|explains"
    r"|noted|notes|recalled|recalls|told|tells|laughed|smiled)"
)
# a short attribution after a quotation belongs to it: “……。”他说。 / “……。”他说，“……” / "Really?" Ada asked.
_ATTRIBUTION = re.compile(
    rf"[^。！？!?.“”\n]{{0,12}}{_SPEECH_ZH}[^。！？!?.“”\n]?(?:[。！？]|[，,：:]\s*[“「])"
    rf"|\s*(?:\S+\s+){{0,3}}{_SPEECH_EN}\b[^.!?\"“”\n]*[.!?]"
)
# "…," he said. "…": a quotation interrupted by its attribution reads as one
_INTERRUPTED = re.compile(r"\s*[\"“][^\"“”]{1,300}[,，][\"”]\s+[^\"“”\n]{1,80}")
# a short stage direction or note after a sentence belongs to it: 。（掌声） / Great. [applause]
_AFTERWORD = re.compile(
    r"[ \t]*(?:（[^（）。！？\n\d]{1,8}）|\((?![\d\w]\))[^()\n.!?]{1,20}\)|\[(?!\d+\]|\^|@)[^\[\]\n.!?]{1,20}\](?![(\[]))"
    r"(?=\s*$|\s*\n|\s+[A-Z\u3400-\u9fff“\"(\[]|[\u3400-\u9fff])"  # and a new sentence after it: "[@alice] will lead" is no note
)
# what starts an item of an enumeration: after one, ； is no sentence end
_ITEM_START = re.compile(r"\s*(?:[（(](?:\d{1,2}|[一二三四五六七八九十]{1,2})[）)]|[①-⑳]|\d{1,2}[、)）])")
_BOOK_TITLE = re.compile(r"《[^《》]{1,200}》")  # a title may hold 。 or ！ of its own
QUOTE_MAX_SENTENCES = 3
QUOTE_MAX_CHARS = 300
# a number or letter that leads a heading or list-like line: "2. Foo", "a) Bar", "IV. Baz", "**1. Qux"
_ENUMERATOR = re.compile(r"(?:\*\*|__)?[(\[]?(?:\d{1,3}(?:\.\d{1,3})*|[A-Za-z]|[IVXLCivxlc]{1,6})[.)\]]")
_WORD = re.compile(r"[^\s\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+")
# a terminal punctuation mark, or a run of emoji (which may stand for a full stop)
_CANDIDATE = re.compile(  # the lookahead lets the search skip to the next such character
    "(?=[。！？；｡.!?…\u2600-\u27bf\U0001f300-\U0001faff])(?:[。！？；｡.!?…]|[\u2600-\u27bf\U0001f300-\U0001faff]+)"
)
_QUOTE_MARKS = re.compile("[“”「」『』()（）\"]")
_ELLIPSIS = re.compile(r"…+|\.{3,}|。{2,}")
_INITIALS = re.compile(r"(?:[A-Za-z]\.){2,}")
_INITIAL = re.compile(r"[A-Z]\.")
_LOWERCASE_WORD = re.compile(r"[a-z]+")
_NEXT_WORD = re.compile(r"[\w'’]+\.?")
_CLOSING_SHORTCODE = re.compile(r"\{\{[<%]\s*/")

# abbreviations that never end a sentence (a title, a month, "e.g.")
ABBREVIATIONS = frozenset(
    """Prof. Dr. Mr. Mrs. Ms. Mx. Jr. Sr. St. vs. Mt. Ft. Gen. Gov. Sen. Rep. Rev. Capt. Lt. Col. Sgt.
    Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec. Mon. Tue. Wed. Thu. Fri. Sat. Sun.
    e.g. i.e. cf. approx. incl. esp. ca. resp. viz. P.S. Bldg. Dept. Univ. Assoc. Inst. Ave. Rd. Blvd.""".split()
)
# abbreviations that stand before a number: "No. 5", "Fig. 3"; before anything else they may end a sentence
NUMBER_ABBREVIATIONS = frozenset("No. Nos. Fig. Figs. Vol. Vols. pp. p. Ch. Eq. Eqs. Ref. Refs. Sec. Art. Tab.".split())
# abbreviations that often end a sentence: before a capital letter, the sentence ends there
FINAL_ABBREVIATIONS = frozenset("etc. al. Inc. Ltd. Co. Corp. LLC. Bros.".split())
# abbreviations that end a sentence only before a word that opens one: "U.S. Army" but "U.S. The"
ADJECTIVE_ABBREVIATIONS = frozenset("U.S. U.K. U.N. E.U. a.m. p.m. Ph.D.".split())
SENTENCE_OPENERS = frozenset(
    """The This That These Those It Its We Our Us I He She His Her They Their There Here A An In On At
    But And So Then Now If When While As After Before Since For However Meanwhile Also Today Finally
    What Why How Who Where You Your My Some Many Most All Each Both No Not One Two Three
    Thanks Thank Please See Note Yes""".split()
)
# lowercase words that go on a sentence after an unknown abbreviation ("2 tbsp. of water");
# any other lowercase word after a full stop starts a sentence (npm, kubectl, eBPF…)
_CONTINUATIONS = frozenset("of the a an and or to in on for with as at by from is are was were than per".split())
# lowercase words after which a capital's initial is a name: "by J. Park", "after J. R. R. Tolkien"
_BEFORE_NAMES = frozenset("by with from to and of for after before said says via thanks per".split())

_CJK_RANGES = (
    (0x3000, 0x303F),  # CJK punctuation
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFF00, 0xFFEF),  # full-width forms
    (0x20000, 0x2FA1F),
)


_CJK = re.compile("[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in _CJK_RANGES) + "]")


def is_cjk(char: str) -> bool:
    """True for Han characters and CJK punctuation (full-width forms included)."""
    return _CJK.match(char) is not None


# Line and paragraph separators, form feeds and the like, besides \n and \r: in prose they are
# pasted from web pages and mean a space, and PO editors would show them as line breaks inside
# a sentence. (In a msgstr they are kept exactly: pipeline.po reads and writes them.)
_LINE_BREAKERS = str.maketrans({char: " " for char in "\v\f\x1c\x1d\x1e\x85\u2028\u2029"})
_LINE_BREAKER = re.compile("[\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def clean_text(text: str) -> str:
    """Text safe for a PO file: stray line-separator characters become spaces."""
    # translate with a dict is slow on non-ASCII text, and almost no text holds one of them
    return text.translate(_LINE_BREAKERS) if _LINE_BREAKER.search(text) else text


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


def _protected(text: str, spans: Sequence[Span], *, quotes: bool) -> list[int]:
    """For each offset, where the construct covering it ends (0 where none does)."""
    blocked = [0] * len(text)

    def block(start: int, end: int) -> None:
        covered = blocked[start:end]
        if max(covered, default=0) <= end:  # the common case: nothing in it ends later
            blocked[start:end] = [end] * len(covered)
        else:
            blocked[start:end] = [max(value, end) for value in covered]

    for span in spans:
        block(span.start, span.end)
    for match in _BOOK_TITLE.finditer(text):
        block(match.start(), match.end())
    if quotes:
        for start, end in _short_quotations(text, spans, blocked):
            block(start, end)
    return blocked


def _quotation_pairs(text: str, blocked: list[int]) -> Iterator[tuple[int, int]]:
    """(open, close) offsets of quotation marks that pair up, outside markup."""
    stack: list[int] = []
    straight: list[int] = []
    for mark in _QUOTE_MARKS.finditer(text):
        offset = mark.start()
        char = text[offset]
        if blocked[offset]:
            continue
        if char in _QUOTES:
            stack.append(offset)
        elif stack and char == _QUOTES.get(text[stack[-1]]):
            yield stack.pop(), offset
        elif char == '"':
            straight.append(offset)
    yield from zip(straight[::2], straight[1::2])


def _short_quotations(text: str, spans: Sequence[Span], blocked: list[int]) -> Iterator[tuple[int, int]]:
    """Quotations short enough to read as one entry, minus their final sentence end.

    A translator keeps a short quotation together: its quotation marks must
    balance in the translation, and the speaker's words read as one. At
    most QUOTE_MAX_SENTENCES sentences and QUOTE_MAX_CHARS characters; a
    longer quotation (a speech) is cut at its sentence ends like any text.
    Only the sentence end right before the closing mark may end the entry.
    """
    for start, close in _quotation_pairs(text, blocked):
        if close - start > QUOTE_MAX_CHARS:
            continue
        inner = text[start + 1 : close]
        inner_spans = [span.shifted(start + 1) for span in spans if start < span.start and span.end <= close]
        # each sentence end is a terminal mark or the end of an emphasis run: with few of them, no need to look
        ends = len(_CANDIDATE.findall(inner)) + sum(1 for span in inner_spans if span.kind == "emphasis")
        if ends > QUOTE_MAX_SENTENCES and len(list(_boundaries(inner, inner_spans, quotes=False))) > QUOTE_MAX_SENTENCES:
            continue
        end = close
        while end > start + 1 and (text[end - 1] in _TERMINALS or text[end - 1] in _CLOSERS):
            end -= 1
        yield start, end


def _skip_closers(text: str, offset: int, blocked: list[int], spans: dict[int, Span]) -> int:
    """Past what closes a sentence after its end: quotes, brackets, emphasis marks, closing HTML
    tags and shortcodes, a footnote reference or <sup> mark."""
    while offset < len(text):
        span = spans.get(offset)
        piece = text[offset : span.end] if span is not None else ""
        if span is not None and piece.startswith("<sup") and "</sup>" in text[offset : offset + 40]:
            offset = text.index("</sup>", offset) + len("</sup>")  # a footnote mark: 。<sup>[1]</sup>
        elif span is not None and (
            (span.kind == "html" and piece.startswith("</"))
            or (span.kind == "shortcode" and _CLOSING_SHORTCODE.match(piece))
            or span.kind == "footnote"
        ):
            offset = span.end
        elif text[offset] in _CLOSERS and not blocked[offset]:
            offset += 1
        else:
            break
    return offset


def _previous_word(text: str, run_start: int) -> tuple[str, str]:
    """The word a "." ends, and the word before it, opening quotes, brackets and emphasis stripped.

    Chinese text and full-width punctuation separate words as spaces do: 在会议上，Dr. Vernon
    """
    words = [word.lstrip("(\"'“‘[*_/") for word in _WORD.findall(text[max(0, run_start - 60) : run_start + 1])]
    return (words[-1] if words else ""), (words[-2] if len(words) > 1 else "")


def _period_ends(text: str, run_start: int, rest: str) -> bool:
    """Whether a single "." followed by a space ends its sentence (``rest``: what follows the space)."""
    word, before = _previous_word(text, run_start)
    following = _NEXT_WORD.match(rest)
    next_word = following.group(0) if following else ""
    if word in ABBREVIATIONS:
        return False
    if word in NUMBER_ABBREVIATIONS:
        return not rest[:1].isdigit() and rest[:1] != "#"
    if word in FINAL_ABBREVIATIONS:
        return rest[:1].isupper()
    if word in ADJECTIVE_ABBREVIATIONS or _INITIALS.fullmatch(word):
        return next_word.rstrip(".") in SENTENCE_OPENERS
    if _INITIAL.fullmatch(word):
        # an initial (J. R. R. Tolkien, George W. Bush, by J. Park) unless it ends a phrase: vitamin C. Fewer…
        if _INITIAL.fullmatch(next_word):
            return False
        phrase = _LOWERCASE_WORD.fullmatch(before) is not None and before not in _BEFORE_NAMES
        return phrase or next_word in SENTENCE_OPENERS
    if rest[:1].islower():
        return next_word not in _CONTINUATIONS and not rest.startswith(("http", "www."))
    return True


def _ends_sentence(text: str, run: str, run_start: int, after: int, sentence_start: int) -> bool:
    """Whether the terminal punctuation ``run`` at ``run_start`` (closers up to ``after``) ends a sentence."""
    if after >= len(text):
        return True
    following = text[after]
    if not _CLOSING_QUOTES.isdisjoint(text[run_start + len(run) : after]):
        if _ATTRIBUTION.match(text, after) or following in ",，;；:：":
            return False  # “……。”他说。 / the motto “开源。共享。”, is now…
        first = text[after:].lstrip()[:1]
        if following.isspace() and first.isascii() and first.islower():
            return False  # a quotation inside an English sentence: the slogan “开源。共享。” was printed…
    ellipsis = run == "…" if len(run) == 1 else _ELLIPSIS.fullmatch(run) is not None
    if ellipsis:  # 等待……下一步 / wait... what: an ellipsis ends a sentence only before a space
        return following.isspace() and not (text[after:].lstrip()[:1].islower())
    if not _FULL_STOPS.isdisjoint(run):
        if run.startswith("；") and _ITEM_START.match(text, after):
            return False  # （1）…；（2）…；（3）…: one enumeration
        return True
    if is_cjk(following):  # "太棒了!接下来", "Jedis 2.9.0.第一反应": an ASCII end typed in Chinese
        return not _ENUMERATOR.fullmatch(text[sentence_start:after].strip())
    if not following.isspace():  # "!=", "?.", "3.5", "Node.js"
        return False
    rest = text[after:].lstrip()
    if _ENUMERATOR.fullmatch(text[sentence_start:after].strip()):
        return False
    if run == "." and not _period_ends(text, run_start, rest):
        return False
    if run == "." and rest[:1].islower():
        return True  # a sentence that starts with a lowercase name: npm, kubectl, eBPF
    if run == "." and _INTERRUPTED.fullmatch(text, sentence_start, run_start) and rest[:1] in "\"“":
        return False  # "No," he said. "Page everyone."
    if rest[:1].islower():
        return False  # "Yahoo! is", "Really?" she asked
    return True


def _emoji_ends(text: str, end: int) -> bool:
    """An emoji that stands for a full stop: at the end of a line, or before a capital letter."""
    rest = text[end:]
    return rest.startswith("\n") or (rest[:1] in " \t" and rest.lstrip()[:1].isupper())


def _boundaries(text: str, spans: Sequence[Span], *, quotes: bool = True) -> Iterator[int]:
    """Offsets just after each sentence end in ``text``."""
    blocked = _protected(text, spans, quotes=quotes)
    by_start = {span.start: span for span in spans}
    # an emphasis run whose text ends a sentence ends it after its closing marks: **注意。** 后文
    emphasis_ends = {}
    for span in spans:
        if span.kind == "emphasis" and span.inner is not None:
            inner_end = span.inner[1]
            while inner_end > span.inner[0] and text[inner_end - 1] in "*_~":
                inner_end -= 1  # ***bold and italic.***
            if inner_end > span.inner[0] and text[inner_end - 1] in _TERMINALS:
                emphasis_ends[span.end] = text[inner_end - 1]
    sentence_start = 0

    def close(after: int) -> int:
        """Where the sentence ends: after a short stage direction that follows it, if one does."""
        note = _AFTERWORD.match(text, after)
        return note.end() if note is not None and any(char.isalpha() for char in note.group(0)) else after

    # where a sentence may end: terminal punctuation and emoji outside markup, the end of an emphasis run
    # that is not itself inside markup
    events = [(start, m.end(), "mark") for m in _CANDIDATE.finditer(text) if not blocked[start := m.start()]]
    events += [(end, end, "emphasis") for end in emphasis_ends if blocked[end - 1] == end and not (end < len(text) and blocked[end])]
    offset = 0
    for start, stop, kind in sorted(events):
        if start < offset:
            continue
        if kind == "emphasis":
            after = _skip_closers(text, start, blocked, by_start)
            if _ends_sentence(text, emphasis_ends[start], start - 1, after, sentence_start):
                sentence_start = close(after)
                yield sentence_start
            offset = max(after, sentence_start)
        elif text[start] not in _TERMINALS:  # an emoji
            if _emoji_ends(text, stop):
                sentence_start = close(stop)
                yield sentence_start
            offset = max(stop, sentence_start)
        else:
            end = start
            while end < len(text) and text[end] in _TERMINALS and not blocked[end]:
                end += 1
            after = _skip_closers(text, end, blocked, by_start)
            if _ends_sentence(text, text[start:end], start, after, sentence_start):
                sentence_start = close(after)
                yield sentence_start
            offset = max(after, sentence_start, start + 1)


# units a translator takes whole, whatever punctuation they hold: "## 为什么？我们的考量", a title
WHOLE_KINDS = frozenset({"heading", "table header", "admonition title", "title", "linkTitle"})


def split_sentences(text: str, lang: str, *, spans: Sequence[Span] | None = None, whole: bool = False) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of ``text``, whitespace excluded.

    The same rules serve both languages, so English runs inside a Chinese
    paragraph are split as English. ``spans`` are the text's inline markup
    (``inline.markup_spans``) where the caller has them already; ``whole``
    takes the text as one sentence.
    """
    if spans is None and not whole:
        spans = markup_spans(text)
    pieces: list[tuple[int, int]] = []
    start = 0
    for end in [*([] if whole else _boundaries(text, spans or [])), len(text)]:
        if end <= start:
            continue
        chunk = text[start:end]
        left = len(chunk) - len(chunk.lstrip())
        right = len(chunk.rstrip())
        if right > left:
            pieces.append((start + left, start + right))
        start = end
    return pieces


def text_unit(kind: str, value: str, line: int, start: int, end: int, lang: str, *, scalar: str = "") -> Unit | None:
    """A unit of plain text on one line (a front-matter value, an admonition title), or None without words.

    ``start``/``end`` is the span of the file the value's translation replaces.
    """
    segments = tuple(
        Segment(clean_text(value[a:b]), line, start=a, end=b, translatable=has_words(value[a:b]))
        for a, b in split_sentences(value, lang, whole=kind in WHOLE_KINDS)
    )
    if not any(segment.translatable for segment in segments):
        return None
    return Unit(kind=kind, text=value, line=line, start=start, end=end, segments=segments, scalar=scalar)




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
