"""Edits made by hand in a built edition, brought back to the catalog.

newsroom builds an edition by putting each sentence's translation in place
of the source sentence. When someone edits the edition instead of the PO
file, the edition on disk differs from that build. Knowing where each
sentence's translation stands in the build, the two texts are aligned
(difflib, character by character): an edit inside one sentence's
translation is that sentence's new translation. An edit between sentences,
across two of them, in markup or in the front matter cannot be given to one
sentence; it is reported with its line, never dropped.
"""

from __future__ import annotations

import bisect
import difflib
from dataclasses import dataclass

from .build import unit_translations
from .content import placed_text, render_unit, replace_units, unit_pieces
from .model import Article
from .po import Catalog

__all__ = ["HandEdits", "find_hand_edits"]


@dataclass
class HandEdits:
    translations: dict[str, str]  # msgid -> the translation as edited
    unmapped: list[tuple[int, str]]  # (line of the edition, why it cannot be brought back)


def _msgstr(piece: str, placeholders: tuple[str, ...], kind: str) -> str | None:
    """An edited piece of the edition as a msgstr: the source's HTML and shortcodes back to ⟦n⟧ (None: one is gone)."""
    text = piece
    if kind in ("table cell", "table header"):
        text = text.replace("\\|", "|")
    position = 0
    for number, placeholder in enumerate(placeholders, start=1):
        found = text.find(placeholder, position)
        if found < 0:
            return None
        marker = f"⟦{number}⟧"
        text = text[:found] + marker + text[found + len(placeholder) :]
        position = found + len(marker)
    return text


def find_hand_edits(article: Article, po: Catalog, built: str, disk: str) -> HandEdits:
    """What changed between the edition newsroom built from ``po`` (``built``) and the one on disk."""
    result = HandEdits({}, [])
    translations = unit_translations(article, po)
    texts = [render_unit(unit, row) for unit, row in zip(article.units, translations)]
    body = replace_units(article, dict(enumerate(texts)))
    # where each sentence's translation stands in that body, as replace_units places the units:
    # (start, end, unit index, segment index); and where the front matter ends there
    spans: list[tuple[int, int, int, int]] = []
    offset = 0  # what the units placed so far added
    cut = article.front_end
    for index, (unit, unit_text) in enumerate(zip(article.units, texts)):
        position = unit.start + offset
        if unit_text != unit.text:  # replace_units keeps an unchanged unit's bytes
            offset += len(placed_text(unit, unit_text)) - (unit.end - unit.start)
        if unit.start < article.front_end:
            cut = article.front_end + offset
        if unit.scalar or unit.start < article.front_end:
            continue  # front matter and shortcode attributes: compared value by value, or reported
        for text, segment in unit_pieces(unit, translations[index]):
            if segment is not None:
                spans.append((position, position + len(text), index, segment))
            position += len(text)
    shift = len(built) - len(body)  # what setting newsroom's keys added to the front matter
    if not built.endswith(body[cut:]):
        result.unmapped.append((1, "the edition's front matter cannot be told from its body"))
        return result
    spans = [(start + shift, end + shift, index, segment) for start, end, index, segment in spans]

    def line_of(offset: int) -> int:
        return disk.count("\n", 0, offset) + 1

    spans.sort()
    starts = [span[0] for span in spans]
    matcher = difflib.SequenceMatcher(None, built, disk, autojunk=False)
    edited: dict[tuple[int, int], tuple[int, int]] = {}  # (unit, segment) -> its span in the build
    front_changed = False
    owners: dict[tuple[int, int], tuple[int, int]] = {}  # each change, by its span in the build -> the sentence it went to
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if i1 < cut + shift:
            front_changed = True  # compared value by value below
            continue
        at = bisect.bisect_right(starts, i1) - 1
        # the sentence holding the change: it starts at or before it, and the change ends within it
        holder = spans[at] if at >= 0 and spans[at][0] <= i1 and i2 <= spans[at][1] else None
        if holder is None and i1 == i2 and at >= 0 and spans[at][1] == i1:
            holder = spans[at]  # text added right after a sentence: it belongs to it
        if "\n" in disk[j1:j2] and "\n" not in built[i1:i2]:
            line = line_of(j1 + disk[j1:j2].index("\n") + 1)
            result.unmapped.append((line, "new lines that no source sentence has (a paragraph?): newsroom cannot tell where they belong; add them to the source"))
            continue
        if holder is None:
            result.unmapped.append((line_of(j1), "an edit outside a sentence (in markup, or between sentences): newsroom cannot tell which sentence it belongs to"))
            continue
        edited[(holder[2], holder[3])] = (holder[0], holder[1])
        owners[(i1, i2)] = (holder[2], holder[3])
    if front_changed:
        _front_matter_edits(article, built, disk, result)
    for (index, number), (start, end) in sorted(edited.items()):
        unit, segment = article.units[index], article.units[index].segments[number]
        new_start, new_end = _mapped(matcher, start, end, owners, (index, number))
        piece = disk[new_start:new_end]
        msgstr = _msgstr(piece.strip(), segment.placeholders, unit.kind)
        if msgstr is None or "\n" in msgstr.strip():
            result.unmapped.append((line_of(new_start), "an edit that removes markup or breaks the line: make it in the PO file"))
            continue
        result.translations[segment.text] = msgstr
    return result


def _front_matter_edits(article: Article, built: str, disk: str, result: HandEdits) -> None:
    """Edits of the front matter, value by value: a translated text field (title, summary) edited gives its
    sentences their new translations; any other change is reported with its line."""
    from .build import EDITION_KEYS, first_edited_line
    from .errors import InputError
    from .frontmatter import read_front_matter
    from .segment import split_sentences

    try:
        before, after = read_front_matter(built, path="built"), read_front_matter(disk, path="edition")
    except InputError as error:
        result.unmapped.append((error.line or 1, f"front matter that cannot be read ({error.message})"))
        return

    def line_of_key(key: str) -> int:
        for number, line in enumerate(disk.split("\n")[1:], start=2):
            if line.startswith((f"{key}:", f"{key} =", f"{key}=")):
                return number
        return 1

    units = {unit.kind: (index, unit) for index, unit in enumerate(article.units) if unit.start < article.front_end and unit.scalar}
    changed = [key for key in set(before) | set(after) if key not in EDITION_KEYS and before.get(key) != after.get(key)]
    if not changed:
        if first_edited_line(built.encode("utf-8"), disk.encode("utf-8")) is not None:  # beyond newsroom's own keys
            line = first_edited_line(built.encode("utf-8"), disk.encode("utf-8")) or 1
            result.unmapped.append((line, "a change of the front matter's layout (no value changed): newsroom builds it from the source; make it there"))
        return
    for key in sorted(changed, key=str):
        found = units.get(str(key))
        new = after.get(key)
        if found is None or not isinstance(new, str) or not isinstance(before.get(key), str):
            result.unmapped.append((line_of_key(str(key)), f"an edit of {key!r} in the front matter: make it in the source or the PO file"))
            continue
        index, unit = found
        sentences = [new[a:b] for a, b in split_sentences(new, "en" if article.lang == "zh" else "zh", whole=len(unit.segments) == 1)]
        if len(sentences) != len(unit.segments):
            result.unmapped.append((line_of_key(str(key)), f"an edit of {key!r} that changes how many sentences it has: make it in the PO file"))
            continue
        for segment, sentence in zip(unit.segments, sentences):
            if segment.translatable:
                result.translations[segment.text] = sentence.strip()


def _mapped(
    matcher: difflib.SequenceMatcher[str], start: int, end: int, owners: dict[tuple[int, int], tuple[int, int]], key: tuple[int, int]
) -> tuple[int, int]:
    """Where the sentence ``key`` at ``built[start:end]`` stands in the text on disk. A change at its edge
    is inside it only if it went to this sentence (two sentences may touch: no space between Chinese ones)."""

    def position(offset: int, *, is_end: bool) -> int:
        opcodes = matcher.get_opcodes()
        for tag, i1, i2, j1, j2 in opcodes:
            if tag != "equal" and i1 <= offset <= i2:
                mine = owners.get((i1, i2)) == key
                return (j2 if mine else j1) if is_end else (j1 if mine else j2)
        for tag, i1, i2, j1, j2 in opcodes:
            if i1 <= offset <= i2:
                return j1 + offset - i1
        return len(matcher.b)

    return position(start, is_end=False), position(end, is_end=True)
