"""Inline markup as spans of text: what no sentence boundary may cut, what a translator sees as a placeholder.

markdown-it-py parses the inline Markdown (CommonMark, GFM strikethrough,
footnote references); its inline rules are wrapped so that every match
records where it starts and ends, which markdown-it itself does not keep.
linkify-it finds bare URLs. Hugo shortcodes (``{{< … >}}``, ``{{% … %}}``),
Liquid tags, JSX tags with ``{expressions}``, MDX comments (``{/* … */}``)
and attribute lists (``{#id}``) are not Markdown: they are found first and
masked (same length, so offsets hold) before Markdown is parsed, so that
``[text]({{< ref "a.md" >}})`` is still a link and ``{/* */}`` no emphasis.

    markup_spans(text)     every inline construct: code, link, image, autolink,
                           html, url, entity, escape, footnote, emphasis,
                           shortcode, jsx, template, mdx, attributes, placeholder
    has_words(text)        whether anything in it is worth translating
    PLACEHOLDER            ⟦1⟧, ⟦2⟧…: how inline HTML, shortcodes and the like
                           reach the translator

The only module besides ``content`` that knows Markdown syntax.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.balance_pairs import processDelimiters
from markdown_it.rules_inline.state_inline import Delimiter
from mdit_py_plugins.footnote import footnote_plugin

from .text import HAN, PLACEHOLDER_RE

__all__ = [
    "Span",
    "markup_spans",
    "has_words",
    "blank_markup",
    "PLACEHOLDER",
    "PLACEHOLDER_RE",
    "PLACEHOLDER_KINDS",
    "HAN",
]

PLACEHOLDER = "⟦{}⟧"
# inline constructs that reach the translator as ⟦n⟧: not prose, and not Markdown a translator edits
PLACEHOLDER_KINDS = frozenset({"html", "shortcode", "jsx", "template", "mdx", "attributes"})

# What CommonMark does not know: Hugo shortcodes ({{< name args >}}, {{% name args %}}) and Liquid or Go
# template tags ({{ site.url }}, {% include x %}); MDX comments {/* … */} and JSX tags, whose {expressions}
# HTML does not allow (<img style={{width: 300}} />); heading ids and attribute lists {#id .class}
_EXTENSIONS = re.compile(
    r"(?P<shortcode>\{\{<.*?>\}\}|\{\{%.*?%\}\})"
    r"|(?P<jsx></?[A-Za-z][\w.:-]*\s[^<>]*?\{[^<>]*?/?>)"
    r"|(?P<template>\{\{[^<%].*?\}\}|\{%.*?%\})"
    r"|(?P<mdx>\{/\*.*?\*/\})"
    r"|(?P<attributes>\{[#.][\w-][^{}\n]*\})",
    re.DOTALL,
)
_MASK = "\ue000"  # a private-use character: plain text to markdown-it, no space, no punctuation
_URL_STOP = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef⟦]")  # Chinese text or a placeholder ends a URL
# characters without which a text holds no inline Markdown at all (the common Chinese paragraph)
_MARKUP_CHARS = re.compile(r"[`*_~\[\]<>!&\\{}⟦]|://|www\.|@")

# what a tracked rule's match is called
_RULE_KINDS = {
    "backticks": "code",
    "link": "link",
    "image": "image",
    "autolink": "autolink",
    "html_inline": "html",
    "entity": "entity",
    "escape": "escape",
    "footnote_ref": "footnote",
    "footnote_inline": "footnote",
}
_DELIMITER_RULES = ("emphasis", "strikethrough")
_PAIRS = {"em_open": "em_close", "strong_open": "strong_close", "s_open": "s_close"}
_RECORD = "newsroom_spans"  # key of the per-parse record in markdown-it's env


@dataclass(frozen=True)
class Span:
    """One inline construct at ``text[start:end]``.

    ``inner`` is the part a translator translates, where there is one: a
    link's text, an image's alt text, the content of an emphasis run.
    """

    start: int
    end: int
    kind: str
    inner: tuple[int, int] | None = None

    def shifted(self, offset: int) -> Span:
        """The same construct in a text that starts ``offset`` characters later."""
        if offset == 0:
            return self
        inner = None if self.inner is None else (self.inner[0] - offset, self.inner[1] - offset)
        return Span(self.start - offset, self.end - offset, self.kind, inner)


class _AnyReference(dict[str, Any]):
    """Reference definitions that claim every label: a sentence alone reads [text][ref] as a link."""

    def get(self, key: str, default: Any = None) -> Any:
        return {"href": "", "title": ""}

    def __contains__(self, key: object) -> bool:
        return True


ANY_REFERENCE = _AnyReference()


def _tracked(name: str, rule: Callable[[StateInline, bool], bool]) -> Callable[[StateInline, bool], bool]:
    """The rule, recording where each of its matches starts and ends."""

    def run(state: StateInline, silent: bool) -> bool:
        start, count, pending = state.pos, len(state.tokens), bool(state.pending)
        if not rule(state, silent):
            return False
        record = state.env.get(_RECORD) if isinstance(state.env, dict) else None
        if silent or record is None or state.src != record["src"]:  # an image's alt text is parsed apart
            return True
        if name in _DELIMITER_RULES:
            position = start
            for token in state.tokens[count + (1 if pending else 0) :]:  # a pending text is pushed first
                record["delimiters"][id(token)] = position
                position += len(token.content)
            return True
        inner = None
        if name in ("link", "image"):
            bracket = start + (1 if name == "image" else 0)
            saved = state.pos
            label_end = state.md.helpers.parseLinkLabel(state, bracket, True)
            state.pos = saved
            if label_end > bracket:
                inner = (bracket + 1, label_end)
        record["spans"].append(Span(start, state.pos, _RULE_KINDS[name], inner))
        return True

    return run


def _inline_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(footnote_plugin)
    md.core.ruler.disable("footnote_tail")
    for rule in list(md.inline.ruler.__rules__):
        if rule.name in _RULE_KINDS or rule.name in _DELIMITER_RULES:
            md.inline.ruler.at(rule.name, _tracked(rule.name, rule.fn))
    return md


_PARSER = _inline_parser()


def _extension_spans(text: str) -> list[Span]:
    """Shortcodes, template tags, JSX, MDX comments, attribute lists: markup that CommonMark does not know."""
    if "{" not in text and "<" not in text:  # each of them starts with one
        return []
    return [Span(m.start(), m.end(), m.lastgroup or "") for m in _EXTENSIONS.finditer(text)]


def _mask(text: str, spans: list[Span]) -> str:
    pieces, position = [], 0
    for span in spans:
        pieces.append(text[position : span.start])
        pieces.append(re.sub(r"[^\n]", _MASK, text[span.start : span.end]))
        position = span.end
    pieces.append(text[position:])
    return "".join(pieces)


def _inside(span: Span, spans: list[Span]) -> bool:
    return any(other is not span and other.start <= span.start and span.end <= other.end for other in spans)


# What every URL linkify-it finds holds: a scheme's "//" (http://, ftp://, //host), an e-mail's "@"
# (mailto: too), or a host's "." before its top-level domain, as linkify-it's host pattern ends
_URL_SIGN = re.compile(r"/(?=/)|@")
# what no URL linkify-it finds holds (but as the character before it): spaces, line breaks, control characters
_URL_BREAK = re.compile(r"\s")
_HOST_CHAR = re.compile("")
if _PARSER.linkify is not None:
    _URL_SIGN = re.compile(  # one character, so that no sign hides another (a/// is /, //), and a literal first for speed
        rf"/(?=/)|@|\.(?=(?:{_PARSER.linkify.re['src_tlds']}){_PARSER.linkify.re['src_port']}{_PARSER.linkify.re['src_host_terminator']})",
        re.IGNORECASE,  # as linkify-it matches
    )
    _URL_BREAK = re.compile(_PARSER.linkify.re["src_ZCc"])
    _HOST_CHAR = re.compile(_PARSER.linkify.re["src_pseudo_letter"] + "|[-.]", re.IGNORECASE)


def _url_stretches(text: str, spans: list[Span]) -> list[tuple[int, int]]:
    """The stretches of ``text`` where linkify-it may find a URL that ``markup_spans`` keeps.

    A kept URL overlaps no span, and lies inside one stretch between
    spaces, so linkify-it finds it there as it does in the whole text (its
    patterns take a space before or after a URL as they take the text's
    start or end); the slow ``linkify.match`` then runs only on them, and
    not at all on most texts, whose ``//`` and ``.com`` lie inside link
    targets. A kept URL starts outside every span (emphasis aside), and
    nothing between its start and its sign is markup or ends it early
    (``_URL_STOP``): schemes, ``mailto:`` and the name before ``@`` are
    ASCII. Only a host holding Chinese characters ends early and may run on
    into markup: into a masked extension, which holds no ".", or into a
    code span, as a backtick is a host character to linkify-it; so a code
    span right after a host character does not hide a ".".
    """
    stretches: list[tuple[int, int]] = []
    breaks: list[int] | None = None  # where a stretch may start: after each break, found when first needed
    for sign in _URL_SIGN.finditer(text):
        start = sign.start()
        if stretches and start < stretches[-1][1]:
            continue
        dot = text[start] == "."
        end = start + (1 if text[start] == "@" else 2)
        for span in spans:
            if span.start < end and start < span.end and span.kind != "emphasis":
                if dot and span.kind == "code" and span.start > 0 and _HOST_CHAR.match(text, span.start - 1):
                    continue
                break
        else:
            if breaks is None:
                breaks = [0, *(match.end() for match in _URL_BREAK.finditer(text))]
            after = _URL_BREAK.search(text, start)
            stretches.append((breaks[bisect.bisect_right(breaks, start) - 1], after.start() if after else len(text)))
    return stretches


def _parsed_spans(masked: str, env: Mapping[str, Any] | None) -> list[Span]:
    """Links, images, code, HTML, emphasis… as markdown-it parses them, extensions masked."""
    record: dict[str, Any] = {"spans": [], "delimiters": {}, "src": masked}
    parse_env: dict[str, Any] = {"references": ANY_REFERENCE, **(env or {}), _RECORD: record}
    tokens = _PARSER.parseInline(masked, parse_env)
    spans: list[Span] = list(record["spans"])
    open_tokens = []
    for token in tokens[0].children or [] if tokens else []:
        if token.type in _PAIRS:
            open_tokens.append(token)
        elif token.type in _PAIRS.values() and open_tokens:
            opener = open_tokens.pop()
            start = record["delimiters"].get(id(opener))
            close = record["delimiters"].get(id(token))
            if start is None or close is None:
                continue
            if opener.type == "strong_open":  # the second of the two opening marks, the first of the closing ones
                start -= 1
            width = len(token.markup)
            spans.append(Span(start, close + width, "emphasis", (start + width, close)))
    return spans


# Text whose only inline Markdown is inline links and images to a URL or path and * emphasis: the common
# prose, for which _simple_spans finds the spans markdown-it would, without its parse. Nothing in a link's
# text that starts a construct; no parentheses, spaces or backslashes in its destination, which must pass
# markdown-it's validateLink (a scheme other than javascript:, vbscript:, file:, data:)
_SIMPLE_LINK = re.compile(r"(!?)\[[^\[\]`*_~<>&\\{}^!\r\x00]*\]\((?:https?://|/|#)[^\s()\[\]`*<>\\{}\x00-\x1f\x7f]*\)")
# what else would start a construct outside such links: code, emphasis by _, strikethrough, other brackets,
# autolinks and HTML, entities, escapes, extensions; CR and NUL, which markdown-it's normalize rule
# replaces (the text it parses would not be the text)
_NOT_SIMPLE = re.compile(r"[`_~\[\]<>&\\{}\r\x00]")
_STAR_RUN = re.compile(r"\*+")
_EMPTY_ENV: dict[str, Any] = {}


def _simple_spans(text: str) -> list[Span] | None:
    """The link and emphasis spans of text as markdown-it would find them, or None if it may hold more.

    The delimiter runs go through markdown-it's own rules (``scanDelims``,
    ``processDelimiters``), and the openers and closers pair up as its
    emphasis post-processing makes them, so the result is the parse's.
    """
    links = list(_SIMPLE_LINK.finditer(text)) if "[" in text else []
    position = 0
    for link in links:
        if _NOT_SIMPLE.search(text, position, link.start()):
            return None
        position = link.end()
    if _NOT_SIMPLE.search(text, position):
        return None
    if any(link.start() > 0 and text[link.start() - 1] == "^" and not link.group(1) for link in links):
        return None  # an inline footnote ^[…]
    spans = [
        Span(link.start(), link.end(), "image" if link.group(1) else "link", (link.end(1) + 1, link.start() + link.group(0).index("]")))
        for link in links
    ]
    if "*" in text:  # never inside such a link
        spans += _emphasis_spans(text)
    return spans


def _emphasis_spans(text: str) -> list[Span]:
    """Emphasis by * runs, none of them inside a link: what markdown-it's emphasis rules make of them."""
    state = StateInline(text, _PARSER, _EMPTY_ENV, [])
    delimiters: list[Delimiter] = []
    positions: list[int] = []
    token = 0
    for run in _STAR_RUN.finditer(text):
        scanned = state.scanDelims(run.start(), True)
        for offset in range(scanned.length):  # one text token per mark, as the emphasis rule pushes them
            delimiters.append(Delimiter(0x2A, scanned.length, token, -1, scanned.can_open, scanned.can_close))
            positions.append(run.start() + offset)
            token += 1
        token += 1  # between two runs lies at least one other token
    processDelimiters(state, delimiters)
    # as emphasis._postProcess: from the last opener, two adjacent pairs make one strong pair
    events: list[tuple[int, bool, int, int]] = []  # (token, opens, position, width)
    index = len(delimiters) - 1
    while index >= 0:
        opener = delimiters[index]
        if opener.end == -1:
            index -= 1
            continue
        closer = delimiters[opener.end]
        strong = (
            index > 0
            and delimiters[index - 1].end == opener.end + 1
            and delimiters[index - 1].token == opener.token - 1
            and delimiters[opener.end + 1].token == closer.token + 1
        )
        width = 2 if strong else 1
        events.append((opener.token, True, positions[index] - (1 if strong else 0), width))
        events.append((closer.token, False, positions[opener.end], width))
        index -= 2 if strong else 1
    # as markup_spans pairs the tokens of a parse: each closing token with the last opening one
    spans: list[Span] = []
    open_marks: list[int] = []
    for _, opens, position, width in sorted(events):
        if opens:
            open_marks.append(position)
        elif open_marks:
            start = open_marks.pop()
            spans.append(Span(start, position + width, "emphasis", (start + width, position)))
    return spans


def markup_spans(text: str, *, env: Mapping[str, Any] | None = None) -> list[Span]:
    """Every inline construct of ``text``, sorted by start.

    ``env`` is markdown-it's env of the whole document (link reference
    definitions, footnotes); without it, as for a sentence alone, every
    ``[text][label]`` and ``[label]`` counts as a link.
    """
    if not _MARKUP_CHARS.search(text):
        return []
    extensions = _extension_spans(text)
    masked = _mask(text, extensions) if extensions else text
    spans = None if extensions else _simple_spans(masked)
    if spans is None:
        spans = _parsed_spans(masked, env)
    if extensions:
        code = [span for span in spans if span.kind == "code"]
        spans += [span for span in extensions if not _inside(span, code)]
    linkify = _PARSER.linkify
    stretches = _url_stretches(masked, spans) if linkify is not None else []
    if linkify is not None and stretches and linkify.pretest(masked):
        for first, last in stretches:
            for match in linkify.match(masked[first:last]) or []:
                start, end = first + match.index, first + match.last_index
                stop = _URL_STOP.search(masked, start, end)  # …/check.sh。有需要的自取
                url = Span(start, stop.start() if stop else end, "url")
                if not any(s.start < url.end and url.start < s.end for s in spans if s.kind != "emphasis"):
                    spans.append(url)
    if "⟦" in text:
        spans += [Span(m.start(), m.end(), "placeholder") for m in PLACEHOLDER_RE.finditer(text)]
    return sorted(spans, key=lambda span: (span.start, -span.end))


# what is not a word even where it has letters: @handles, versions, file names (a number with a unit
# is: 30 min is 30 分钟)
_NOT_WORDS = re.compile(
    r"@[\w.-]+"
    r"|\b[vV]?\d+(?:\.\d+)+(?:-[\w.]+)?\b"
    r"|[\w.-]+\.(?:png|jpe?g|gif|svg|webp|bmp|ico|pdf|zip|tar\.gz|tgz|md|mdx|html?|ya?ml|json|toml|txt|csv)\b",
    re.IGNORECASE,
)
# a word between spaces without . : @ / or digits: every URL linkify-it finds has "//", "@" or ".",
# and every _NOT_WORDS match has "@", a digit or "."; neither holds a space
_PLAIN_WORD = re.compile(r"(?<!\S)[^\s.:@/\d]+(?!\S)")
_NOT_PROSE = frozenset({"code", "autolink", "url", "entity", "footnote", "placeholder", *PLACEHOLDER_KINDS})
_ADMONITION_FENCE = re.compile(r"^\s*:{3,}[\w-]*\s*$")
_TABLE_OF_CONTENTS = re.compile(r"\s*\[\[?toc\]\]?\s*", re.IGNORECASE)  # [TOC], [[toc]]: a marker, not a link


def blank_markup(text: str, spans: list[Span]) -> str:
    """``text`` with what is not prose (code, URLs, HTML, link targets) blanked out, offsets kept.

    A link's text and an image's alt text are prose; the rest of them is not.
    """
    chars = list(text)
    for span in spans:
        if span.kind in _NOT_PROSE:
            chars[span.start : span.end] = " " * (span.end - span.start)
        elif span.kind in ("link", "image") and span.inner is not None:
            chars[span.start : span.inner[0]] = " " * (span.inner[0] - span.start)
            chars[span.inner[1] : span.end] = " " * (span.end - span.inner[1])
    return "".join(chars)


def has_words(text: str, *, spans: list[Span] | None = None) -> bool:
    """Whether ``text`` holds anything to translate: letters outside code, URLs, HTML, handles, numbers.

    ``spans`` are ``text``'s markup spans where the caller has them already.
    """
    if (":::" in text and _ADMONITION_FENCE.match(text)) or ("[" in text and _TABLE_OF_CONTENTS.fullmatch(text)):
        return False
    if spans is None:
        spans = markup_spans(text)
    rest = text
    first = min((span.start for span in spans if span.kind in _NOT_PROSE or span.kind in ("link", "image")), default=None) if spans else None
    if first is not None:  # most texts have none
        if HAN.search(text, 0, first):
            return True  # Chinese prose before any markup
        rest = blank_markup(text, spans)
    if HAN.search(rest):
        return True  # Chinese prose (the common case: no need to look further)
    for word in _PLAIN_WORD.finditer(rest):  # a word on its own: no URL, handle, version or file name holds it
        if any(char.isalpha() for char in word.group(0)):
            return True
    linkify = _PARSER.linkify
    if linkify is not None and linkify.pretest(rest):  # a link whose text is its URL
        for match in linkify.match(rest) or []:
            rest = rest[: match.index] + " " * (match.last_index - match.index) + rest[match.last_index :]
    rest = _NOT_WORDS.sub(" ", rest)
    return any(char.isalpha() for char in rest)
