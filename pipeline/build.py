"""PO -> the other language's edition, linked to its source.

The edition is the source file with every translated sentence put in place
of its source (``content.render_unit``) and a few front-matter keys set:
``lang``, ``translation_of``, ``source_digest``, ``po_digest``, ``body_digest`` (of the text
below the front matter, so an edit by hand shows), ``status``,
``completeness``, ``display_date`` (the ISO ``date`` as the edition's
language writes it) and, for an edition not finished enough to publish,
``draft: true``. The shared ``translationKey`` comes along from the source
unchanged.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .catalog import entry_state, source_entries, translations_digest
from .content import render_unit, replace_units
from .frontmatter import rename_front_values, set_front_matter, split_front_matter
from .text import body_digest
from .dates import PartialDate, render_date
from .po import Catalog
from .model import LANGUAGES, PUBLISH_LEVELS, Article, ReviewState

__all__ = ["Edition", "build_edition", "front_people", "without_people", "body_digest", "first_edited_line", "unit_translations", "EDITION_KEYS"]

EDITION_KEYS = ("lang", "translation_of", "source_digest", "po_digest", "body_digest", "status", "completeness", "display_date", "draft")



@dataclass(frozen=True)
class Edition:
    text: str
    status: str  # reviewed | machine | partial
    completeness: int  # percent of sentences reviewed, rounded down


def _display_date(value: object, target: str, style: str) -> str | None:
    """The front matter's ISO date as the edition's language writes it."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value)
        except ValueError:
            return None
    if not isinstance(value, datetime.date):
        return None
    return render_date(PartialDate(value.year, value.month, value.day), target, style=style)


def unit_translations(article: Article, po: Catalog, states: dict[str, ReviewState] | None = None) -> list[list[str | None]]:
    """For each unit, each segment's translation (None: the source sentence stays); ``states`` gets each sentence's state."""
    entries = source_entries(po)
    result = []
    for unit in article.units:
        translations: list[str | None] = []
        for segment in unit.segments:
            entry = entries.get(segment.text) if segment.translatable else None
            if segment.translatable and states is not None:
                states[segment.text] = entry_state(entry) if entry is not None else ReviewState.UNTRANSLATED
            translations.append(entry.msgstr if entry is not None and entry.msgstr else None)
        result.append(translations)
    return result


def build_edition(
    article: Article,
    po: Catalog,
    *,
    target: str,
    source_digest: str,
    date_style: str = "newsroom",
    publish: str = "reviewed",
    people: Mapping[str, str] | None = None,
    people_fields: Sequence[str] = (),
) -> Edition:
    """Build the ``target`` edition of a source article from its catalog.

    The front-matter ``people_fields`` (authors) are written in the target
    language where ``people`` (the registry: 魏炜 -> WEI Wei) knows the name.

    An edition less finished than ``publish`` (one of PUBLISH_LEVELS) gets
    ``draft: true``, Hugo's and Docusaurus's own key, so a site never
    publishes it; otherwise the source's ``draft`` comes along unchanged.
    """
    states: dict[str, ReviewState] = {}
    texts = {index: render_unit(unit, translations) for index, (unit, translations) in enumerate(zip(article.units, unit_translations(article, po, states)))}
    values = list(states.values())
    if ReviewState.UNTRANSLATED in values:
        status = "partial"
    elif ReviewState.FUZZY in values:
        status = "machine"
    else:
        status = "reviewed"
    reviewed = values.count(ReviewState.REVIEWED)
    completeness = 100 if not values else (100 * reviewed) // len(values)
    body = replace_units(article, texts)
    if people and people_fields:
        body = rename_front_values(body, people_fields, people.get, path=article.path)
    keys: dict[str, str | int | bool] = {
        "lang": LANGUAGES[target].bcp47,
        "translation_of": article.path,
        "source_digest": source_digest,
        "po_digest": translations_digest(po),
        "body_digest": body_digest(body[front.body_start :] if (front := split_front_matter(body, path=article.path)) else body),
        "status": status,
        "completeness": completeness,
    }
    display = _display_date(article.front.get("date"), target, date_style)
    if display is not None:
        keys["display_date"] = display
    if PUBLISH_LEVELS.index(status) > PUBLISH_LEVELS.index(publish):
        keys["draft"] = True
    text = set_front_matter(body, keys, path=article.path)
    return Edition(text=text, status=status, completeness=completeness)


def front_people(front: Mapping[str, object], fields: Sequence[str]) -> list[str]:
    """The names in a front matter's people fields (authors: [魏炜, 马光辉], or author: 魏炜)."""
    names: list[str] = []
    for field in fields:
        value = front.get(field)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and item.strip():
                names.append(item.strip())
    return names


def without_people(text: str, fields: Sequence[str], *, path: str) -> str:
    """An edition with its people fields' values blanked: they follow the registry, not the translators,
    so a changed registry is not taken for a hand edit."""
    return rename_front_values(text, fields, lambda _: "-", path=path) if fields else text


_EDITION_KEY_LINE = re.compile(rb"(?:%s)[ \t]*[:=]" % b"|".join(key.encode() for key in EDITION_KEYS))


def first_edited_line(built: bytes, disk: bytes) -> int | None:
    """The first line of the edition on disk that differs from the edition as built, or None.

    The front-matter lines of the keys newsroom sets do not count: they follow the settings
    (publish, date_style), which may have changed since.
    """
    if built == disk:
        return None
    expected, found = _without_edition_keys(built.split(b"\n")), _without_edition_keys(disk.split(b"\n"))
    if [line for _, line in expected] == [line for _, line in found]:
        return None
    return next((number for (number, a), (_, b) in zip(found, expected) if a != b), found[-1][0] if found else 1)


def _without_edition_keys(lines: list[bytes]) -> list[tuple[int, bytes]]:
    """(line number, line) of an edition, without the front-matter lines of the keys newsroom sets."""
    kept, fences = [], 0
    for number, line in enumerate(lines, start=1):
        if fences < 2 and line.rstrip(b" \t\r") in (b"---", b"+++"):
            fences += 1
        elif fences == 1 and _EDITION_KEY_LINE.match(line):
            continue
        kept.append((number, line))
    return kept
