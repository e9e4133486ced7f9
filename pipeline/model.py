"""Plain values passed between the pipeline's stages.

Nothing here does I/O; every class is a frozen dataclass or an enum.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

__all__ = [
    "Language",
    "LANGUAGES",
    "PUBLISH_LEVELS",
    "Segment",
    "Unit",
    "Article",
    "ReviewState",
    "Finding",
    "Counts",
]


@dataclass(frozen=True)
class Language:
    """A newsroom language: its content folder, gettext locale and BCP 47 tag."""

    code: str  # content/<code>/, front matter `lang`, Argos language code
    locale: str  # locales/<locale>/LC_MESSAGES/
    bcp47: str  # for HTML lang attributes
    name: str
    joiner: str  # what goes between two sentences of one paragraph
    plural_forms: str


LANGUAGES: dict[str, Language] = {
    "zh": Language("zh", "zh_CN", "zh-Hans", "Chinese (Simplified)", "", "nplurals=1; plural=0;"),
    "en": Language("en", "en", "en", "English", " ", "nplurals=2; plural=(n != 1);"),
}

# edition states from most to least finished; newsroom.toml's `publish` names the least finished
# one a site may publish, and anything less finished is built with draft: true
PUBLISH_LEVELS = ("reviewed", "machine", "partial")


@dataclass(frozen=True)
class Segment:
    """One sentence of a unit: the review unit of the PO file.

    ``text`` is what the translator sees (the msgid): hard-wrapped lines
    joined, inline HTML and shortcodes as ⟦1⟧, ⟦2⟧…, which stand for
    ``placeholders``. ``start``/``end`` are the sentence's offsets in its
    unit's ``text``. A sentence with nothing to translate (a URL, a number)
    is not ``translatable``: it is copied, never extracted.
    """

    text: str
    line: int  # 1-based line of the source file where the sentence starts
    start: int = 0
    end: int = 0
    placeholders: tuple[str, ...] = ()
    translatable: bool = True


@dataclass(frozen=True)
class Unit:
    """A translatable piece of an article: a title, a paragraph, a table cell...

    ``start``/``end`` are character offsets in the article's full text of the
    span that a translation replaces. ``text`` is the source text of that
    span (for a front-matter value: the value), line breaks, block-quote
    markers and spacing between sentences included: what lies between the
    segments is copied from it into the edition.
    """

    kind: str
    text: str
    line: int
    start: int
    end: int
    segments: tuple[Segment, ...]
    # how a translation is written back where the unit is a quoted value: "yaml", "yaml-flow" (in
    # [a, b] or {k: v}, where , [ ] { } need quoting) or "toml" in front matter, "shortcode" for a
    # shortcode's attribute (caption="…"); "" for Markdown
    scalar: str = ""

    @property
    def in_front_matter(self) -> bool:
        return self.scalar in ("yaml", "yaml-flow", "toml")


@dataclass(frozen=True)
class Article:
    """One Markdown file with YAML front matter, parsed into units."""

    path: str  # relative to the project root, POSIX separators
    lang: str
    slug: str
    text: str
    front: dict[str, object]
    front_start: int  # offset of the first front-matter line (after ---)
    front_end: int  # offset of the closing --- line
    has_front_matter: bool
    units: tuple[Unit, ...] = field(default=())

    @property
    def translation_of(self) -> str | None:
        value = self.front.get("translation_of")
        return str(value) if value is not None else None

    @property
    def is_source(self) -> bool:
        return self.translation_of is None

    @property
    def translation_key(self) -> str | None:
        value = self.front.get("translationKey")
        return str(value) if value is not None else None


class ReviewState(enum.Enum):
    """Where a translation stands: empty -> machine draft -> reviewed."""

    UNTRANSLATED = "untranslated"
    FUZZY = "fuzzy"  # a machine or fuzzy-match draft waiting for review
    REVIEWED = "reviewed"


@dataclass(frozen=True)
class Counts:
    """Sentences and words of one catalog, by review state."""

    reviewed: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    reviewed_words: int = 0
    fuzzy_words: int = 0
    untranslated_words: int = 0

    @property
    def total(self) -> int:
        return self.reviewed + self.fuzzy + self.untranslated

    @property
    def total_words(self) -> int:
        return self.reviewed_words + self.fuzzy_words + self.untranslated_words

    @property
    def reviewed_percent(self) -> float:
        return 100.0 if self.total == 0 else 100.0 * self.reviewed / self.total


@dataclass(frozen=True)
class Finding:
    """One problem found by a check, located as precisely as possible."""

    code: str  # short machine name: missing, stale, incomplete, broken-link...
    message: str
    path: str
    line: int | None = None
    severity: str = "error"  # error fails the check; warning does not
