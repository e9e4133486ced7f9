"""Markdown with YAML front matter <-> Article.

The only module that knows Markdown (markdown-it-py, CommonMark plus pipe
tables) and YAML (PyYAML). An article is cut into translatable units, each
remembering the exact span of the file it came from; an edition is built by
replacing those spans, so everything that is not translated stays
byte-for-byte as in the source.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

import yaml
from markdown_it import MarkdownIt

from .errors import InputError
from .model import Article, Segment, Unit
from .segment import clean_text, join_lines, split_sentences

__all__ = [
    "decode_text",
    "newline_of",
    "parse_article",
    "replace_units",
    "set_front_matter",
    "yaml_scalar",
    "read_front_matter",
    "markup_problems",
]

_MARKDOWN = MarkdownIt("commonmark").enable("table")
# Blocks only: units keep their inline Markdown as text, so inline parsing (a third of the
# time on a large archive) is skipped; _MARKDOWN still parses inline markup where needed.
_BLOCKS = MarkdownIt("commonmark").enable("table").disable(["inline", "text_join"])
_IMAGE_ONLY = re.compile(r"!\[(?P<alt>(?:[^\]\\]|\\.)*)\]\([^()\s]*(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
# libyaml's loader where PyYAML was built with it: several times faster on 1,000 articles
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CONTAINER_KINDS = {
    "list_item_open": "list item",
    "blockquote_open": "block quote",
    "th_open": "table header",
    "td_open": "table cell",
    "heading_open": "heading",
}


def decode_text(data: bytes, *, path: str) -> str:
    """UTF-8 bytes to text; a clear error with the line of the first bad byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}); "
            "save the file as UTF-8",
            path=path,
            line=line,
        ) from None
    if "\r" in text.replace("\r\n", ""):
        line = text.count("\n", 0, text.replace("\r\n", "\n\n").find("\r")) + 1
        raise InputError("lone carriage return (old Mac line ending); save the file with LF or CRLF line endings", path=path, line=line)
    return text.removeprefix("\ufeff")  # a byte-order mark, as Windows Notepad writes


def newline_of(text: str) -> str:
    """The file's line ending: CRLF if its first line ends so, else LF."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def _split_front_matter(text: str, path: str) -> tuple[bool, int, int, int]:
    """(has_front_matter, front_start, front_end, body_start) offsets."""
    if not text.startswith("---\n") and not text.startswith("---\r\n"):
        return False, 0, 0, 0
    front_start = text.index("\n") + 1
    offset = front_start
    while offset < len(text):
        newline = text.find("\n", offset)
        line_end = len(text) if newline < 0 else newline
        if text[offset:line_end].rstrip("\r") in ("---", "..."):
            body_start = len(text) if newline < 0 else newline + 1
            return True, front_start, offset, body_start
        if newline < 0:
            break
        offset = newline + 1
    raise InputError("front matter opened with --- is never closed", path=path, line=1)


def read_front_matter(text: str, *, path: str) -> dict[str, Any]:
    """Only the front matter of an article, parsed (fast path for checks)."""
    has_front, front_start, front_end, _ = _split_front_matter(text, path)
    if not has_front:
        return {}
    return _load_front_matter(text[front_start:front_end], path)


def _load_front_matter(front_text: str, path: str) -> dict[str, Any]:
    try:
        data = yaml.load(front_text, Loader=_YAML_LOADER)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(error, "problem", None) or str(error)
        raise InputError(f"broken YAML front matter: {problem}", path=path, line=line) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError("front matter must be a YAML mapping of keys to values", path=path, line=2)
    return data


def parse_article(text: str, *, path: str, lang: str, slug: str, text_fields: Iterable[str]) -> Article:
    """Parse an article's text into front matter and translatable units."""
    has_front, front_start, front_end, body_start = _split_front_matter(text, path)
    front: dict[str, Any] = {}
    units: list[Unit] = []
    if has_front:
        front_text = text[front_start:front_end]
        front = _load_front_matter(front_text, path)
        units.extend(_front_matter_units(text, front_start, front_text, set(text_fields), lang))
    units.extend(_body_units(text, body_start, lang, path))
    return Article(
        path=path,
        lang=lang,
        slug=slug,
        text=text,
        front=front,
        front_start=front_start,
        front_end=front_end,
        has_front_matter=has_front,
        units=tuple(units),
    )


def _front_matter_units(text: str, base: int, front_text: str, fields: set[str], lang: str) -> Iterable[Unit]:
    root = yaml.compose(front_text, Loader=_YAML_LOADER)
    if not isinstance(root, yaml.MappingNode):
        return
    first_line = text.count("\n", 0, base) + 1
    seen: set[int] = set()
    for key_node, value_node in root.value:
        if key_node.value not in fields:
            continue
        if isinstance(value_node, yaml.SequenceNode):
            items = [item for item in value_node.value if isinstance(item, yaml.ScalarNode)]
            flow = bool(value_node.flow_style)
        elif isinstance(value_node, yaml.ScalarNode):
            items, flow = [value_node], False
        else:
            continue
        for node in items:
            if node.tag != "tag:yaml.org,2002:str" or not str(node.value).strip():
                continue
            start, end = node.start_mark.index, node.end_mark.index
            if id(node) in seen or front_text.startswith("*", start):
                continue  # an alias (*name) repeats its anchor's node: translated once, where the anchor is
            seen.add(id(node))
            anchor = re.match(r"&\S+\s+", front_text[start:end])
            if anchor:
                start += anchor.end()  # keep &name in the edition so its aliases still resolve
            while end > start and front_text[end - 1] in " \t\r\n":
                end -= 1
            raw_value = str(node.value)
            multi_line = "\n" in front_text[start:end]
            value = join_lines(raw_value.split())[0] if multi_line else clean_text(raw_value).strip()
            line = first_line + node.start_mark.line
            yield Unit(
                kind=str(key_node.value),
                text=value,
                line=line,
                start=base + start,
                end=base + end,
                segments=tuple(Segment(value[a:b], line) for a, b in split_sentences(value, lang)),
                in_front_matter=True,
                yaml_flow=flow,
            )


def _line_offsets(text: str) -> list[int]:
    return [0, *(match.end() for match in re.finditer("\n", text))]


def _body_units(text: str, body_start: int, lang: str, path: str) -> Iterable[Unit]:
    body = text[body_start:]
    line_offsets = _line_offsets(body)
    first_line = text.count("\n", 0, body_start) + 1
    cursors: dict[int, int] = {}
    containers: list[str] = []
    for token in _BLOCKS.parse(body):
        if token.type in _CONTAINER_KINDS:
            containers.append(_CONTAINER_KINDS[token.type])
        elif token.type.replace("_close", "_open") in _CONTAINER_KINDS and token.nesting == -1:
            containers.pop()
        if token.type != "inline" or token.map is None or not token.content.strip():
            continue
        kind = containers[-1] if containers else "paragraph"
        content = token.content
        image = _IMAGE_ONLY.fullmatch(content.strip()) if kind == "paragraph" else None
        if image is not None:
            kind = "alt text"
            if not image["alt"].strip():
                continue
            content = image["alt"]
        lines = content.split("\n")
        positions: list[tuple[int, int]] = []  # (absolute start, absolute end) per line
        for number, piece in enumerate(lines):
            body_line = token.map[0] + number
            line_start = line_offsets[body_line]
            line_end = line_offsets[body_line + 1] - 1 if body_line + 1 < len(line_offsets) else len(body)
            cursor = max(line_start, cursors.get(body_line, line_start))
            found = body.find(piece, cursor, line_end)
            if found < 0 and "|" in piece:  # markdown-it unescapes \| in table cells
                piece = lines[number] = piece.replace("|", "\\|")
                found = body.find(piece, cursor, line_end)
            if found < 0:
                raise InputError(
                    f"cannot locate the text of this {kind} in the source line",
                    path=path,
                    line=first_line + body_line,
                )
            cursors[body_line] = found + len(piece)
            positions.append((found, found + len(piece)))
        # a hard line break (two spaces or a backslash at the end of a line) ends a unit:
        # the break stays in the edition, and address or contact blocks keep their lines
        group: list[int] = []
        for number, piece in enumerate(lines):
            group.append(number)
            hard_break = number < len(lines) - 1 and (piece.endswith("  ") or piece.endswith("\\"))
            if hard_break or number == len(lines) - 1:
                unit = _unit_from_lines(body, body_start, first_line + token.map[0], kind, lang, lines, positions, group)
                if unit is not None:
                    yield unit
                group = []


def _unit_from_lines(
    body: str,
    body_start: int,
    first_line: int,
    kind: str,
    lang: str,
    lines: list[str],
    positions: list[tuple[int, int]],
    group: list[int],
) -> Unit | None:
    """One unit from consecutive source lines, hard-break markers left outside its span."""
    texts = [lines[number] for number in group]
    last = texts[-1]
    trimmed = last.rstrip(" ")
    if trimmed.endswith("\\") and group[-1] < len(lines) - 1:
        trimmed = trimmed[:-1]
    texts[-1] = trimmed
    joined, starts = join_lines(texts)
    if not joined:
        return None
    start_line = first_line + group[0]
    segments = []
    for a, b in split_sentences(joined, lang):
        sentence_line = start_line + bisect.bisect_right(starts, a) - 1
        segments.append(Segment(joined[a:b], sentence_line))
    start = positions[group[0]][0]
    start += len(lines[group[0]]) - len(lines[group[0]].lstrip())
    end = positions[group[-1]][0] + len(trimmed.rstrip())
    return Unit(kind=kind, text=joined, line=start_line, start=body_start + start, end=body_start + end, segments=tuple(segments))


def yaml_scalar(value: str, *, flow: bool = False) -> str:
    """A YAML scalar for ``value``: plain where that reads back the same, else double-quoted."""
    plain_ok = (
        value == value.strip()
        and "\n" not in value
        and not (flow and any(char in value for char in ",[]{}"))
    )
    if plain_ok:
        try:
            if flow:
                plain_ok = yaml.safe_load(f"k: [{value}]") == {"k": [value]}
            else:
                plain_ok = yaml.safe_load(f"k: {value}") == {"k": value}
        except yaml.YAMLError:
            plain_ok = False
    return value if plain_ok else json.dumps(value, ensure_ascii=False)


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
        if unit.in_front_matter:
            new = yaml_scalar(new, flow=unit.yaml_flow)
        pieces.append(article.text[position : unit.start])
        pieces.append(new)
        position = unit.end
    pieces.append(article.text[position:])
    return "".join(pieces)


def _yaml_value(value: str | int) -> str:
    return str(value) if isinstance(value, int) else yaml_scalar(value)


def set_front_matter(text: str, values: Mapping[str, str | int], *, path: str) -> str:
    """Set top-level front-matter keys to single-line values.

    A key already present on one line of its own is replaced in place;
    others are appended, in the order given. Every other line stays as it is.
    A file without front matter gets one.
    """
    has_front, front_start, front_end, _ = _split_front_matter(text, path)
    newline = newline_of(text)
    if not has_front:
        lines = "".join(f"{key}: {_yaml_value(value)}{newline}" for key, value in values.items())
        return f"---{newline}{lines}---{newline}{text}"
    front_lines = text[front_start:front_end].splitlines(keepends=True)
    if front_lines and not front_lines[-1].endswith("\n"):
        front_lines[-1] += newline
    remaining = dict(values)
    for number, line in enumerate(front_lines):
        key = line.split(":", 1)[0]
        if key in remaining and ":" in line and not line[0].isspace():
            following = front_lines[number + 1] if number + 1 < len(front_lines) else ""
            if following[:1].isspace() and following.strip():
                continue  # a multi-line value: leave it, append nothing twice
            front_lines[number] = f"{key}: {_yaml_value(remaining.pop(key))}{newline}"
    front_lines.extend(f"{key}: {_yaml_value(value)}{newline}" for key, value in remaining.items())
    return text[:front_start] + "".join(front_lines) + text[front_end:]


_REFERENCE = re.compile(r"\[[^\]]*\]\[([^\]]*)\]|(?<![\]!])\[([^\]]+)\](?![\[(])")
_BARE_URL = re.compile(r"(?<![(<\w])https?://[^\s<>()\]\u3000-\u9fff\uff00-\uffef]+[^\s<>()\].,;:!?\u3000-\u9fff\uff00-\uffef]")


def _markup_signature(text: str) -> list[str]:
    tokens = _MARKDOWN.parseInline(text)
    # reference links ([text][label], [label]) need the document's definitions to parse: compare labels
    signature = [f"reference:{full or short}" for full, short in _REFERENCE.findall(text)]
    signature += [f"url:{url}" for url in _BARE_URL.findall(text)]
    for child in tokens[0].children or [] if tokens else []:
        if child.type in ("text", "softbreak", "hardbreak"):
            continue
        detail = child.attrs.get("href") or child.attrs.get("src") or (child.content if child.type == "code_inline" else "")
        signature.append(f"{child.type}:{detail}")
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
