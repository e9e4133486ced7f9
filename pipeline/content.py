"""Markdown with front matter <-> Article.

The module that knows Markdown's blocks (markdown-it-py: CommonMark, pipe
tables, footnotes, ::: admonitions); ``inline`` knows what lies inside a
block, ``frontmatter`` the YAML or TOML above it. An article is cut into
translatable units, each remembering the exact span of the file it came
from and where each of its sentences lies in it; an edition is built by
putting translations in place of those sentences, so everything that is not
translated stays byte for byte as in the source.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin

from .errors import InputError
from .text import HAN, decode_text
from .frontmatter import parse_front_matter, scalar_text, split_front_matter
from .inline import PLACEHOLDER, PLACEHOLDER_KINDS, PLACEHOLDER_RE, Span, has_words, markup_spans
from .model import Article, Segment, Unit
from .segment import WHOLE_KINDS, clean_text, is_cjk, join_lines, split_sentences, text_unit

__all__ = [
    "decode_text",
    "render_unit",
    "restore_placeholders",
    "parse_article",
    "replace_units",
    "markup_problems",
]


def _admonition(params: str, *args: Any) -> bool:
    return bool(re.match(r"\s*[\w-]", params))


def _block_parser() -> MarkdownIt:
    """Blocks only: units keep their inline Markdown as text, parsed where needed (``inline``).

    CommonMark, pipe tables, footnote definitions and ::: containers
    (Docusaurus admonitions); footnotes stay where they are written.
    """
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    md.use(footnote_plugin).use(container_plugin, name="admonition", validate=_admonition)
    md.disable(["inline", "text_join"])
    md.core.ruler.disable("footnote_tail")
    return md


_BLOCKS = _block_parser()
_CONTAINER_KINDS = {
    "list_item_open": "list item",
    "blockquote_open": "block quote",
    "th_open": "table header",
    "td_open": "table cell",
    "heading_open": "heading",
    "footnote_reference_open": "footnote",
    "container_admonition_open": "admonition",
}




def parse_article(text: str, *, path: str, lang: str, slug: str, text_fields: Iterable[str]) -> Article:
    """Parse an article's text into front matter and translatable units."""
    front = split_front_matter(text, path=path)
    values: dict[str, Any] = {}
    units: list[Unit] = []
    if front is not None:
        values, front_units = parse_front_matter(text, front, text_fields, lang, path=path)
        units.extend(front_units)
    units.extend(_body_units(text, front.body_start if front else 0, lang, path))
    return Article(
        path=path,
        lang=lang,
        slug=slug,
        text=text,
        front=values,
        front_start=front.start if front else 0,
        front_end=front.end if front else 0,
        has_front_matter=front is not None,
        units=tuple(units),
    )


def _line_offsets(text: str) -> list[int]:
    return [0, *(match.end() for match in re.finditer("\n", text))]


@dataclass(frozen=True)
class _Inline:
    """One inline token's text, its lines found in the source.

    ``content`` is markdown-it's text of the block with each line as it
    stands in the source (block-quote markers and indentation left out);
    ``line_starts[i]`` is where line ``i`` starts in ``content``,
    ``sources[i]`` where it starts in the body, ``numbers[i]`` its line
    number in the file.
    """

    content: str
    line_starts: list[int]
    sources: list[int]
    numbers: list[int]

    def source(self, offset: int) -> int:
        """The body offset of ``content[offset]``."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return self.sources[index] + offset - self.line_starts[index]

    def line(self, offset: int) -> int:
        return self.numbers[bisect.bisect_right(self.line_starts, offset) - 1]


# a line inside a paragraph that is markup only ends the text before it: admonition fences,
# MDX import/export statements (Docusaurus reads .md as MDX)
_FENCE_LINE = re.compile(r"\s*:{3,}.*")
_ESM_LINE = re.compile(r"\s*(?:import\s+(?:[\w*{].*\sfrom\s+)?['\"].*|export\s+(?:const|let|var|function|default|\{).*)")
# a line that starts an item though it is no Markdown list: 2、… (2)… ② [2] 问：答： **Q:** / a short Chinese
# label (讲者：…) after a line that did not stop mid-sentence
_ITEM_LINE = re.compile(
    r"\s*(?:\d{1,2}[、)）](?!\d)|\d{1,2}\.(?![\d.])\s*\S|[（(]\d{1,2}[）)]|[①-⑳]|\[\d{1,3}\]\s"
    r"|(?:\*\*|__)?(?:问|答|Q|A)\s*[：:]|\*\*[^*\n]{1,30}[:：]\s*\*\*)"
)
_LABEL_LINE = re.compile(r"\s*[\u4e00-\u9fff]{1,4}[：:]")
_MID_SENTENCE = tuple("，,、；;：:（(“\"")
_HARD_BREAK = re.compile(r"(?: {2,}|\\|\s*<br\s*/?>\s*)$", re.IGNORECASE)
# Hugo shortcodes whose inner text is code or data, never prose
_VERBATIM = re.compile(
    r"\{\{[<%]\s*(highlight|code|mermaid|katex|math|chart|plantuml|raw|tabs?)\b.*?[>%]\}\}.*?\{\{[<%]\s*/\1\s*[>%]\}\}",
    re.DOTALL,
)
_ADMONITION_TITLE = re.compile(r"\s*[\w-]+\s*(?:\[(?P<bracketed>[^\]]*)\]|(?P<plain>[^{]*))")


def _locate(token: Token, body: str, line_offsets: list[int], first_line: int, cursors: dict[int, int], kind: str, path: str) -> _Inline:
    """Find each line of an inline token's content in the source."""
    assert token.map is not None
    lines: list[str] = []
    line_starts: list[int] = []
    sources: list[int] = []
    numbers: list[int] = []
    offset = 0
    for number, piece in enumerate(token.content.split("\n")):
        body_line = token.map[0] + number
        line_start = line_offsets[body_line]
        line_end = line_offsets[body_line + 1] - 1 if body_line + 1 < len(line_offsets) else len(body)
        cursor = max(line_start, cursors.get(body_line, line_start))
        piece = piece.lstrip(" \t")  # indentation markdown-it keeps is no text (and tabs may be expanded)
        found = body.find(piece, cursor, line_end)
        if found < 0 and "|" in piece:  # markdown-it unescapes \| in table cells
            piece = piece.replace("|", "\\|")
            found = body.find(piece, cursor, line_end)
        if found < 0:
            raise InputError(f"cannot locate the text of this {kind} in the source line", path=path, line=first_line + body_line)
        cursors[body_line] = found + len(piece)
        lines.append(piece)
        line_starts.append(offset)
        sources.append(found)
        numbers.append(first_line + body_line)
        offset += len(piece) + 1
    return _Inline("\n".join(lines), line_starts, sources, numbers)


def _marker(token: Token) -> str:
    """A pattern for the marker that opens a block on its first line: - , 1. , > , ## , [^1]:"""
    if token.type == "list_item_open":
        return re.escape(token.info + token.markup)
    if token.type == "blockquote_open":
        return ">"
    if token.type == "heading_open" and token.markup.startswith("#"):
        return re.escape(token.markup)
    if token.type == "footnote_reference_open":
        return r"\[\^[^\]\n]*\]:"
    return ""


def _skip_marker(token: Token, body: str, line_offsets: list[int], cursors: dict[int, int]) -> None:
    """Move the line's cursor past a block's marker, so text is not found inside it ([^1]: [link])."""
    pattern = _marker(token)
    if not pattern or token.map is None:
        return
    line = token.map[0]
    start = max(line_offsets[line], cursors.get(line, 0))
    end = line_offsets[line + 1] if line + 1 < len(line_offsets) else len(body)
    found = re.compile(pattern).search(body, start, end)
    if found is not None:
        cursors[line] = found.end()


def _markup_only(line: str, line_start: int, extensions: list[Span]) -> bool:
    """A line that is only shortcodes or MDX comments, an admonition fence or an MDX import/export."""
    if _FENCE_LINE.fullmatch(line) or _ESM_LINE.fullmatch(line):
        return True
    if not extensions:
        return not line.strip()
    chars = list(line)
    for span in extensions:
        low, high = max(span.start - line_start, 0), min(span.end - line_start, len(line))
        if low < high:  # a span on another line is not this line's (a negative end would cut the line short)
            chars[low:high] = " " * (high - low)
    return not "".join(chars).strip()


def _starts_item(line: str, previous: str) -> bool:
    """A line that starts an item of its own though no Markdown says so: 2、…, [2] …, 问：…, **Q:** …"""
    if _ITEM_LINE.match(line):
        return True
    return _LABEL_LINE.match(line) is not None and not previous.rstrip().endswith(_MID_SENTENCE)


def _text_ranges(inline: _Inline, spans: list[Span], verbatim: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """The stretches of an inline token's content that are text, in content offsets.

    A hard line break (two spaces, a backslash or a <br> at the end of a
    line) ends a stretch, its marker left outside, so address blocks keep
    their lines, unless the sentence goes on in lowercase after it; so does
    a line break before a line that starts an item of its own (``_starts_item``). A line that is only shortcodes, an
    admonition fence, an MDX import/export or inside a verbatim shortcode is
    no text at all.
    """
    content = inline.content
    atoms = [(span.start, span.end) for span in spans if span.kind != "escape"]
    extensions = [span for span in spans if span.kind in PLACEHOLDER_KINDS and span.kind != "html"]
    ends = [*(start - 1 for start in inline.line_starts[1:]), len(content)]
    start = 0
    for index, (line_start, line_end) in enumerate(zip(inline.line_starts, ends)):
        line = content[line_start:line_end]
        free = not any(a < line_end < b for a, b in atoms)  # the line's break is not inside markup
        after_free = index == 0 or not any(a < line_start - 1 < b for a, b in atoms)
        if after_free and (
            _markup_only(line, line_start, extensions) or any(a <= inline.sources[index] < b for a, b in verbatim)
        ):
            if line_start > start:
                yield start, line_start
            start = line_end + 1
            continue
        if index > 0 and after_free and start < line_start and _starts_item(line, content[inline.line_starts[index - 1] : line_start - 1]):
            yield start, line_start - 1
            start = line_start
        if index + 1 < len(ends) and free:
            marker = _HARD_BREAK.search(line)
            following = content[ends[index] + 1 : ends[index] + 2]
            if marker is not None and following.islower() and line[: marker.start()].rstrip()[-1:].isalnum():
                marker = None  # a sentence that goes on in lowercase after the break: one entry, the break kept inside it
            if marker is not None:
                yield start, line_start + marker.start()
                start = line_end + 1
    if start < len(content):
        yield start, len(content)


def _msgid(content: str, start: int, end: int, spans: list[Span], source: Callable[[Span], str]) -> tuple[str, tuple[str, ...]]:
    """What the translator sees of ``content[start:end]``: lines joined, HTML and shortcodes as ⟦n⟧.

    Returns the text and the source text of each placeholder.
    """
    if not spans:
        piece = content[start:end]
        return (clean_text(piece).strip() if "\n" not in piece else join_lines(piece.split("\n"))[0]), ()
    pieces: list[str] = []
    placeholders: list[str] = []
    position = start
    for span in spans:
        if span.kind not in PLACEHOLDER_KINDS or span.start < position or span.end > end:
            continue
        pieces.append(content[position : span.start])
        placeholders.append(source(span))
        pieces.append(PLACEHOLDER.format(len(placeholders)))
        position = span.end
    pieces.append(content[position:end])
    return join_lines("".join(pieces).split("\n"))[0], tuple(placeholders)  # join_lines cleans each line


def _trim(content: str, start: int, end: int, spans: list[Span]) -> tuple[int, int]:
    """``start``/``end`` without the whitespace, heading ids and MDX comments at either edge: ## 标题 {#id}"""
    edges = [span for span in spans if span.kind in ("attributes", "mdx")]
    while True:
        while start < end and content[start].isspace():
            start += 1
        while end > start and content[end - 1].isspace():
            end -= 1
        edge = next((span for span in edges if start < end and (span.end == end or span.start == start)), None)
        if edge is None:
            return start, end
        start, end = (start, edge.start) if edge.end == end else (edge.end, end)


def _unit(inline: _Inline, start: int, end: int, spans: list[Span], body: str, body_start: int, kind: str, lang: str) -> Unit | None:
    """The unit of ``inline.content[start:end]``, or None where it has nothing to translate."""
    content = inline.content
    start, end = _trim(content, start, end, spans)
    if start >= end:
        return None
    inner = [span.shifted(start) for span in spans if start <= span.start and span.end <= end]
    text = content[start:end]
    if not has_words(text, spans=inner):
        return None
    sentences = split_sentences(text, lang, spans=inner, whole=kind in WHOLE_KINDS)
    unit_start = inline.source(start + sentences[0][0])
    unit_end = inline.source(start + sentences[-1][1] - 1) + 1

    def source_of(span: Span) -> str:
        return body[inline.source(span.start) : inline.source(span.end - 1) + 1]

    placeholder_spans = [span for span in spans if span.kind in PLACEHOLDER_KINDS]
    segments = []
    for a, b in sentences:
        msgid, placeholders = _msgid(content, start + a, start + b, placeholder_spans, source_of)
        within = [span for span in inner if a <= span.start and span.end <= b]
        translatable = (
            (a, b) == (0, len(text))  # the whole unit has words
            or (not within and text.find(":::", a, b) < 0 and HAN.search(text, a, b) is not None)  # has_words' first test
            or has_words(text[a:b], spans=[span.shifted(a) for span in within])
        )
        segments.append(
            Segment(
                msgid,
                inline.line(start + a),
                start=inline.source(start + a) - unit_start,
                end=inline.source(start + b - 1) + 1 - unit_start,
                placeholders=placeholders,
                translatable=translatable,
            )
        )
    return Unit(
        kind=kind,
        text=body[unit_start:unit_end],
        line=segments[0].line,
        start=body_start + unit_start,
        end=body_start + unit_end,
        segments=tuple(segments),
    )


def _admonition_title(token: Token, body: str, line_offsets: list[int], body_start: int, first_line: int, lang: str) -> Unit | None:
    """The title of a Docusaurus admonition (:::tip Title, :::tip[Title]), as a unit of its own."""
    match = _ADMONITION_TITLE.match(token.info)
    title = ((match["bracketed"] or match["plain"] or "") if match else "").strip()
    if token.map is None or not title or not has_words(title):
        return None
    line_start = line_offsets[token.map[0]]
    line_end = body.find("\n", line_start)
    found = body.find(title, line_start + len(token.markup), len(body) if line_end < 0 else line_end)
    if found < 0:
        return None
    return text_unit("admonition title", title, first_line + token.map[0], body_start + found, body_start + found + len(title), lang)


# HTML blocks: text between block-level tags is a unit, inline tags in it are placeholders; comments and
# the content of script, style, pre and the like are no text
_HTML_TAG = re.compile(r"<!--.*?(?:-->|$)|<(/?)([A-Za-z][\w.:-]*)(?:\s[^<>]*)?/?>", re.DOTALL)
_HTML_BLOCK_TAGS = frozenset(
    """address article aside blockquote body br caption center col colgroup dd details dialog div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hr html iframe img legend li main
    nav ol option p picture section select source summary table tbody td tfoot th thead title tr ul video audio""".split()
)
_HTML_RAW_TAGS = frozenset("script style pre code textarea svg math template".split())


def _html_text_ranges(html: str) -> Iterator[tuple[int, int]]:
    """The stretches of an HTML block between block-level tags, outside comments and raw elements."""
    start = 0
    raw: str | None = None
    for tag in _HTML_TAG.finditer(html):
        name = (tag.group(2) or "").lower()
        if raw is not None:
            if tag.group(1) and name == raw:
                raw, start = None, tag.end()
            continue
        if tag.group(0).startswith("<!--") or name in _HTML_BLOCK_TAGS or name in _HTML_RAW_TAGS or name[:1].isupper():
            yield start, tag.start()
            start = tag.end()
            if name in _HTML_RAW_TAGS and not tag.group(1) and not tag.group(0).endswith("/>"):
                raw = name
    if raw is None:
        yield start, len(html)


def _html_block_units(token: Token, body: str, line_offsets: list[int], body_start: int, first_line: int, lang: str) -> Iterator[Unit]:
    """The text of an HTML block (<p align="center">图 1：架构</p>, a <table>'s cells, a <summary>)."""
    if token.map is None:
        return
    base = line_offsets[token.map[0]]
    html = token.content.rstrip("\n")
    if not body.startswith(html, base):
        return  # inside a block quote or list: its lines are not the source's; left as it is
    starts = [0, *(match.end() for match in re.finditer("\n", html))]
    inline = _Inline(html, starts, [base + start for start in starts], [first_line + token.map[0] + i for i in range(len(starts))])
    spans = markup_spans(html, env={"references": {}})
    for start, end in _html_text_ranges(html):
        if html[start:end].strip():
            unit = _unit(inline, start, end, spans, body, body_start, "html", lang)
            if unit is not None:
                yield unit


# the attributes of a Hugo shortcode whose values readers see: {{< figure src="x.png" caption="…" >}}
_SHORTCODE_TEXT = re.compile(r'\b(title|caption|alt|text|description|summary|attr|label)="((?:[^"\\\n]|\\.)*)"')


def _shortcode_units(body: str, body_start: int, first_line: int, lang: str, taken: list[tuple[int, int]]) -> Iterator[Unit]:
    """The text attributes of shortcodes outside sentences and code (in a sentence a shortcode is a placeholder)."""
    for shortcode in re.finditer(r"\{\{[<%].*?[>%]\}\}", body, re.DOTALL):
        if any(start < shortcode.end() and shortcode.start() < end for start, end in taken):
            continue
        name = re.match(r"\{\{[<%]\s*([\w/-]+)", shortcode.group(0))
        for attribute in _SHORTCODE_TEXT.finditer(body, shortcode.start(), shortcode.end()):
            value = re.sub(r"\\(.)", r"\1", attribute.group(2))
            line = first_line + body.count("\n", 0, attribute.start(2))
            kind = f"{attribute.group(1)} of {name.group(1) if name else 'a'} shortcode"
            unit = text_unit(kind, clean_text(value), line, body_start + attribute.start(2), body_start + attribute.end(2), lang, scalar="shortcode")
            if unit is not None and not any(char in value for char in "\n\\"):
                yield unit


_FILE_NAME = re.compile(r"[^\n]*\.(?:png|jpe?g|gif|svg|webp|bmp|avif)|[\w.-]*\d[\w.-]*", re.IGNORECASE)


def _file_name(alt: str, target: str) -> bool:
    """Alt text that is only the image's file name: flow.png, image-20220511170700075, the file's stem."""
    alt = alt.strip()
    stem = re.sub(r"\.\w+$", "", target.split("(", 1)[-1].split()[0].rstrip(")").rsplit("/", 1)[-1]) if "(" in target else ""
    return not alt or _FILE_NAME.fullmatch(alt) is not None or alt.casefold() == stem.casefold()


def _body_units(text: str, body_start: int, lang: str, path: str) -> Iterable[Unit]:
    body = text[body_start:]
    line_offsets = _line_offsets(body)
    first_line = text.count("\n", 0, body_start) + 1
    cursors: dict[int, int] = {}
    containers: list[str] = []
    env: dict[str, Any] = {}
    tokens = _BLOCKS.parse(body, env)
    env.setdefault("references", {})
    verbatim = [(m.start(), m.end()) for m in _VERBATIM.finditer(body)] if "{{" in body else []
    units: list[Unit] = []
    for token in tokens:
        if token.type in _CONTAINER_KINDS:
            containers.append(_CONTAINER_KINDS[token.type])
            _skip_marker(token, body, line_offsets, cursors)
            if token.type == "container_admonition_open":
                title = _admonition_title(token, body, line_offsets, body_start, first_line, lang)
                if title is not None:
                    units.append(title)
            continue
        if token.type.replace("_close", "_open") in _CONTAINER_KINDS and token.nesting == -1:
            containers.pop()
            continue
        if token.type == "html_block":
            units.extend(_html_block_units(token, body, line_offsets, body_start, first_line, lang))
            continue
        if token.type != "inline" or token.map is None or not token.content.strip():
            continue
        kind = containers[-1] if containers else "paragraph"
        inline = _locate(token, body, line_offsets, first_line, cursors, kind, path)
        spans = markup_spans(inline.content, env=env)
        stripped = inline.content.strip()
        offset = len(inline.content) - len(inline.content.lstrip())
        whole = [s for s in spans if s.start == offset and s.end == offset + len(stripped)]
        if kind == "paragraph" and whole and whole[0].kind == "image" and whole[0].inner is not None:
            # a paragraph that is only an image: its alt text is what there is to translate, unless
            # it is the file's name, as editors that paste images write it
            alt_start, alt_end = whole[0].inner
            alt = inline.content[alt_start:alt_end]
            unit = None
            if not _file_name(alt, inline.content[alt_end : whole[0].end]):
                unit = _unit(inline, alt_start, alt_end, [], body, body_start, "alt text", lang)
            if unit is not None:
                units.append(unit)
            continue
        for start, end in _text_ranges(inline, spans, verbatim):
            unit = _unit(inline, start, end, spans, body, body_start, kind, lang)
            if unit is not None:
                units.append(unit)
    if "{{" in body:
        code = [
            (line_offsets[token.map[0]], line_offsets[token.map[1]] if token.map[1] < len(line_offsets) else len(body))
            for token in tokens
            if token.type in ("fence", "code_block") and token.map
        ]
        taken = code + verbatim + [(unit.start - body_start, unit.end - body_start) for unit in units]
        units.extend(_shortcode_units(body, body_start, first_line, lang, taken))
    return sorted(units, key=lambda unit: unit.start)


# markup and quotation marks that both scripts share: the script of the sentence is the character next to them
_EDGE_MARKUP_END = re.compile(r"(?:[*_~”’\"')\]]+|<[^<>]*>|\]\([^()]*\))+$")
_EDGE_MARKUP_START = re.compile(r"^(?:[*_~“‘\"'(\[]+|<[^<>]*>)+")


def _joiner(left: str, right: str) -> str:
    """What goes between two sentences of which one is translated: the target language's rule.

    No space between two Chinese sentences or next to full-width
    punctuation, one space otherwise, so an English sentence is never glued
    to an untranslated Chinese one. The characters that count are the
    visible ones, inside emphasis and tags.
    """
    left = _EDGE_MARKUP_END.sub("", left) or left
    right = _EDGE_MARKUP_START.sub("", right) or right
    if not left or not right:
        return ""
    if is_cjk(left[-1]) and is_cjk(right[0]):
        return ""
    # full-width punctuation carries its own spacing: "。GitHub", "Yes.（注）"
    return "" if _full_width_punctuation(left[-1]) or _full_width_punctuation(right[0]) else " "


def _full_width_punctuation(char: str) -> bool:
    return "\u3000" <= char <= "\u303f" or "\uff00" <= char <= "\uffef"


def restore_placeholders(translation: str, placeholders: Sequence[str]) -> str:
    """A translation with ⟦1⟧, ⟦2⟧… put back as the source's HTML and shortcodes."""

    def put_back(match: re.Match[str]) -> str:
        number = int(match.group(1))
        return placeholders[number - 1] if 1 <= number <= len(placeholders) else match.group(0)

    return PLACEHOLDER_RE.sub(put_back, translation) if placeholders else translation


def _inline_text(translation: str, kind: str) -> str:
    """A translation as it may stand inside its block: on one line, and in a table cell | escaped.

    A msgid never holds a line break, so one in a translation can only break
    the block (a table row, a heading) or start a new one.
    """
    text = join_lines(translation.splitlines())[0] if "\n" in translation or "\r" in translation else translation
    if kind in ("table cell", "table header"):
        text = re.sub(r"(?<!\\)\|", r"\\|", text)
    return text


def render_unit(unit: Unit, translations: Sequence[str | None]) -> str:
    """The unit's text with each segment's translation (None: keep the source sentence).

    Between two source sentences everything stays as in the source; next to
    a translation, a line break and the line's prefix (``> ``, indentation)
    stay, and spaces follow the target language (``_joiner``). With every
    translation equal to its msgid the result is the unit's text exactly.
    """
    return "".join(text for text, _ in unit_pieces(unit, translations))


def unit_pieces(unit: Unit, translations: Sequence[str | None]) -> list[tuple[str, int | None]]:
    """``render_unit``'s text in pieces: (text, index of the segment it renders, or None for what lies between)."""
    pieces: list[tuple[str, int | None]] = []
    position = 0
    previous_is_source = True
    for index, (segment, translation) in enumerate(zip(unit.segments, translations, strict=True)):
        gap = unit.text[position : segment.start]
        if translation is None or translation == segment.text:
            piece, is_source = unit.text[segment.start : segment.end], True
        else:
            piece, is_source = restore_placeholders(_inline_text(translation, unit.kind), segment.placeholders), False
        if pieces and not (is_source and previous_is_source) and "\n" not in gap:
            gap = _joiner(pieces[-1][0], piece)
        pieces += [(gap, None), (piece, index)]
        position = segment.end
        previous_is_source = is_source
    pieces.append((unit.text[position:], None))
    return pieces


def placed_text(unit: Unit, text: str) -> str:
    """A unit's new text as it stands in the file: escaped in a shortcode's "…", a front-matter value as YAML or TOML writes it."""
    if unit.scalar == "shortcode":
        return text.replace("\\", "\\\\").replace('"', '\\"')  # inside "…", as Hugo reads it
    if unit.scalar:
        return scalar_text(text, unit.scalar)
    return text


def replace_units(article: Article, texts: Mapping[int, str]) -> str:
    """The article's text with unit ``i`` replaced by ``texts[i]``.

    A unit whose new text equals its own text keeps its original bytes, so
    an identity translation rebuilds the source exactly.
    """
    pieces: list[str] = []
    position = 0
    for index, unit in enumerate(article.units):
        new = texts.get(index)
        if new is None or new == unit.text:
            continue
        pieces.append(article.text[position : unit.start])
        pieces.append(placed_text(unit, new))
        position = unit.end
    pieces.append(article.text[position:])
    return "".join(pieces)


def _markup_signature(text: str) -> list[str]:
    """The inline markup of a sentence, as comparable strings: link targets, code, URLs, placeholders."""
    signature = []
    for span in markup_spans(text):
        if span.kind in ("entity", "escape"):
            continue  # a translator may write & or \. another way
        if span.kind == "emphasis":
            signature.append("emphasis")
        elif span.kind in ("link", "image") and span.inner is not None:
            target = text[span.inner[1] + 1 : span.end]
            if target.startswith("("):  # [text](url "title"): compare the URL
                signature.append(f"{span.kind}:{(target[1:-1].split() or [''])[0].strip('<>')}")
            else:  # [text][label], or [label] alone: compare the label
                signature.append(f"reference:{target.strip('[]') or text[span.inner[0] : span.inner[1]]}")
        elif span.kind == "code":
            signature.append(f"code:{text[span.start : span.end].strip('`').strip()}")
        elif span.kind == "autolink":
            signature.append(f"url:{text[span.start + 1 : span.end - 1]}")
        else:
            signature.append(f"{span.kind}:{text[span.start : span.end]}")
    return sorted(signature)


def markup_problems(source: str, draft: str) -> list[str]:
    """Readable differences between the inline Markdown of a source and its draft."""
    expected, actual = _markup_signature(source), _markup_signature(draft)
    if expected == actual:
        return []
    missing = [item for item in expected if item not in actual]
    extra = [item for item in actual if item not in expected]
    parts = []
    if missing:
        parts.append("missing " + ", ".join(missing))
    if extra:
        parts.append("unexpected " + ", ".join(extra))
    return ["inline Markdown does not match the source: " + "; ".join(parts or ["different markup"])]


# kinds of text where a line break inside a sentence is a soft break of its paragraph
_FLOWING_KINDS = frozenset({"paragraph", "list item", "block quote", "footnote", "admonition"})


def line_break_problem(source: str, translation: str, kinds: Sequence[str]) -> str | None:
    """Why the line breaks of a translation would change the edition's blocks, or None.

    In a heading, a table cell, a title or any one-line text a line break
    ends the text; in a paragraph it is a soft break, unless the next line
    starts a block of its own (a heading, a list, a quote, a rule, a fence)
    or is blank (a new paragraph), which the block parser tells.
    """
    if "\n" not in translation and "\r" not in translation:
        return None
    where = ", ".join(kinds) or "this text"
    if not kinds or any(kind not in _FLOWING_KINDS for kind in kinds):
        return f"a line break in a {where}, which must stay on one line: remove it"
    expected = [token.type for token in _BLOCKS.parse(source.replace("\r", ""))]
    actual = [token.type for token in _BLOCKS.parse(translation.replace("\r", ""))]
    if actual == expected:
        return None
    added = [kind.removesuffix("_open").replace("_", " ") for kind in actual if kind.endswith("_open") and kind not in expected or kind == "hr"]
    found = ", ".join(dict.fromkeys(added)) or "new blocks"
    return f"its line breaks add Markdown blocks to the {where} ({found}): keep the translation in one paragraph"
