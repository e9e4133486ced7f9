"""PO -> the other language's edition, linked to its source.

The edition is the source file with every translated unit's span replaced
and a few front-matter keys set: ``lang``, ``translation_of``,
``source_digest``, ``po_digest``, ``status``, ``completeness`` and
``display_date`` (the ISO ``date`` as the edition's language writes it). The shared
``translationKey`` comes along from the source unchanged.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import polib

from .catalog import entry_state, translations_digest
from .content import replace_units, set_front_matter
from .dates import PartialDate, render_date
from .model import LANGUAGES, Article, ReviewState
from .segment import is_cjk

__all__ = ["Edition", "build_edition", "join_sentences", "EDITION_KEYS"]

EDITION_KEYS = ("lang", "translation_of", "source_digest", "po_digest", "status", "completeness", "display_date")


@dataclass(frozen=True)
class Edition:
    text: str
    status: str  # reviewed | machine | partial
    completeness: int  # percent of sentences reviewed, rounded down


def join_sentences(sentences: list[str]) -> str:
    """Sentences of one paragraph: no space next to Chinese, one space otherwise."""
    text = ""
    for sentence in sentences:
        if text and sentence and not (is_cjk(text[-1]) or is_cjk(sentence[0])):
            text += " "
        text += sentence
    return text


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


def build_edition(
    article: Article, po: polib.POFile, *, target: str, source_digest: str, date_style: str = "newsroom"
) -> Edition:
    """Build the ``target`` edition of a source article from its catalog."""
    entries = {entry.msgid: entry for entry in po if not entry.obsolete}
    states: dict[str, ReviewState] = {}
    texts: dict[int, str] = {}
    for index, unit in enumerate(article.units):
        sentences = []
        for segment in unit.segments:
            entry = entries.get(segment.text)
            state = entry_state(entry) if entry is not None else ReviewState.UNTRANSLATED
            states[segment.text] = state
            sentences.append(entry.msgstr if entry is not None and entry.msgstr else segment.text)
        texts[index] = join_sentences(sentences)
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
    keys: dict[str, str | int] = {
        "lang": LANGUAGES[target].bcp47,
        "translation_of": article.path,
        "source_digest": source_digest,
        "po_digest": translations_digest(po),
        "status": status,
        "completeness": completeness,
    }
    display = _display_date(article.front.get("date"), target, date_style)
    if display is not None:
        keys["display_date"] = display
    text = set_front_matter(body, keys, path=article.path)
    return Edition(text=text, status=status, completeness=completeness)
